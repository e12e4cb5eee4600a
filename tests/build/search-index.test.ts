import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	contentFiles,
	ITEM_COLLECTIONS,
	KIND_OF_COLLECTION,
	storyLeadIds,
} from '../helpers/content.ts';
import { defaultSiteDir, readPage } from '../helpers/dist.ts';
import { compact } from '../../support/html.ts';
import { loadPagefind, type NodePagefind } from '../../support/pagefind-node.ts';

/**
 * The search index the build wrote, queried with the site's own Pagefind bundle in
 * Node (docs/stack-facts.md, "Search can be tested in Node"), with Chinese query segmentation on.
 */

let pagefind: NodePagefind;

beforeAll(async () => {
	pagefind = await loadPagefind(defaultSiteDir());
});

afterAll(async () => {
	await pagefind?.close();
});

/** Every item page of the seed: what the index should hold, and nothing else. */
function expectedItemUrls(): Record<string, string[]> {
	return Object.fromEntries(
		ITEM_COLLECTIONS.map((collection) => {
			const ids =
				collection === 'articles'
					? storyLeadIds()
					: contentFiles(collection).map((file) => file.id);
			return [KIND_OF_COLLECTION[collection], ids.map((id) => `/${collection}/${id}/`).sort()];
		}),
	);
}

describe('queries find the page that holds the words', () => {
	const cases: { query: string; url: string }[] = [
		{ query: '以踏石留印', url: '/articles/2021-11-11/02-tashiliuyin/' },
		{ query: '狠抓落实', url: '/articles/2021-11-11/02-tashiliuyin/' },
		{ query: '朱海义', url: '/people/zhu-haiyi/' },
		{ query: '朱海义', url: '/articles/2021-11-11/02-zhu-haiyi/' },
		{ query: '石英石', url: '/notices/2021-11-11/02-shiyingshi-paimai/' },
		{ query: '680.29', url: '/notices/2021-11-11/02-shiyingshi-paimai/' },
		{ query: '幸福安康酒', url: '/adverts/2021-11-11/02-xingfu-ankang-jiu/' },
		{ query: '群星璀璨', url: '/articles/2021-11-11/02-zhu-haiyi/' },
	];

	test.each(cases)('“$query” finds $url', async ({ query, url }) => {
		const urls = await pagefind.urls(query);
		expect(urls).toContain(url);
	});

	test('a headline is searchable: “以踏石留印的狠劲抓落实” ranks its article first', async () => {
		const urls = await pagefind.urls('以踏石留印的狠劲抓落实');
		expect(urls[0]).toBe('/articles/2021-11-11/02-tashiliuyin/');
	});
});

describe('the index', () => {
	test('holds each item page once, and no issue, list or navigation page', async () => {
		const expected = Object.values(expectedItemUrls()).flat().sort();
		expect(expected).toHaveLength(14);
		const everything = await pagefind.urls(null);
		expect([...everything].sort()).toEqual(expected);
	});

	test('has a kind filter with the seed counts: 2 articles, 8 people, 1 notice, 3 adverts', async () => {
		const filters = await pagefind.filters();
		expect(filters.kind).toEqual({ article: 2, person: 8, notice: 1, advert: 3 });
	});

	test.each(['article', 'person', 'notice', 'advert'])(
		'filtering on kind %s returns exactly those pages',
		async (kind) => {
			const urls = await pagefind.urls(null, { filters: { kind } });
			expect([...urls].sort()).toEqual(expectedItemUrls()[kind]);
		},
	);

	test('filters a query by kind: “朱海义” among people is the profile only', async () => {
		expect(await pagefind.urls('朱海义', { filters: { kind: 'person' } })).toEqual([
			'/people/zhu-haiyi/',
		]);
	});

	test('carries the notice status as a filter', async () => {
		const filters = await pagefind.filters();
		expect(filters.status).toEqual({ 已拍卖: 1 });
	});
});

describe('navigation chrome is not indexed', () => {
	// Labels that every page carries outside the indexed region.
	const chrome = ['往期回顾', '跳到正文', '搜索档案'];

	test('the labels are on the built item pages', () => {
		const page = readPage(defaultSiteDir(), '/articles/2021-11-11/02-tashiliuyin/');
		for (const label of chrome) expect(page.compactText).toContain(label);
	});

	test.each(chrome)('no indexed page has “%s” in its indexed text', async (label) => {
		const { results } = await pagefind.search(null);
		expect(results.length).toBe(14);
		expect(
			results
				.filter((result) => compact(result.data.content).includes(label))
				.map((result) => result.data.url),
		).toEqual([]);
	});

	test('searching “跳到正文” (the skip link) finds nothing', async () => {
		expect(await pagefind.urls('跳到正文')).toEqual([]);
	});

	test('searching “往期回顾” (a navigation label) finds no page for that label', async () => {
		// Pagefind drops query terms that match nothing and prefix-matches single
		// characters (docs/stack-facts.md), so 往期回顾 still matches pages through 期 (in 日期,
		// 第1、2期). None of them matches because of the navigation label.
		const { results } = await pagefind.search('往期回顾');
		const throughLabel = results.filter((result) =>
			compact(result.data.content).includes('往期回顾'),
		);
		expect(throughLabel).toEqual([]);
		const throughOneCharacter = await pagefind.urls('期');
		expect(results.map((result) => result.data.url).sort()).toEqual(
			[...throughOneCharacter].sort(),
		);
	});
});
