import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeSearchIndex } from '../../src/integrations/pagefind.ts';
import {
	hasRun,
	resultViews,
	search,
	streamResultViews,
	type PagefindFragment,
	type ResultView,
	type SearchOutcome,
	type SearchRequest,
} from '../../src/search/engine.ts';
import { loadSiteSearch, type LoadedPagefind } from '../../support/pagefind-node.ts';
import { TMP_ROOT } from '../../support/paths.ts';
import { FIXTURE_PAGES, writeFixtureSite } from './fixture-site.ts';

/**
 * The archive's search on a real Pagefind index built by the real index writer
 * (`writeSearchIndex`) and read by Pagefind's own JS bundle in Node, next to stock
 * Pagefind on the same pages, to show what the archive's search changes.
 */

let siteDir: string;
let ours: LoadedPagefind;
let stock: LoadedPagefind;

async function urlsOf(outcome: SearchOutcome): Promise<string[]> {
	return Promise.all(outcome.hits.map(async (hit) => (await hit.data()).url));
}

async function find(request: SearchRequest | string): Promise<string[]> {
	return urlsOf(await search(ours.api, typeof request === 'string' ? { query: request } : request));
}

beforeAll(async () => {
	siteDir = await mkdtemp(join(TMP_ROOT, 'search-engine-'));
	await writeFixtureSite(siteDir, FIXTURE_PAGES);
	await writeSearchIndex({ siteDir });
	ours = await loadSiteSearch(siteDir);
	// Stock Pagefind over the same pages, as the site indexed them before.
	const { index } = await pagefind.createIndex({});
	await index!.addDirectory({ path: siteDir });
	await index!.writeFiles({ outputPath: join(siteDir, 'pagefind-stock') });
	await pagefind.close();
	stock = await loadSiteSearch(siteDir, { pageLanguage: 'zh-CN', bundle: 'pagefind-stock' });
}, 120_000);

afterAll(async () => {
	await ours?.close();
	await stock?.close();
	if (siteDir) await rm(siteDir, { recursive: true, force: true });
});

describe('precision: a word is found as written', () => {
	test('stock Pagefind also returns a page with 朱, 海 and 义 only scattered', async () => {
		const response = await stock.api.search('朱海义');
		const urls = await Promise.all(response!.results.map(async (hit) => (await hit.data()).url));
		expect(urls).toContain('/articles/2021-11-12/03-scattered/');
	});

	test('ours returns only the pages that hold 朱海义, the profile first', async () => {
		expect(await find('朱海义')).toEqual([
			'/people/zhu-haiyi/',
			'/articles/2021-11-11/02-zhu-haiyi/',
		]);
	});

	test('a word split by a link in the page is still found (朱海义 inside <a>)', async () => {
		const outcome = await search(ours.api, { query: '微信朋友圈' });
		expect(await urlsOf(outcome)).toEqual(['/articles/2021-11-11/02-zhu-haiyi/']);
	});

	test('a headline that is the phrase ranks above body text that holds it', async () => {
		expect(await find('经济发展')).toEqual([
			'/articles/2020-05-01/01-jingji/',
			'/articles/2021-03-02/01-jingji/',
		]);
	});

	test('two words must both be on a page, anywhere', async () => {
		expect((await find('经济 发展')).sort()).toEqual([
			'/articles/2020-05-01/01-jingji/',
			'/articles/2021-03-02/01-jingji/',
			'/articles/2022-01-05/02-jingji/',
		]);
	});

	test('kicker and subtitle are searchable', async () => {
		expect(await find('新春走基层')).toEqual(['/articles/2022-01-05/02-jingji/']);
		expect(await find('旬阳拐枣')).toEqual(['/articles/2022-01-05/02-jingji/']);
	});

	test('ignored text, datelines and pages outside the index are not found', async () => {
		expect(await find('本页不索引')).toEqual([]);
		expect(await find('第2版')).toEqual([]);
		expect(await find('往期回顾')).toEqual([]);
	});
});

