import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { reachableModules } from '../../src/cache/code-digest.ts';
import {
	SEARCH_INDEX_CODE,
	writeSearchIndex,
	type ShardCache,
} from '../../src/integrations/pagefind.ts';
import { search, type SearchOutcome } from '../../src/search/engine.ts';
import {
	MAX_SHARDS_A_ROUND,
	ShardedSearch,
	shardsForRound,
	shardsSureNeeded,
} from '../../src/search/sharded-search.ts';
import type { ShardSummary } from '../../src/search/shards.ts';
import { loadSiteSearch, type LoadedPagefind } from '../../support/pagefind-node.ts';
import { PROJECT_ROOT, TMP_ROOT } from '../../support/paths.ts';
import { FIXTURE_PAGES, indexedFixtureSite, writeFixtureSite } from './fixture-site.ts';

/**
 * The index in shards, written by the real index writer and read by Pagefind's own JS in
 * Node: shard 0 first, older shards only as a search needs them, and closed shards
 * copied from the cache when their pages have not changed.
 *
 * With two pages a shard the fixture is cut into shard 1 (2020-05-01, 2021-03-02),
 * shard 2 (2021-11-11, two pages) and shard 0 (2021-11-12, 2022-01-05 and the profile).
 */

const SHARD_PAGES = 2;
let siteDir: string;
const loads: LoadedPagefind[] = [];

async function lazyArchive(): Promise<ShardedSearch> {
	const loaded = await loadSiteSearch(siteDir, { lazy: true });
	loads.push(loaded);
	return new ShardedSearch(loaded.index);
}

async function urlsOf(outcome: SearchOutcome): Promise<string[]> {
	return Promise.all(outcome.hits.map(async (hit) => (await hit.data()).url));
}

beforeAll(async () => {
	siteDir = await indexedFixtureSite('sharded-search', SHARD_PAGES);
}, 120_000);

afterAll(async () => {
	for (const loaded of loads) await loaded.close();
	if (siteDir) await rm(siteDir, { recursive: true, force: true });
});

describe('searching the newest shard first', () => {
	test('stops at shard 0 when it fills the first page, and says from when it searched', async () => {
		const archive = await lazyArchive();
		const { outcome, coverage } = await archive.search({ query: '经济 发展' }, 1);
		expect(await urlsOf(outcome)).toEqual(['/articles/2022-01-05/02-jingji/']);
		expect(coverage).toEqual({
			complete: false,
			searchedFrom: '2021-11-12',
			searched: 1,
			needed: 3,
		});
	});

	test('asking for more searches older shards until it finds more or has searched them all', async () => {
		const archive = await lazyArchive();
		const first = await archive.search({ query: '经济 发展' }, 1);
		const shown = new Set(first.outcome.hits.map((hit) => hit.id));
		const more = await archive.more({ query: '经济 发展' }, shown, 1);
		// Shard 2 holds no such page, so shard 1 is searched too.
		expect(more.coverage).toMatchObject({ complete: true, searched: 3 });
		expect((await urlsOf(more.outcome)).sort()).toEqual([
			'/articles/2020-05-01/01-jingji/',
			'/articles/2021-03-02/01-jingji/',
			'/articles/2022-01-05/02-jingji/',
		]);
	});

	test('searching everything finds what one search over all shards finds, in the same order', async () => {
		const full = await loadSiteSearch(siteDir);
		loads.push(full);
		for (const query of ['朱海义', '经济 发展', '石英石', '旬阳']) {
			for (const sort of ['relevance', 'newest', 'oldest'] as const) {
				const { outcome, coverage } = await (await lazyArchive()).searchAll({ query, sort });
				expect(coverage.complete).toBe(true);
				const direct = await search(full.api, { query, sort }, { shards: full.shards });
				expect(await urlsOf(outcome)).toEqual(await urlsOf(direct));
			}
		}
	});

	test('a word not in shard 0 is looked for in every shard before it is called missing', async () => {
		const archive = await lazyArchive();
		const found = await archive.search({ query: '春耕' }, 10);
		expect(await urlsOf(found.outcome)).toEqual(['/articles/2021-03-02/01-jingji/']);
		const missing = await archive.search({ query: '不存在的词语' }, 10);
		expect(missing.outcome.missingWords).toEqual(['不存在的词语']);
		expect(missing.coverage.complete).toBe(true);
	});

	test('searches started together merge each shard once and list each page once', async () => {
		const loaded = await loadSiteSearch(siteDir, { lazy: true });
		loads.push(loaded);
		const merged: number[] = [];
		const archive = new ShardedSearch({
			...loaded.index,
			merge: async (shard) => {
				merged.push(shard.number);
				await loaded.index.merge(shard);
			},
		});
		const outcomes = await Promise.all(
			['经济 发展', '春耕', '经济'].map((query) => archive.search({ query }, 10)),
		);
		expect(merged.sort()).toEqual([1, 2]);
		for (const { outcome } of outcomes) {
			const urls = await urlsOf(outcome);
			expect(new Set(urls).size).toBe(urls.length);
		}
		expect(await urlsOf(outcomes[0]!.outcome)).toHaveLength(3);
	});

	test('a year filter searches only the shards of that year', async () => {
		const archive = await lazyArchive();
		const { outcome, coverage } = await archive.search(
			{ query: '经济 发展', filters: { year: '2020' } },
			10,
		);
		expect(await urlsOf(outcome)).toEqual(['/articles/2020-05-01/01-jingji/']);
		expect(coverage).toMatchObject({ complete: true, searched: 2, needed: 2 });
	});

	test('sorting oldest first loads every shard at once', async () => {
		const { outcome, coverage } = await (
			await lazyArchive()
		).search({ query: '经济 发展', sort: 'oldest' }, 1);
		expect(coverage.complete).toBe(true);
		expect((await urlsOf(outcome))[0]).toBe('/articles/2020-05-01/01-jingji/');
	});
});

