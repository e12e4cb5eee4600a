import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	bothParts,
	healCaches,
	recordCaches,
	settledRecordedFiles,
	writeRecord,
} from '../../src/cache/integrity.ts';
import { TMP_ROOT } from '../../support/paths.ts';

/**
 * The integrity check trusts a cached file by its inode, size and ctime, and reads and
 * hashes every other (src/cache/integrity.ts). Real files in a scratch folder; damage of the
 * kind tests/trust/cache-faults.test.ts does through real builds.
 */

let cacheDir: string;

function write(file: string, text: string): void {
	mkdirSync(join(cacheDir, file, '..'), { recursive: true });
	writeFileSync(join(cacheDir, file), text);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(() => {
	mkdirSync(TMP_ROOT, { recursive: true });
	cacheDir = mkdtempSync(join(TMP_ROOT, 'cache-integrity-'));
});

afterEach(() => {
	rmSync(cacheDir, { recursive: true, force: true });
});

describe('the cache integrity check', () => {
	it('trusts files unchanged since a record taken more than two seconds after them', async () => {
		write('dist/a/index.html', 'page a');
		write('dist/b/index.html', 'page b');
		await pause(2_100);
		expect(recordCaches(cacheDir)).toBe(2);
		const report = healCaches(cacheDir);
		expect(report).toMatchObject({ checked: 2, trusted: 2, dropped: [], deleted: 0 });
	});

	it('reads a file changed in place, even to the same size, and drops it', async () => {
		write('dist/a/index.html', 'page a');
		await pause(2_100);
		recordCaches(cacheDir);
		writeFileSync(join(cacheDir, 'dist/a/index.html'), 'page A');
		const report = healCaches(cacheDir);
		expect(report.trusted).toBe(0);
		expect(report.dropped).toEqual([
			{ group: 'dist/a/index.html', reason: 'dist/a/index.html: digest differs' },
		]);
	});

	it('reads files changed just before the record, and keeps them when their bytes match', () => {
		write('dist/a/index.html', 'page a');
		recordCaches(cacheDir);
		const report = healCaches(cacheDir);
		expect(report).toMatchObject({ checked: 1, trusted: 0, dropped: [] });
		expect(readFileSync(join(cacheDir, 'dist/a/index.html'), 'utf8')).toBe('page a');
	});

	it('checks the content store and the rest apart, each dropping only its own damage', async () => {
		write('data-store.json', 'store');
		write('archive-content-inputs.txt', 'inputs');
		write('dist/a/index.html', 'page a');
		write('archive-search-shards/s1/index.json', 'shard');
		await pause(2_100);
		recordCaches(cacheDir);
		writeFileSync(join(cacheDir, 'data-store.json'), 'STORE');
		writeFileSync(join(cacheDir, 'dist/a/index.html'), 'PAGE A');
		const early = healCaches(cacheDir, 'early');
		expect(early).toMatchObject({ checked: 2, deleted: 2 });
		expect(early.dropped).toEqual([
			{ group: 'content-store', reason: 'data-store.json: digest differs' },
		]);
		// The early part neither lists nor touches the rest.
		expect(readFileSync(join(cacheDir, 'dist/a/index.html'), 'utf8')).toBe('PAGE A');
		const late = healCaches(cacheDir, 'late');
		expect(late).toMatchObject({ checked: 2, trusted: 1, deleted: 1 });
		expect(late.dropped).toEqual([
			{ group: 'dist/a/index.html', reason: 'dist/a/index.html: digest differs' },
		]);
		expect(readFileSync(join(cacheDir, 'archive-search-shards/s1/index.json'), 'utf8')).toBe(
			'shard',
		);
		expect(bothParts(early, late)).toMatchObject({ checked: 4, deleted: 3, unrecorded: false });
	});

	it('finds a missing file in its own part only', async () => {
		write('data-store.json', 'store');
		write('dist/a/index.html', 'page a');
		write('dist/b/index.html', 'page b');
		await pause(2_100);
		recordCaches(cacheDir);
		rmSync(join(cacheDir, 'dist/a/index.html'));
		expect(healCaches(cacheDir, 'early').dropped).toEqual([]);
		expect(healCaches(cacheDir, 'late').dropped).toEqual([
			{ group: 'dist/a/index.html', reason: 'dist/a/index.html: missing' },
		]);
	});

	it('waits, in a large cache, until files linked just before the asking can be stamped', async () => {
		write('archive-search-shards/words-k/words/1.txt', 'words');
		await pause(2_100);
		recordCaches(cacheDir);
		expect(healCaches(cacheDir).trusted).toBe(1);
		const file = 'archive-search-shards/words-k/words/1.txt';
		// The search index links the cached file into the output: its ctime moves.
		linkSync(join(cacheDir, file), `${cacheDir}-out.txt`);
		const askedAtMs = Date.now();
		// A small cache is taken at once: the file gets no stamp, the next build reads it.
		const atOnce = await settledRecordedFiles(cacheDir, new Set(), askedAtMs);
		expect(atOnce[file]!.inode).toBeUndefined();
		// From `settleFrom` files, the entries are taken two seconds after the asking.
		const settled = await settledRecordedFiles(cacheDir, new Set(), askedAtMs, 1);
		expect(Date.now() - askedAtMs).toBeGreaterThanOrEqual(2_000);
		expect(settled[file]!.inode).toBeDefined();
		writeRecord(cacheDir, settled);
		expect(healCaches(cacheDir).trusted).toBe(1);
		rmSync(`${cacheDir}-out.txt`);
	});

	it('leaves the discarded output of the last build out of the check', async () => {
		write('dist/a/index.html', 'page a');
		await pause(2_100);
		recordCaches(cacheDir);
		write('archive-discarded-output/1-2/a/index.html', 'old page');
		expect(healCaches(cacheDir)).toMatchObject({ checked: 1, trusted: 1, dropped: [] });
	});
});