describe('what the reader typed', () => {
	test('traditional input finds the simplified text (朱海義, 經濟發展)', async () => {
		expect(await find('朱海義')).toEqual(await find('朱海义'));
		expect(await find('經濟發展')).toEqual(await find('经济发展'));
	});

	test('full-width digits fold to half width (６８０．２９吨)', async () => {
		expect(await find('６８０．２９吨')).toEqual(['/notices/2021-11-11/02-shiyingshi/']);
		expect(await find('680')).toEqual(['/notices/2021-11-11/02-shiyingshi/']);
	});
});

describe('no word is dropped silently', () => {
	test('stock Pagefind drops a word that matches nothing and returns the rest', async () => {
		const response = await stock.api.search('经济 香蕉');
		expect(response!.results.length).toBeGreaterThan(0);
	});

	test('ours returns nothing and names the missing word', async () => {
		const outcome = await search(ours.api, { query: '经济 香蕉' });
		expect(outcome.hits).toEqual([]);
		expect(outcome.problem).toBe('missing-words');
		expect(outcome.missingWords).toEqual(['香蕉']);
	});

	test('a phrase found nowhere is named whole (旬阳拐枣 is found, 旬阳香蕉 is not)', async () => {
		const outcome = await search(ours.api, { query: '旬阳香蕉' });
		expect(outcome.missingWords).toEqual(['旬阳香蕉']);
	});

	test('words found apart but never together', async () => {
		const outcome = await search(ours.api, { query: '朱海义 石英石' });
		expect(outcome.problem).toBe('not-together');
		expect(outcome.missingWords).toEqual([]);
	});

	test('words found, but not within the filters', async () => {
		const outcome = await search(ours.api, { query: '朱海义', filters: { kind: 'notice' } });
		expect(outcome.problem).toBe('filtered-out');
	});
});

describe('filters and sorting', () => {
	test('filters combine, and counts cover the exact results only', async () => {
		const outcome = await search(ours.api, { query: '朱海义' });
		expect(outcome.counts.kind).toEqual({ article: 1, person: 1 });
		expect(outcome.counts.year).toEqual({ 2021: 1 });
		const filtered = await search(ours.api, {
			query: '经济 发展',
			filters: { kind: 'article', year: '2021' },
		});
		expect(await urlsOf(filtered)).toEqual(['/articles/2021-03-02/01-jingji/']);
		// Each filter is counted as if it alone were not chosen.
		expect(filtered.counts.year).toEqual({ 2020: 1, 2021: 1, 2022: 1 });
		expect(filtered.counts.section).toEqual({ 要闻: 1 });
	});

	test('sorts by date, newest or oldest first; undated pages (people) come last', async () => {
		expect(await find({ query: '经济 发展', sort: 'newest' })).toEqual([
			'/articles/2022-01-05/02-jingji/',
			'/articles/2021-03-02/01-jingji/',
			'/articles/2020-05-01/01-jingji/',
		]);
		expect(await find({ query: '经济 发展', sort: 'oldest' })).toEqual([
			'/articles/2020-05-01/01-jingji/',
			'/articles/2021-03-02/01-jingji/',
			'/articles/2022-01-05/02-jingji/',
		]);
		expect(await find({ query: '朱海义', sort: 'newest' })).toEqual([
			'/articles/2021-11-11/02-zhu-haiyi/',
			'/people/zhu-haiyi/',
		]);
	});
});

describe('results as shown', () => {
	test('carry kind, date, 版, section, status and an excerpt with the words marked', async () => {
		const outcome = await search(ours.api, { query: '石英石 680.29吨' });
		const [view] = await resultViews(outcome, 0, 10);
		expect(view).toMatchObject({
			url: '/notices/2021-11-11/02-shiyingshi/',
			title: '罚没石英石矿石拍卖公告',
			kind: 'notice',
			date: '2021-11-11',
			page: '2',
			section: '综合',
			status: '报名中',
		});
		const text = view!.excerpt.map((part) => part.text).join('');
		expect(text).toContain('拍卖标的：石英石矿石680.29吨。');
		expect(view!.excerpt.filter((part) => part.match).map((part) => part.text)).toEqual([
			'石英石',
			'680.29吨',
		]);
		expect(text).not.toContain('罚没');
	});
});

