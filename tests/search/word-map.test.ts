import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CheckCache } from '../../src/cache/check-results.ts';
import { RACY_NS } from '../../src/cache/file-stamp.ts';
import {
	writeSearchIndex,
	type IndexedPageFacts,
	type ShardCache,
} from '../../src/integrations/pagefind.ts';
import { search, type PagefindFragment, type SearchOutcome } from '../../src/search/engine.ts';
import { metadataFile, type PagefindEntry } from '../../src/search/pagefind-files.ts';
import { ShardedSearch } from '../../src/search/sharded-search.ts';
import { SHARD_MANIFEST_FILE, type ShardManifest } from '../../src/search/shards.ts';
import {
	bucketOf,
	combineHolders,
	isMapWord,
	parseBucket,
	POSTING_MAX_PAGES,
	SHARD_WORDS_FILE,
	WORD_MAP_FOLDER,
	type WordHolders,
} from '../../src/search/word-map.ts';
import { loadSiteSearch, type LoadedPagefind } from '../../support/pagefind-node.ts';
import { TMP_ROOT } from '../../support/paths.ts';
import { defaultSiteDir } from '../helpers/dist.ts';
import { FIXTURE_PAGES, indexedFixtureSite, writeFixtureSite } from './fixture-site.ts';

/**
 * The table of which shards hold which words (`src/search/word-map.ts`), written by the real
 * index writer and read with the real Pagefind bundle in Node. With two pages a shard the
 * fixture is cut into shard 1 (2020-05-01, 2021-03-02), shard 2 (2021-11-11: the story of
 * 朱海义 and the notice of 石英石) and shard 0 (2021-11-12, 2022-01-05 and the profile).
 */

const SHARD_PAGES = 2;
let siteDir: string;
const loads: LoadedPagefind[] = [];

async function readManifest(dir: string): Promise<ShardManifest> {
	return JSON.parse(
		await readFile(join(dir, 'pagefind', SHARD_MANIFEST_FILE), 'utf8'),
	) as ShardManifest;
}

/** A word in no shard. */
const NOWHERE: WordHolders = { shards: [], pages: 0 };

/** The whole table, read from the bucket files of its parts (`combineHolders`). */
async function readTable(dir: string): Promise<Map<string, WordHolders>> {
	const manifest = await readManifest(dir);
	const table = new Map<string, WordHolders>();
	const { recent, ...closed } = manifest.words!;
	for (const part of recent ? [closed, recent] : [closed]) {
		for (let bucket = 0; bucket < part.buckets; bucket++) {
			const text = await readFile(join(dir, ...part.path.split('/'), `${bucket}.txt`), 'utf8');
			for (const [word, holders] of parseBucket(text)) {
				expect(bucketOf(word, part.buckets)).toBe(bucket);
				table.set(word, combineHolders(table.get(word) ?? NOWHERE, holders));
			}
		}
	}
	return table;
}

/** A sharded search that reads the table, recording the shards it merges. */
async function tableArchive(dir = siteDir): Promise<{ archive: ShardedSearch; merged: number[] }> {
	const loaded = await loadSiteSearch(dir, { lazy: true, wordMap: true });
	loads.push(loaded);
	const merged: number[] = [];
	const archive = new ShardedSearch({
		...loaded.index,
		merge: async (shard) => {
			merged.push(shard.number);
			await loaded.index.merge(shard);
		},
	});
	return { archive, merged };
}

/**
 * The table says a shard holds a word exactly when Pagefind finds the word there: each
 * word's quoted search returns pages of the table's shards, all of them, as many pages as
 * the table says, and every Han word of every page's indexed text (Pagefind's own copy of
 * it) is in the table with the page's shard.
 */
async function expectTableAgreesWithPagefind(dir: string): Promise<void> {
	const full = await loadSiteSearch(dir);
	loads.push(full);
	const table = await readTable(dir);
	expect(table.size).toBeGreaterThan(50);
	const shardOf = (data: PagefindFragment) => Number(data.filters.shard?.[0] ?? 0);
	for (const [word, { shards, pages, shardPages }] of table) {
		const response = await full.api.search(`"${word}"`, {});
		const holders = new Map<number, number>();
		for (const hit of response?.results ?? []) {
			const shard = shardOf(await hit.data());
			holders.set(shard, (holders.get(shard) ?? 0) + 1);
		}
		const found = [...holders.keys()].sort((a, b) => a - b);
		expect(found, word).toEqual(shards);
		expect(response?.results.length, word).toBe(pages);
		// And as many pages of each shard, where the table counts them (words on more pages
		// than have postings; the default site has none in more than one shard).
		for (const [index, count] of (shardPages ?? []).entries()) {
			if (count !== Infinity) expect(holders.get(found[index]!), word).toBe(count);
		}
	}
	const everything = await full.api.search(null);
	expect(everything?.results.length).toBeGreaterThan(0);
	for (const hit of everything?.results ?? []) {
		const data = await hit.data();
		for (const word of data.content.split(/\s+/).filter(isMapWord)) {
			expect(table.get(word)?.shards, `${word} on ${data.url}`).toContain(shardOf(data));
		}
	}
}

