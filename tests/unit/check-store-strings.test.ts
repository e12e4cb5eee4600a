import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, test } from 'vitest';
import { CheckCache, type ResultCodec } from '../../src/cache/check-results.ts';
import { TMP_ROOT } from '../../support/paths.ts';

/**
 * A check store with a codec (the post-build checks' page facts): strings kept once in its
 * table, exactly as given, and never the larger text they were cut from (issue 14: ids cut
 * from every page's HTML kept every page in memory).
 */

const dirs: string[] = [];
afterAll(async () => {
	for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** A result: a few strings, stored by number. */
const codec: ResultCodec<string[], number[]> = {
	encode: (strings, number) => strings.map(number),
	decode: (numbers, strings) => numbers.map((n) => strings[n]!),
};

async function storeFile(): Promise<string> {
	const dir = await mkdtemp(join(TMP_ROOT, 'check-store-strings-'));
	dirs.push(dir);
	return join(dir, 'store.json');
}

describe('check store with a codec', () => {
	test('gives back every string exactly, lone surrogates included', async () => {
		const file = await storeFile();
		const results: Record<string, string[]> = {
			'a.html': ['main', '同文另见', 'part-1998-01-01-01-001', '\ud800 alone', 'emoji 📰'],
			'b.html': ['main', 'x\udfff', ''],
		};
		const first = await CheckCache.open(file, 'code', codec);
		for (const [name, strings] of Object.entries(results)) first.set(name, 'digest', strings);
		expect(first.current('a.html')).toEqual(results['a.html']);
		await first.save();
		const second = await CheckCache.open(file, 'code', codec);
		expect(second.state).toBe('used');
		for (const [name, strings] of Object.entries(results)) {
			expect(second.get(name, 'digest')).toEqual(strings);
		}
		expect(second.get('a.html', 'another digest')).toBeUndefined();
	});

	test('a store written without the table is not read as one with it', async () => {
		const file = await storeFile();
		const plain = await CheckCache.open<string[]>(file, 'code');
		plain.set('a.html', 'digest', ['main']);
		await plain.save();
		expect((await CheckCache.open(file, 'code', codec)).state).toBe('corrupt');
	});

	test('keeps a string cut from a page, not the page', async () => {
		setFlagsFromString('--expose-gc');
		const gc = runInNewContext('gc') as () => void;
		const cache = await CheckCache.open(await storeFile(), 'code', codec);
		const pages = 200;
		// Two-byte text (Chinese), 512 KB a page: 100 MB if every page stayed.
		const body = '新闻'.repeat(128 * 1024);
		gc();
		const before = process.memoryUsage().heapUsed;
		for (let n = 0; n < pages; n++) {
			const html = `<p id="part-${String(n).padStart(6, '0')}-of-this-page">${body}${n}</p>`;
			const id = /id="([^"]*)"/.exec(html)![1]!;
			cache.set(`page-${n}.html`, 'digest', [id]);
		}
		gc();
		const grown = process.memoryUsage().heapUsed - before;
		expect(cache.current('page-7.html')).toEqual(['part-000007-of-this-page']);
		expect(grown).toBeLessThan(10 * 2 ** 20);
	});
});
