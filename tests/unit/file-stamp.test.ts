import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, test } from 'vitest';
import { CheckCache, forEachFileResult } from '../../src/cache/check-results.ts';
import { fileStamp, RACY_NS } from '../../src/cache/file-stamp.ts';
import { TMP_ROOT } from '../../support/paths.ts';

/**
 * A file's stamp (inode, size, status-change time) lets a check skip reading a file it has
 * read before, and nothing else: any change to the file moves the stamp, and a file changed
 * too recently for its stamp to be trusted gets none.
 */

const dirs: string[] = [];
afterAll(async () => {
	for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

async function folder(files: Record<string, string>): Promise<string> {
	const dir = await mkdtemp(join(TMP_ROOT, 'file-stamp-'));
	dirs.push(dir);
	for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
	return dir;
}

/** One run of a check that upper-cases each file, with its store at `store`. */
async function run(dir: string, store: string, files: string[], now?: bigint) {
	const cache = await CheckCache.open<string>(store, 'code');
	const computed: string[] = [];
	const results: string[] = [];
	forEachFileResult(
		dir,
		files,
		cache,
		(file, content) => {
			computed.push(file);
			return content.toString('utf8').toUpperCase();
		},
		(_, result) => results.push(result),
		now,
	);
	await cache.save();
	return { cache, computed, results };
}

describe('file stamps', () => {
	test('a file changed within the racy window has no stamp; an older one has, and a change moves it', async () => {
		const dir = await folder({ 'a.txt': 'one' });
		const path = join(dir, 'a.txt');
		const before = await stat(path, { bigint: true });
		expect(fileStamp(before, before.ctimeNs + RACY_NS)).toBeUndefined();
		const later = before.ctimeNs + RACY_NS + 1n;
		const stamp = fileStamp(before, later);
		expect(stamp).toBeDefined();
		expect(fileStamp(await stat(path, { bigint: true }), later)).toBe(stamp);
		// Same size, other bytes, a later tick of the file system's clock.
		await sleep(50);
		await writeFile(path, 'two');
		const after = await stat(path, { bigint: true });
		expect(fileStamp(after, after.ctimeNs + RACY_NS + 1n)).not.toBe(stamp);
	});

	test('an unchanged file is not read again; a changed one is, even at the same size', async () => {
		const files = ['a.txt', 'b.txt', 'c.txt'];
		const dir = await folder({ 'a.txt': 'one', 'b.txt': 'two', 'c.txt': 'six' });
		const store = join(dir, 'store.json');
		const future = () => BigInt(Date.now() + 60_000) * 1_000_000n;

		const first = await run(dir, store, files, future());
		expect(first.computed).toEqual(files);
		expect(first.results).toEqual(['ONE', 'TWO', 'SIX']);

		const second = await run(dir, store, files, future());
		expect(second.computed).toEqual([]);
		expect(second.cache.unread).toBe(3);
		expect(second.results).toEqual(first.results);

		await sleep(50);
		await writeFile(join(dir, 'b.txt'), 'ten');
		const third = await run(dir, store, files, future());
		expect(third.computed).toEqual(['b.txt']);
		expect(third.cache.unread).toBe(2);
		expect(third.results).toEqual(['ONE', 'TEN', 'SIX']);
	});

	test('a file rewritten with the same bytes is read again and found by its digest', async () => {
		const dir = await folder({ 'a.txt': 'one' });
		const store = join(dir, 'store.json');
		const future = () => BigInt(Date.now() + 60_000) * 1_000_000n;
		await run(dir, store, ['a.txt'], future());
		await sleep(50);
		await writeFile(join(dir, 'a.txt'), 'one');
		const again = await run(dir, store, ['a.txt'], future());
		expect(again.computed).toEqual([]);
		expect(again.cache.unread).toBe(0);
		expect(again.cache.hits).toBe(1);
		// Its new stamp is kept: the next run does not read it.
		expect((await run(dir, store, ['a.txt'], future())).cache.unread).toBe(1);
	});

	test('a file read within the racy window keeps no stamp, so the next run reads it', async () => {
		const dir = await folder({ 'a.txt': 'one' });
		const store = join(dir, 'store.json');
		// Real time: the file was written just now.
		await run(dir, store, ['a.txt']);
		const next = await run(dir, store, ['a.txt'], BigInt(Date.now() + 60_000) * 1_000_000n);
		expect(next.cache.unread).toBe(0);
		expect(next.cache.hits).toBe(1);
		expect(next.computed).toEqual([]);
	});
});