describe('results as their data arrives', () => {
	test('are shown in rank order, each once those ranked above it are in, and end as resultViews', async () => {
		const outcome = await search(ours.api, { query: '经济 发展' });
		expect(outcome.hits.length).toBe(3);
		// Each page's real data, held back until released, in an order other than the ranking's.
		const data = await Promise.all(outcome.hits.map((hit) => hit.data()));
		const releases: (() => void)[] = [];
		const held: SearchOutcome = {
			...outcome,
			hits: outcome.hits.map((hit, at) => ({
				...hit,
				data: () =>
					new Promise<PagefindFragment>((resolve) => {
						releases[at] = () => resolve(data[at]!);
					}),
			})),
		};
		const shown: string[][] = [];
		const urls = (views: ResultView[]) => views.map((view) => view.url);
		const streaming = streamResultViews(held, 10, (views) => shown.push(urls(views)));
		// A task later, every promise the release settled has run its callbacks.
		const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
		const ranked = data.map((page) => page.url);

		releases[2]!();
		await settle();
		expect(shown).toEqual([]);
		releases[0]!();
		await settle();
		expect(shown).toEqual([ranked.slice(0, 1)]);
		releases[1]!();
		const last = await streaming;
		// The second and third arrive together: one more message, not two.
		expect(shown).toEqual([ranked.slice(0, 1), ranked]);
		expect(urls(last)).toEqual(ranked);
		expect(last).toEqual(await resultViews(outcome, 0, 10));
	});
});

describe('consecutive positions', () => {
	test('hasRun finds a run of the given length anywhere in the positions', () => {
		expect(hasRun([9, 3, 4, 5], 3)).toBe(true);
		expect(hasRun([1, 3, 5], 2)).toBe(false);
		expect(hasRun([7], 1)).toBe(true);
		expect(hasRun([], 1)).toBe(false);
	});
});

describe('an index in shards (as a large archive is written)', () => {
	let shardedDir: string;
	let sharded: LoadedPagefind;

	beforeAll(async () => {
		shardedDir = await mkdtemp(join(TMP_ROOT, 'search-shards-'));
		await writeFixtureSite(shardedDir, FIXTURE_PAGES);
		const summary = await writeSearchIndex({ siteDir: shardedDir, shardPages: 2 });
		// Whole days, cut from the oldest: 2020-05-01 + 2021-03-02 | 2021-11-11 (two pages)
		// | the open block 2021-11-12 + 2022-01-05, with the profile.
		expect(summary.shards.map((shard) => [shard.path, shard.pages])).toEqual([
			['/pagefind/', 3],
			['/pagefind/shard-2/', 2],
			['/pagefind/shard-1/', 2],
		]);
		sharded = await loadSiteSearch(shardedDir);
	}, 120_000);

	afterAll(async () => {
		await sharded?.close();
		if (shardedDir) await rm(shardedDir, { recursive: true, force: true });
	});

	const findIn = async (request: SearchRequest) =>
		urlsOf(await search(sharded.api, request, { shards: sharded.shards }));

	test('finds the same pages as one index', async () => {
		for (const query of ['朱海义', '经济 发展', '旬阳拐枣', '石英石']) {
			expect((await findIn({ query })).sort()).toEqual((await find(query)).sort());
		}
	});

	test('sorts by date across shards, newest or oldest first', async () => {
		for (const sort of ['newest', 'oldest'] as const) {
			expect(await findIn({ query: '经济 发展', sort })).toEqual(
				await find({ query: '经济 发展', sort }),
			);
		}
	});

	test('counts filter values over every shard', async () => {
		const outcome = await search(sharded.api, { query: '经济 发展' }, { shards: sharded.shards });
		expect(outcome.counts.year).toEqual({ 2020: 1, 2021: 1, 2022: 1 });
	});
});
