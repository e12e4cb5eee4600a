import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { SearchOutcome, SearchRequest } from '../../src/search/engine.ts';
import { ShardedSearch, type ShardedOutcome } from '../../src/search/sharded-search.ts';
import { SHARD_MANIFEST_FILE, type ShardManifest } from '../../src/search/shards.ts';
import { parseBucket, WordMap } from '../../src/search/word-map.ts';
import { loadSiteSearch, type LoadedPagefind } from '../../support/pagefind-node.ts';
import { defaultSiteDir } from '../helpers/dist.ts';
import { indexedFixtureSite } from './fixture-site.ts';

/**
 * A query whose words are all rare, answered from its pages' fragments
 * (`src/search/posting-search.ts`), on the real index writer's output read with the real
 * Pagefind bundle in Node. With two pages a shard the fixture is cut into shard 1
 * (2020-05-01, 2021-03-02), shard 2 (2021-11-11) and shard 0 (2021-11-12, 2022-01-05 and
 * the profile); every word of it is on few pages, so every query of Han words has postings.
 */

const SHARD_PAGES = 2;
let siteDir: string;
const loads: LoadedPagefind[] = [];

interface Recorded {
	archive: ShardedSearch;
	merged: number[];
	read: string[];
}

/**
 * A sharded search as the search page's worker runs it, recording the shards it merges and
 * the fragments it reads; `fragments: false` is the search without postings (Pagefind's index
 * alone), `unreadable` a fragment reader that fails.
 */
async function archiveOf(
	dir: string,
	{ fragments = true, unreadable = false } = {},
): Promise<Recorded> {
	const loaded = await loadSiteSearch(dir, { lazy: true, wordMap: true, fragments });
	loads.push(loaded);
	const merged: number[] = [];
	const read: string[] = [];
	const fragment = loaded.index.fragment;
	const archive = new ShardedSearch({
		...loaded.index,
		merge: async (shard) => {
			merged.push(shard.number);
			await loaded.index.merge(shard);
		},
		fragment: fragment
			? async (shard, page) => {
					read.push(page);
					if (unreadable) throw new Error('offline');
					return fragment(shard, page);
				}
			: undefined,
	});
	return { archive, merged, read };
}

/** What a reader is shown of an outcome: every result's URL in order, counts, problem, coverage. */
async function shown({ outcome, coverage }: ShardedOutcome) {
	return {
		urls: await Promise.all(outcome.hits.map(async (hit) => (await hit.data()).url)),
		ids: outcome.hits.map((hit) => hit.id),
		counts: outcome.counts,
		countsApproximate: outcome.countsApproximate,
		problem: outcome.problem,
		missingWords: outcome.missingWords,
		complete: coverage.complete,
	};
}

async function outcomeOf(recorded: Recorded, request: SearchRequest): Promise<SearchOutcome> {
	return (await recorded.archive.searchAll(request)).outcome;
}

beforeAll(async () => {
	siteDir = await indexedFixtureSite('posting-search', SHARD_PAGES);
}, 120_000);

afterAll(async () => {
	for (const loaded of loads) await loaded.close();
	if (siteDir) await rm(siteDir, { recursive: true, force: true });
});

/**
 * Every word's postings name exactly the pages (Pagefind's ids) that Pagefind's quoted
 * search of the word returns over every shard, and every word on few enough pages has them.
 */
async function expectPostingsAgreeWithPagefind(dir: string): Promise<void> {
	const manifest = JSON.parse(
		await readFile(join(dir, 'pagefind', SHARD_MANIFEST_FILE), 'utf8'),
	) as ShardManifest;
	const table = manifest.words!;
	const maxPages = table.postings!.maxPages;
	// Read as the search reads it: both parts of the table, when it is in two.
	const map = new WordMap(table, (path) => readFile(join(dir, ...path.split('/')), 'utf8'));
	const words = new Set<string>();
	for (const part of table.recent ? [table, table.recent] : [table]) {
		for (let bucket = 0; bucket < part.buckets; bucket++) {
			const text = await readFile(join(dir, ...part.path.split('/'), `${bucket}.txt`), 'utf8');
			for (const word of parseBucket(text).keys()) words.add(word);
		}
	}
	const full = await loadSiteSearch(dir);
	loads.push(full);
	let listed = 0;
	for (const [word, { pages }] of await map.holders([...words])) {
		if (pages > maxPages) continue;
		const postings = await map.postingsOf(word);
		const response = await full.api.search(`"${word}"`, {});
		const ids = (response?.results ?? []).map((hit) => hit.id).sort();
		expect(postings.map((posting) => posting.page).sort(), word).toEqual(ids);
		for (const posting of postings) {
			const hit = response!.results.find((result) => result.id === posting.page)!;
			expect((await hit.data()).filters.shard ?? ['0'], word).toEqual([String(posting.shard)]);
		}
		listed++;
	}
	expect(listed).toBeGreaterThan(50);
}