/**
 * The archive of `dir` with the word table, its searches and merges recorded in order
 * (`merge <name of the shard>`, by number unless `name` says otherwise).
 */
async function recordedArchive(
	dir = siteDir,
	name: (shard: ShardSummary) => string = (shard) => String(shard.number),
): Promise<{ archive: ShardedSearch; calls: string[] }> {
	const loaded = await loadSiteSearch(dir, { lazy: true, wordMap: true });
	loads.push(loaded);
	const { index } = loaded;
	const calls: string[] = [];
	const archive = new ShardedSearch({
		...index,
		api: {
			search: (term, options) => {
				calls.push('search');
				return index.api.search(term, options);
			},
			filters: () => index.api.filters(),
		},
		merge: async (shard) => {
			calls.push(`merge ${name(shard)}`);
			await index.merge(shard);
		},
	});
	return { archive, calls };
}

describe('merging before the first search', () => {
	test('a word that no loaded shard holds: the shard that holds it is merged before any search', async () => {
		const { archive, calls } = await recordedArchive();
		const { outcome, coverage } = await archive.search({ query: '春耕' }, 10);
		// 春耕 is in shard 1 only (2021-03-02): searching shard 0 alone first found nothing.
		expect(calls[0]).toBe('merge 1');
		expect(calls.filter((call) => call.startsWith('merge'))).toEqual(['merge 1']);
		expect(await urlsOf(outcome)).toEqual(['/articles/2021-03-02/01-jingji/']);
		expect(coverage).toMatchObject({ complete: true });
	});

	test('a word shard 0 holds is searched there first, no shard merged', async () => {
		const { archive, calls } = await recordedArchive();
		await archive.search({ query: '经济 发展' }, 1);
		expect(calls[0]).toBe('search');
		expect(calls.some((call) => call.startsWith('merge'))).toBe(false);
	});
});

