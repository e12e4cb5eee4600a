import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DownloadMemberStore } from '../../src/cache/download-members.ts';
import { concatenated, gzippedJsonLines } from '../../src/data/bulk.ts';
import { TMP_ROOT } from '../../support/paths.ts';

/**
 * The yearly downloads' gzip members kept between builds (src/cache/download-members.ts), on
 * real files in a scratch folder; tests/build/yearly-downloads.test.ts compares a rebuilt
 * download with a clean build's.
 */

let dir: string;

beforeEach(() => {
	mkdirSync(TMP_ROOT, { recursive: true });
	dir = mkdtempSync(join(TMP_ROOT, 'download-members-'));
});

afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

describe('the download member store', () => {
	it('makes a member once and then reads it, the same bytes', () => {
		const store = new DownloadMemberStore(dir);
		let made = 0;
		const make = () => {
			made++;
			return gzippedJsonLines([{ id: 'a' }]);
		};
		const first = store.member('2024', 'article-2024-01', 'k1', make);
		const again = new DownloadMemberStore(dir).member('2024', 'article-2024-01', 'k1', make);
		expect(made).toBe(1);
		expect(Buffer.from(again)).toEqual(Buffer.from(first));
	});

	it('keeps one file a member: a new key replaces the old', () => {
		const store = new DownloadMemberStore(dir);
		store.member('2024', 'article-2024-01', 'k1', () => gzippedJsonLines([{ id: 'a' }]));
		store.member('2024', 'article-2024-10', 'k1', () => gzippedJsonLines([{ id: 'c' }]));
		const changed = store.member('2024', 'article-2024-01', 'k2', () =>
			gzippedJsonLines([{ id: 'b' }]),
		);
		expect(readdirSync(join(dir, '2024')).sort()).toEqual([
			'article-2024-01.k2.gz',
			'article-2024-10.k1.gz',
		]);
		expect(gunzipSync(changed).toString()).toBe('{"id":"b"}\n');
	});

	it('still makes the member when the store cannot be written', () => {
		// A file where the store's folder should be: nothing can be written below it.
		writeFileSync(join(dir, 'file'), 'not a folder');
		const store = new DownloadMemberStore(join(dir, 'file', 'store'));
		const bytes = store.member('2024', 'person', 'k', () => gzippedJsonLines([{ id: 'p' }]));
		expect(gunzipSync(bytes).toString()).toBe('{"id":"p"}\n');
	});
});

describe('a download of gzip members', () => {
	it('reads as one file of every member’s lines, in order', () => {
		const bytes = concatenated([
			gzippedJsonLines([{ id: 'a' }, { id: 'b' }]),
			gzippedJsonLines([{ id: 'c' }]),
		]);
		expect(gunzipSync(bytes).toString()).toBe('{"id":"a"}\n{"id":"b"}\n{"id":"c"}\n');
	});
});