async function urlsOf(outcome: SearchOutcome): Promise<string[]> {
	return Promise.all(outcome.hits.map(async (hit) => (await hit.data()).url));
}

beforeAll(async () => {
	siteDir = await indexedFixtureSite('word-map', SHARD_PAGES);
}, 120_000);

afterAll(async () => {
	for (const loaded of loads) await loaded.close();
	if (siteDir) await rm(siteDir, { recursive: true, force: true });
});

describe('the table written with the index', () => {
	test('the manifest says where it is and how many buckets and words it has', async () => {
		const manifest = await readManifest(siteDir);
		const table = await readTable(siteDir);
		// In two parts: the closed shards' (1 and 2) and shard 0's.
		const wordsIn = (held: (shard: number) => boolean) =>
			[...table.values()].filter(({ shards }) => shards.some(held)).length;
		const part = (folder: string, words: number) => ({
			path: `/pagefind/${folder}words/`,
			buckets: Math.ceil(words / 400),
			words,
			postings: { path: `/pagefind/${folder}postings/`, buckets: 1, maxPages: POSTING_MAX_PAGES },
		});
		expect(manifest.words).toEqual({
			...part(
				'',
				wordsIn((shard) => shard > 0),
			),
			recent: part(
				'recent-',
				wordsIn((shard) => shard === 0),
			),
		});
		// 朱海 is on the profile and the 2021-11-12 page (shard 0) and the 2021-11-11 article;
		// each part counts its own shard's pages.
		expect(table.get('朱海')).toEqual({ shards: [0, 2], pages: 3, shardPages: [2, 1] });
		expect(table.get('石英')).toEqual({ shards: [2], pages: 1, shardPages: [1] });
		expect(table.get('春耕')).toEqual({ shards: [1], pages: 1, shardPages: [1] });
	});

	test('the manifest names each shard’s metadata file, fetched with its entry file', async () => {
		const manifest = await readManifest(siteDir);
		expect(manifest.shards).toHaveLength(3);
		for (const shard of manifest.shards) {
			const folder = join(siteDir, ...shard.path.split('/').filter(Boolean));
			const entry = JSON.parse(
				await readFile(join(folder, 'pagefind-entry.json'), 'utf8'),
			) as PagefindEntry;
			// The index of the archive's one language: the shard's only metadata file.
			const metadata = (await readdir(folder)).filter((name) => name.endsWith('.pf_meta'));
			expect(metadata).toHaveLength(1);
			expect(shard.metadata).toBe(metadata[0]);
			expect(metadataFile(entry)).toBe(metadata[0]);
		}
	});

	test('agrees with Pagefind on every word and every shard', async () => {
		await expectTableAgreesWithPagefind(siteDir);
	});

	test(
		'counts, without postings, each shard’s pages of every word as Pagefind finds them',
		{ timeout: 120_000 },
		async () => {
			const dir = await indexedFixtureSite('word-map-counted', SHARD_PAGES, 0);
			try {
				const table = await readTable(dir);
				expect(table.get('朱海')).toEqual({ shards: [0, 2], pages: 3, shardPages: [2, 1] });
				await expectTableAgreesWithPagefind(dir);
			} finally {
				await rm(dir, { recursive: true, force: true });
			}
		},
	);

	test('agrees with Pagefind on the default site too', async () => {
		await expectTableAgreesWithPagefind(defaultSiteDir());
	});

	test('no shard’s word list is published', async () => {
		const files = await readdir(join(siteDir, 'pagefind'), { recursive: true });
		expect(files.filter((file) => file.endsWith(SHARD_WORDS_FILE))).toEqual([]);
	});
});