describe('how many shards a round merges', () => {
	test('one at a time, unless all the rest can hold is wanted', () => {
		// Nothing known of how many pages hold the words: one shard a round.
		expect(shardsForRound(9, 1, 20)).toBe(1);
		expect(shardsForRound(10, 0, 10)).toBe(1);
		// Enough already, or nothing left.
		expect(shardsForRound(0, 10, 10)).toBe(0);
		expect(shardsForRound(5, 1, 0)).toBe(0);
		// Everything wanted (a complete search): every shard left, capped.
		expect(shardsForRound(Infinity, 0, 4)).toBe(4);
		expect(shardsForRound(Infinity, 0, 20)).toBe(MAX_SHARDS_A_ROUND);
	});

	test('every shard left when the word table says all they can hold is wanted', () => {
		// At most 7 pages hold the words and 10 are wanted: all three shards, even before
		// anything was found.
		expect(shardsForRound(10, 0, 3, 7)).toBe(3);
		// 12 pages at most, 2 found, 10 wanted: the other 10 are all wanted.
		expect(shardsForRound(10, 2, 4, 12)).toBe(4);
		expect(shardsForRound(10, 2, 20, 12)).toBe(MAX_SHARDS_A_ROUND);
		// 40 pages at most, 10 wanted: one at a time, as without the table.
		expect(shardsForRound(10, 0, 3, 40)).toBe(1);
		expect(shardsForRound(9, 1, 20, 40)).toBe(1);
	});

	test('every shard the word table says is needed to fill the page: their pages that can hold the words fall short before it', () => {
		const shard = (number: number): ShardSummary => ({
			number,
			path: `/pagefind/shard-${number}/`,
			pages: 100,
			from: null,
			to: null,
		});
		const next = [shard(7), shard(6), shard(5), shard(4)];
		const most = new Map([
			[7, 4],
			[6, 3],
			[5, 5],
			[4, 50],
		]);
		// 4 + 3 pages cannot make 10: shard 5 is needed too, and may be enough.
		expect(shardsSureNeeded(next, 10, most)).toBe(3);
		expect(shardsSureNeeded(next, 4, most)).toBe(1);
		expect(shardsSureNeeded(next, 5, most)).toBe(2);
		// All of them cannot make 100: every one is needed.
		expect(shardsSureNeeded(next, 100, most)).toBe(4);
		// Nothing wanted, or nothing known.
		expect(shardsSureNeeded(next, 0, most)).toBe(0);
		expect(shardsSureNeeded(next, 10, undefined)).toBe(0);
	});

	describe('on an index of one day a shard', () => {
		// Shard 0 is 2022-01-05 (the open block) and the profile; every other day is a shard.
		let dir: string;

		beforeAll(async () => {
			dir = await mkdtemp(join(TMP_ROOT, 'sharded-rounds-'));
			await writeFixtureSite(dir, FIXTURE_PAGES);
			// Without postings, so that the table counts every word shard by shard (with them it
			// counts only words on more than 100 pages, which the fixture does not have).
			await writeSearchIndex({
				siteDir: dir,
				shardPages: 1,
				recentShardPages: 1,
				postingPages: 0,
			});
		}, 120_000);

		afterAll(async () => {
			if (dir) await rm(dir, { recursive: true, force: true });
		});

		/** Its merges named by the shard's first date. */
		const recorded = () => recordedArchive(dir, (shard) => String(shard.from));

		test('a word a page in each of several shards: those shards are merged together, before the first search', async () => {
			// 经济 发展 is on a page of shard 0 and on one page in each of two older shards.
			const { archive, calls } = await recorded();
			const { outcome, coverage } = await archive.search({ query: '经济 发展' }, 10);
			expect(await urlsOf(outcome)).toHaveLength(3);
			expect(coverage).toMatchObject({ complete: true });
			// The table says shard 0 has one page that can hold the words, not the ten wanted,
			// and the older shards no more than one each: both are merged at once, and the
			// first search covers all three.
			expect(calls.slice(0, 2)).toEqual(['merge 2021-03-02', 'merge 2020-05-01']);
			expect(calls.slice(2).every((call) => call === 'search')).toBe(true);
		});

		test('shard 0 enough by the table’s counts: searched first, alone', async () => {
			const { archive, calls } = await recorded();
			await archive.search({ query: '经济 发展' }, 1);
			expect(calls[0]).toBe('search');
			expect(calls.some((call) => call.startsWith('merge'))).toBe(false);
		});

		test('a word shard 0 does not hold, on fewer pages than wanted: every shard that holds it is merged before the first search', async () => {
			// 经济发展 as written is on two pages, 2021-03-02 and 2020-05-01, and not in shard 0.
			const { archive, calls } = await recorded();
			const { outcome } = await archive.search({ query: '经济发展' }, 10);
			expect((await urlsOf(outcome)).sort()).toEqual([
				'/articles/2020-05-01/01-jingji/',
				'/articles/2021-03-02/01-jingji/',
			]);
			expect(calls.slice(0, 2)).toEqual(['merge 2021-03-02', 'merge 2020-05-01']);
			expect(calls.slice(2).every((call) => call === 'search')).toBe(true);
		});

		test('the same word wanted once: the newest shard that holds it, alone', async () => {
			const { archive, calls } = await recorded();
			const { outcome } = await archive.search({ query: '经济发展' }, 1);
			expect(await urlsOf(outcome)).toEqual(['/articles/2021-03-02/01-jingji/']);
			expect(calls.filter((call) => call.startsWith('merge'))).toEqual(['merge 2021-03-02']);
		});
	});
});

