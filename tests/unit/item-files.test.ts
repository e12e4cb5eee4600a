import { describe, expect, test } from 'vitest';
import {
	ITEM_FILES_MAGIC,
	itemFilesBundleBytes,
	itemFilesBundleOf,
	itemFilesGroupOf,
	parseItemFiles,
} from '../../src/domain/item-files.ts';

/** The bundle format between the item-file route and the unpacking integration. */

const FILES: [string, string][] = [
	['/articles/2021-11-11/02-zhu.json', '{\n\t"title": "安康 “引号” \\\\ 与换行"\n}\n'],
	['/articles/2021-11-11/02-zhu.ris', 'TY  - NEWS\nT1  - 安康\nER  - \n'],
	['/articles/2021-11-11/02-zhu.bib', ''],
	['/people/wang-fang.csl.json', '[{"title":"𠀀 outside the BMP"}]\n'],
];

const parse = (bundle: string | Uint8Array) =>
	parseItemFiles(
		typeof bundle === 'string' ? new TextEncoder().encode(bundle) : bundle,
		'articles/2021-11-11.item-files',
	).map(([path, bytes]) => [path, new TextDecoder().decode(bytes)]);

/** A bundle as text, to read its lines or to spoil it. */
const bundleText = (files: readonly [string, string][]) =>
	Buffer.from(itemFilesBundleBytes(files)).toString('utf8');

describe('item-file bundles', () => {
	test('give back every file, byte for byte, in order', () => {
		expect(parse(itemFilesBundleBytes(FILES))).toEqual(FILES);
		expect(parse(itemFilesBundleBytes([]))).toEqual([]);
		expect(bundleText([])).toBe(`${ITEM_FILES_MAGIC}\n[]\n`);
	});

	test('write a lone surrogate as U+FFFD, counted as its three bytes in the index', () => {
		const files: [string, string][] = [...FILES, ['/articles/2021-11-11/03-x.json', 'a\uD800b']];
		const bytes = itemFilesBundleBytes(files);
		const index = JSON.parse(bundleText(files).split('\n', 2)[1]!) as [string, number][];
		expect(index.at(-1)).toEqual(['/articles/2021-11-11/03-x.json', 5]);
		expect([...parseItemFiles(bytes, 'x.item-files').at(-1)![1]]).toEqual([
			0x61, 0xef, 0xbf, 0xbd, 0x62,
		]);
	});

	test('carry the texts as they are, after a format line and an index of byte lengths', () => {
		const text = bundleText(FILES.slice(0, 2));
		const [magic, index] = text.split('\n', 2);
		expect(magic).toBe(ITEM_FILES_MAGIC);
		expect(JSON.parse(index!)).toEqual([
			[FILES[0]![0], new TextEncoder().encode(FILES[0]![1]).byteLength],
			[FILES[1]![0], new TextEncoder().encode(FILES[1]![1]).byteLength],
		]);
		expect(text.endsWith(`${FILES[0]![1]}${FILES[1]![1]}`)).toBe(true);
	});

	test('refuse anything else, naming the bundle', () => {
		const good = bundleText(FILES);
		const body = good.slice(good.indexOf('\n', ITEM_FILES_MAGIC.length + 1) + 1);
		const withIndex = (index: unknown, rest = body) =>
			`${ITEM_FILES_MAGIC}\n${JSON.stringify(index)}\n${rest}`;
		for (const bad of [
			// The earlier format, one JSON line per file.
			`${JSON.stringify(FILES[0])}\n`,
			`${ITEM_FILES_MAGIC}\n`,
			`${ITEM_FILES_MAGIC}\nnot json\n`,
			withIndex({ path: '/a.json' }),
			withIndex([['articles/a.json', 2]], 'ab'),
			withIndex([['/articles/../../etc/a.json', 2]], 'ab'),
			withIndex([['/a.json', -1]], ''),
			withIndex([['/a.json', 1.5]], 'ab'),
			withIndex([['/a.json', 3]], 'ab'),
			withIndex([['/a.json', 1]], 'ab'),
		]) {
			expect(() => parse(bad), bad).toThrow(
				/articles\/2021-11-11\.item-files: not an item-files bundle/,
			);
		}
	});
});

const FOLDERS = ['articles', 'notices', 'adverts', 'people'];

describe('which bundle holds a file', () => {
	test('a dated item is in its day’s bundle, a person in `all`', () => {
		expect(itemFilesGroupOf('2021-11-11/02-zhu')).toBe('2021-11-11');
		expect(itemFilesGroupOf('zhu-haiyi')).toBe('all');
		expect(itemFilesGroupOf('2021-11/odd')).toBe('all');
	});

	test('names the bundle that holds each kind of file', () => {
		expect(itemFilesBundleOf('/articles/2021-11-11/02-zhu.ris', FOLDERS)).toBe(
			'/articles/2021-11-11.item-files',
		);
		expect(itemFilesBundleOf('/notices/2021-11-11/03-quartz.csl.json', FOLDERS)).toBe(
			'/notices/2021-11-11.item-files',
		);
		expect(itemFilesBundleOf('/people/zhu-haiyi.json', FOLDERS)).toBe('/people/all.item-files');
	});

	test('no bundle for other addresses', () => {
		expect(itemFilesBundleOf('/data/schema/v1/article.json', FOLDERS)).toBeUndefined();
		expect(itemFilesBundleOf('/articles/2021-11-11/02-zhu/', FOLDERS)).toBeUndefined();
		expect(itemFilesBundleOf('/articles/2021-11-11.item-files', FOLDERS)).toBeUndefined();
		expect(itemFilesBundleOf('/opensearch.xml', FOLDERS)).toBeUndefined();
	});
});