describe('the postings written with the index', () => {
	test('name the pages Pagefind finds for each word on few pages, with their shards', async () => {
		await expectPostingsAgreeWithPagefind(siteDir);
	});

	test('agree with Pagefind on the default site too', async () => {
		await expectPostingsAgreeWithPagefind(defaultSiteDir());
	});
});

describe('a query of rare words, answered from its postings', () => {
	test('opens no shard, reads only the pages its postings name, and is complete', async () => {
		const recorded = await archiveOf(siteDir);
		const result = await recorded.archive.search({ query: '春耕' }, 10);
		expect((await shown(result)).urls).toEqual(['/articles/2021-03-02/01-jingji/']);
		expect(recorded.merged).toEqual([]);
		expect(recorded.read).toHaveLength(1);
		expect(result.coverage).toMatchObject({ complete: true, searchedFrom: null });
	});

	test('finds, ranks, filters and counts as the search of Pagefind’s index does', async () => {
		const requests: SearchRequest[] = [];
		for (const query of [
			'朱海义',
			'朱海義',
			'石英石',
			'旬阳',
			'春耕',
			'石英石 拍卖',
			'朱海义 旬阳',
		]) {
			for (const sort of ['relevance', 'newest', 'oldest'] as const) {
				requests.push({ query, sort });
			}
			requests.push({ query, filters: { kind: 'article' } });
			requests.push({ query, filters: { year: '2021' }, sort: 'newest' });
		}
		let posted = 0;
		for (const request of requests) {
			const withPostings = await archiveOf(siteDir);
			const indexOnly = await archiveOf(siteDir, { fragments: false });
			const expected = await shown(await indexOnly.archive.searchAll(request));
			const actual = await shown(await withPostings.archive.searchAll(request));
			expect(actual, JSON.stringify(request)).toEqual(expected);
			if (withPostings.merged.length === 0 && withPostings.read.length > 0) posted++;
		}
		// Every query of them has postings; those whose words are not on one page together
		// (朱海义 旬阳) are left to Pagefind's index, which says so over every shard.
		expect(posted).toBeGreaterThanOrEqual(requests.length - 4);
	});

	test('words not on one page together are left to Pagefind’s index, which says so', async () => {
		const recorded = await archiveOf(siteDir);
		const outcome = await outcomeOf(recorded, { query: '春耕 石英石' });
		expect(outcome.problem).toBe('not-together');
		expect(outcome.missingWords).toEqual([]);
		expect(recorded.merged.sort()).toEqual([1, 2]);
	});

	test('a page that cannot be read leaves the query to Pagefind’s index: the same answer', async () => {
		const failing = await archiveOf(siteDir, { unreadable: true });
		const outcome = await outcomeOf(failing, { query: '石英石' });
		expect(failing.read.length).toBeGreaterThan(0);
		expect(failing.merged).toEqual([2]);
		const urls = await Promise.all(outcome.hits.map(async (hit) => (await hit.data()).url));
		expect(urls).toEqual(['/notices/2021-11-11/02-shiyingshi/']);
	});
});

describe('reading the pages of rare words', () => {
	test('each page is read once, however often it is asked for', async () => {
		const recorded = await archiveOf(siteDir);
		const first = await shown(await recorded.archive.search({ query: '石英石' }, 10));
		const more = await shown(
			await recorded.archive.more({ query: '石英石' }, new Set(first.ids), 10),
		);
		await recorded.archive.search({ query: '石英石', sort: 'newest' }, 10);
		expect(more.ids).toEqual(first.ids);
		expect(recorded.read).toEqual([...new Set(recorded.read)]);
		expect(recorded.read.length).toBeGreaterThan(0);
	});
});
