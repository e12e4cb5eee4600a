import { describe, expect, it } from 'vitest';
import {
	itemFilesBundleOf,
	itemFilesGroupOf,
	itemFilesLine,
	parseItemFiles,
} from '../../src/domain/item-files.ts';

const FOLDERS = ['articles', 'notices', 'adverts', 'people'];

describe('item-file bundles', () => {
	it('a dated item is in its day’s bundle, a person in `all`', () => {
		expect(itemFilesGroupOf('2021-11-11/02-zhu')).toBe('2021-11-11');
		expect(itemFilesGroupOf('zhu-haiyi')).toBe('all');
		expect(itemFilesGroupOf('2021-11/odd')).toBe('all');
	});

	it('names the bundle that holds each kind of file', () => {
		expect(itemFilesBundleOf('/articles/2021-11-11/02-zhu.ris', FOLDERS)).toBe(
			'/articles/2021-11-11.item-files',
		);
		expect(itemFilesBundleOf('/notices/2021-11-11/03-quartz.csl.json', FOLDERS)).toBe(
			'/notices/2021-11-11.item-files',
		);
		expect(itemFilesBundleOf('/people/zhu-haiyi.json', FOLDERS)).toBe('/people/all.item-files');
	});

	it('no bundle for other addresses', () => {
		expect(itemFilesBundleOf('/data/schema/v1/article.json', FOLDERS)).toBeUndefined();
		expect(itemFilesBundleOf('/articles/2021-11-11/02-zhu/', FOLDERS)).toBeUndefined();
		expect(itemFilesBundleOf('/articles/2021-11-11.item-files', FOLDERS)).toBeUndefined();
		expect(itemFilesBundleOf('/opensearch.xml', FOLDERS)).toBeUndefined();
	});

	it('reads back what it writes, and refuses a path outside the site', () => {
		const bundle =
			itemFilesLine('/articles/a.ris', 'TY  - NEWS\n') + itemFilesLine('/b.json', '{}');
		expect(parseItemFiles(bundle, 'x')).toEqual([
			['/articles/a.ris', 'TY  - NEWS\n'],
			['/b.json', '{}'],
		]);
		expect(() => parseItemFiles(itemFilesLine('/a/../../etc', ''), 'x.item-files')).toThrow(
			/x\.item-files:1/,
		);
	});
});