describe('a search that reads the table', () => {
	test('a word in one older shard opens that shard only', async () => {
		const { archive, merged } = await tableArchive();
		const { outcome, coverage } = await archive.search({ query: '春耕' }, 10);
		expect(await urlsOf(outcome)).toEqual(['/articles/2021-03-02/01-jingji/']);
		expect(merged).toEqual([1]);
		expect(coverage).toMatchObject({ complete: true, searched: 2, needed: 2 });
	});

	test('a word in no shard is named at once, and no older shard is opened', async () => {
		const { archive, merged } = await tableArchive();
		const { outcome, coverage } = await archive.search({ query: '朱海毅 春耕' }, 10);
		expect(outcome.problem).toBe('missing-words');
		expect(outcome.missingWords).toEqual(['朱海毅']);
		expect(coverage.complete).toBe(true);
		expect(merged).toEqual([]);
	});

	test('words each in a shard of its own are not together, not missing', async () => {
		const { archive, merged } = await tableArchive();
		const { outcome } = await archive.search({ query: '春耕 石英石' }, 10);
		expect(outcome.problem).toBe('not-together');
		expect(outcome.missingWords).toEqual([]);
		expect(merged.sort()).toEqual([1, 2]);
	});

	test('two words of one shard on different pages: that shard alone is opened', async () => {
		// 拍卖 is in shard 2 alone, which holds 朱海义 too, on another page: only shard 2 is opened.
		const { archive, merged } = await tableArchive();
		const { outcome } = await archive.search({ query: '朱海义 拍卖' }, 10);
		expect(outcome.problem).toBe('not-together');
		expect(merged).toEqual([2]);
	});

	test('finds what a search over every shard finds', async () => {
		const full = await loadSiteSearch(siteDir);
		loads.push(full);
		for (const query of ['朱海义', '经济 发展', '石英石', '旬阳', '春耕', '拍卖 680', '年']) {
			for (const sort of ['relevance', 'newest', 'oldest'] as const) {
				const { archive } = await tableArchive();
				const { outcome, coverage } = await archive.searchAll({ query, sort });
				expect(coverage.complete).toBe(true);
				const direct = await search(full.api, { query, sort }, { shards: full.shards });
				const urls = await urlsOf(outcome);
				const expected = await urlsOf(direct);
				if (sort === 'relevance') expect([...urls].sort(), query).toEqual([...expected].sort());
				else expect(urls, `${query} ${sort}`).toEqual(expected);
				expect(outcome.problem).toBe(direct.problem);
			}
		}
	});

	test('a year filter and the table together: only that year’s shards that hold the word', async () => {
		const { archive, merged } = await tableArchive();
		const { outcome, coverage } = await archive.search(
			{ query: '经济', filters: { year: '2021' } },
			10,
		);
		expect(await urlsOf(outcome)).toEqual(['/articles/2021-03-02/01-jingji/']);
		// Shard 2 (2021-11-11) is of that year but holds no 经济.
		expect(merged).toEqual([1]);
		expect(coverage.complete).toBe(true);
	});

	test('an index without the table is searched shard by shard as before', async () => {
		const copy = await mkdtemp(join(TMP_ROOT, 'word-map-old-'));
		try {
			await writeFixtureSite(copy, FIXTURE_PAGES);
			await writeSearchIndex({ siteDir: copy, shardPages: SHARD_PAGES });
			const manifest = await readManifest(copy);
			delete manifest.words;
			await writeFile(join(copy, 'pagefind', SHARD_MANIFEST_FILE), JSON.stringify(manifest));
			const { archive, merged } = await tableArchive(copy);
			const { outcome } = await archive.search({ query: '春耕' }, 10);
			expect(await urlsOf(outcome)).toEqual(['/articles/2021-03-02/01-jingji/']);
			expect(merged).toEqual([2, 1]);
		} finally {
			await rm(copy, { recursive: true, force: true });
		}
	});
});

