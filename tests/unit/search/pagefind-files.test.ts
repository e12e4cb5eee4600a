import { describe, expect, test } from 'vitest';
import {
	afterSignature,
	fragmentData,
	PAGEFIND_SIGNATURE,
} from '../../../src/search/pagefind-files.ts';

const encode = (text: string) => new TextEncoder().encode(text);

describe('Pagefind’s files read without Pagefind', () => {
	test('a fragment’s data is the JSON after the signature', () => {
		const data = { url: '/a/', content: '朱海 海义 义', meta: { title: '朱海义' }, filters: {} };
		expect(fragmentData(encode(`${PAGEFIND_SIGNATURE}${JSON.stringify(data)}`))).toEqual(data);
	});

	test('a file without the signature is refused, named', () => {
		expect(() => fragmentData(encode('{"url":"/a/"}'))).toThrow(
			/not a decompressed Pagefind fragment/,
		);
		expect(() => afterSignature(encode('pagefind'), 'metadata file')).toThrow(
			/not a decompressed Pagefind metadata file/,
		);
	});
});
