import { describe, expect, test } from 'vitest';
import {
	afterSignature,
	fragmentData,
	metadataFile,
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

	test('the metadata file is the index Pagefind takes in a worker: `unknown`, else the largest', () => {
		const index = (hash: string, pages: number) => ({ hash, wasm: null, page_count: pages });
		expect(metadataFile({ languages: { und: index('und_1', 3) } })).toBe('pagefind.und_1.pf_meta');
		expect(metadataFile({ languages: { en: index('en_2', 2), und: index('und_1', 3) } })).toBe(
			'pagefind.und_1.pf_meta',
		);
		expect(
			metadataFile({ languages: { und: index('und_1', 3), unknown: index('unknown_4', 1) } }),
		).toBe('pagefind.unknown_4.pf_meta');
		expect(metadataFile({ languages: {} })).toBeUndefined();
	});
});