describe('the table and the shard cache', () => {
	let cacheSite: string;
	let cache: ShardCache;

	beforeAll(async () => {
		cacheSite = await mkdtemp(join(TMP_ROOT, 'word-map-cache-'));
		cache = { dir: join(cacheSite, '.cache'), inputsDigest: 'code-1' };
		await writeFixtureSite(join(cacheSite, 'site'), FIXTURE_PAGES);
	});

	afterAll(async () => {
		if (cacheSite) await rm(cacheSite, { recursive: true, force: true });
	});

	const write = () =>
		writeSearchIndex({ siteDir: join(cacheSite, 'site'), shardPages: SHARD_PAGES, cache });

	test(
		'closed shards’ words come from the cache: the same table, byte for byte',
		{ timeout: 120_000 },
		async () => {
			expect((await write()).reused).toBe(0);
			const site = join(cacheSite, 'site');
			const bucketFiles = async () => {
				const dir = join(site, 'pagefind', WORD_MAP_FOLDER);
				const names = (await readdir(dir)).sort();
				return Promise.all(
					names.map(async (name) => [name, await readFile(join(dir, name), 'utf8')]),
				);
			};
			const before = await bucketFiles();
			expect((await write()).reused).toBe(2);
			expect(await bucketFiles()).toEqual(before);
			// Each closed shard with its word list, and the closed shards' part of the table.
			const entries = await readdir(cache.dir);
			const parts = entries.filter((entry) => entry.startsWith('words-'));
			expect(parts).toHaveLength(1);
			for (const entry of entries) {
				expect(await readdir(join(cache.dir, entry))).toContain(
					entry.startsWith('words-') ? WORD_MAP_FOLDER : SHARD_WORDS_FILE,
				);
			}
			// The closed part was not written again: its files are the cache's.
			for (const [name] of before) {
				const published = await stat(join(site, 'pagefind', WORD_MAP_FOLDER, name!));
				const cached = await stat(join(cache.dir, parts[0]!, WORD_MAP_FOLDER, name!));
				expect(published.ino).toBe(cached.ino);
			}
		},
	);

	test('a changed page in a closed shard changes its words', { timeout: 120_000 }, async () => {
		await write();
		const page = join(cacheSite, 'site', 'articles', '2020-05-01', '01-jingji', 'index.html');
		const html = await readFile(page, 'utf8');
		await writeFile(
			page,
			html.replace('全市上下谋划新的一年。', '全市上下谋划新的一年，春风送暖。'),
		);
		expect((await write()).reused).toBe(1);
		const table = await readTable(join(cacheSite, 'site'));
		expect(table.get('春风')).toEqual({ shards: [1], pages: 1, shardPages: [1] });
		const { archive, merged } = await tableArchive(join(cacheSite, 'site'));
		const { outcome } = await archive.search({ query: '春风送暖' }, 10);
		expect(await urlsOf(outcome)).toEqual(['/articles/2020-05-01/01-jingji/']);
		expect(merged).toEqual([1]);
	});

	test(
		'with a store of what each page is, a rebuild reads no unchanged page and sees a changed one',
		{ timeout: 120_000 },
		async () => {
			const dir = await mkdtemp(join(TMP_ROOT, 'word-map-pages-'));
			try {
				const site = join(dir, 'site');
				const own: ShardCache = { dir: join(dir, '.cache'), inputsDigest: 'code-1' };
				await writeFixtureSite(site, FIXTURE_PAGES);
				const htmlFiles = (await readdir(site, { recursive: true })).filter((file) =>
					file.endsWith('.html'),
				);
				// Pages older than the racy window keep their stamps (src/cache/file-stamp.ts).
				await sleep(Number(RACY_NS / 1_000_000n) + 100);
				const storeFile = join(dir, 'search-pages.json');
				const writeWithStore = async () => {
					const pagesStore = await CheckCache.open<IndexedPageFacts>(storeFile, 'code-1');
					const summary = await writeSearchIndex({
						siteDir: site,
						shardPages: SHARD_PAGES,
						cache: own,
						pagesStore,
					});
					await pagesStore.save();
					return { summary, pagesStore };
				};
				const first = await writeWithStore();
				expect(first.pagesStore.unread).toBe(0);
				const again = await writeWithStore();
				expect(again.pagesStore.unread).toBe(htmlFiles.length);
				// The same shards, the closed ones now from the cache.
				expect({ ...again.summary, reused: 0 }).toEqual(first.summary);
				expect(again.summary.reused).toBe(2);

				const page = join(site, 'articles', '2020-05-01', '01-jingji', 'index.html');
				const html = await readFile(page, 'utf8');
				await writeFile(
					page,
					html.replace('全市上下谋划新的一年。', '全市上下谋划新的一年，春风送暖。'),
				);
				const changed = await writeWithStore();
				expect(changed.pagesStore.unread).toBe(htmlFiles.length - 1);
				expect(changed.summary.reused).toBe(1);
				expect((await readTable(site)).get('春风')).toEqual({
					shards: [1],
					pages: 1,
					shardPages: [1],
				});
			} finally {
				await rm(dir, { recursive: true, force: true });
			}
		},
	);

	test('a cached part of the table that lost a bucket is written again', async () => {
		await write();
		const part = (await readdir(cache.dir)).find((name) => name.startsWith('words-'))!;
		const before = await readTable(join(cacheSite, 'site'));
		await rm(join(cache.dir, part, WORD_MAP_FOLDER, '0.txt'));
		await write();
		expect(await readTable(join(cacheSite, 'site'))).toEqual(before);
		expect(await readdir(join(cache.dir, part, WORD_MAP_FOLDER))).toContain('0.txt');
	});

	test('a cache entry without its word list is indexed again', { timeout: 120_000 }, async () => {
		await write();
		for (const name of await readdir(cache.dir)) {
			if (!name.startsWith('words-')) await rm(join(cache.dir, name, SHARD_WORDS_FILE));
		}
		expect((await write()).reused).toBe(0);
		expect((await readTable(join(cacheSite, 'site'))).get('春耕')).toEqual({
			shards: [1],
			pages: 1,
			shardPages: [1],
		});
	});
});