describe('the shard cache', () => {
	let cacheSite: string;
	let cache: ShardCache;

	beforeAll(async () => {
		cacheSite = await mkdtemp(join(TMP_ROOT, 'shard-cache-'));
		cache = { dir: join(cacheSite, '.cache'), inputsDigest: 'code-1' };
		await writeFixtureSite(join(cacheSite, 'site'), FIXTURE_PAGES);
	});

	afterAll(async () => {
		if (cacheSite) await rm(cacheSite, { recursive: true, force: true });
	});

	const write = (digest = cache.inputsDigest) =>
		writeSearchIndex({
			siteDir: join(cacheSite, 'site'),
			shardPages: SHARD_PAGES,
			cache: { ...cache, inputsDigest: digest },
		});

	async function shardFiles(number: number): Promise<Map<string, string>> {
		const dir = join(cacheSite, 'site', 'pagefind', `shard-${number}`);
		const files = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) =>
			entry.isFile(),
		);
		return new Map(
			await Promise.all(
				files.map(async (entry) => {
					const file = join(entry.parentPath, entry.name);
					return [file.slice(dir.length), (await readFile(file)).toString('base64')] as const;
				}),
			),
		);
	}

	/** The cache's entries: closed shards, and parts of the word table (`words-<key>`). */
	async function cacheEntries(): Promise<{ shards: number; wordParts: number }> {
		const names = await readdir(cache.dir);
		const wordParts = names.filter((name) => name.startsWith('words-')).length;
		return { shards: names.length - wordParts, wordParts };
	}

	test(
		'reuses closed shards whose pages are unchanged, byte for byte',
		{ timeout: 120_000 },
		async () => {
			expect((await write()).reused).toBe(0);
			const before = await shardFiles(1);
			const again = await write();
			expect(again.reused).toBe(2);
			expect(await shardFiles(1)).toEqual(before);
			expect(await cacheEntries()).toEqual({ shards: 2, wordParts: 1 });
		},
	);

	test(
		'indexes a closed shard again when one of its pages changed',
		{ timeout: 120_000 },
		async () => {
			await write();
			const page = join(cacheSite, 'site', 'articles', '2020-05-01', '01-jingji', 'index.html');
			const html = await readFile(page, 'utf8');
			await writeFile(
				page,
				html.replace('全市上下谋划新的一年。', '全市上下谋划新的一年，春风送暖。'),
			);
			const summary = await write();
			expect(summary.reused).toBe(1);
			const archive = new ShardedSearch(
				(await loadSiteSearch(join(cacheSite, 'site'), { lazy: true })).index,
			);
			const { outcome } = await archive.searchAll({ query: '春风送暖' });
			expect(await urlsOf(outcome)).toEqual(['/articles/2020-05-01/01-jingji/']);
			// The cache keeps only the shards of the latest build, and their part of the word table.
			expect(await cacheEntries()).toEqual({ shards: 2, wordParts: 1 });
		},
	);

	test('the code the cache is keyed on is every module that writes a shard', async () => {
		const modules = await reachableModules(SEARCH_INDEX_CODE);
		const names = modules.map((module) => relative(PROJECT_ROOT, module).split(sep).join('/'));
		expect(names).toEqual(
			expect.arrayContaining([
				'src/integrations/search-shard-writer.ts',
				'src/search/record.ts',
				'src/search/tokens.ts',
				'src/search/shards.ts',
			]),
		);
	});

	test('indexes every shard again when the index code changed', { timeout: 120_000 }, async () => {
		await write();
		expect((await write('code-2')).reused).toBe(0);
	});

	test('ignores a cache entry that is not a complete shard', { timeout: 120_000 }, async () => {
		await write();
		for (const name of await readdir(cache.dir)) {
			if (!name.startsWith('words-')) await rm(join(cache.dir, name, 'pagefind-entry.json'));
		}
		expect((await write()).reused).toBe(0);
		const copy = join(cacheSite, 'copy');
		await cp(join(cacheSite, 'site'), copy, { recursive: true });
		const archive = new ShardedSearch((await loadSiteSearch(copy, { lazy: true })).index);
		expect((await archive.searchAll({ query: '经济 发展' })).outcome.hits).toHaveLength(3);
	});
});
