import { cp, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeSearchIndex } from '../../src/integrations/pagefind.ts';
import { launchChromium } from '../../support/browser.ts';
import { TMP_ROOT } from '../../support/paths.ts';
import { defaultSiteDir } from '../helpers/dist.ts';
import { serveStatic, type StaticServer } from '../../support/static-server.ts';
import { FIXTURE_PAGES, writeFixtureSite, type FixturePage } from '../search/fixture-site.ts';

/**
 * The search page in Chromium over an index in several shards: the default site with
 * pages of other days added, indexed two pages a shard. A first query loads shard 0
 * only and says how far back it searched; “显示更多结果” searches the older shards.
 */

/** Twelve reports of one newer day, and one much older, all holding 走访. */
const VISITS: FixturePage[] = [
	...Array.from({ length: 12 }, (_, index) => ({
		url: `/articles/2022-01-06/${String(index + 1).padStart(2, '0')}-zoufang/`,
		kind: 'article' as const,
		title: `走访记录之${index + 1}`,
		date: '2022-01-06',
		page: 1,
		section: '要闻',
		paragraphs: ['记者走访了社区。'],
	})),
	{
		url: '/articles/2019-06-01/01-zoufang/',
		kind: 'article',
		title: '旧日走访',
		date: '2019-06-01',
		page: 1,
		section: '要闻',
		paragraphs: ['记者当年的走访。'],
	},
];

let siteDir: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
	siteDir = await mkdtemp(join(TMP_ROOT, 'sharded-search-page-'));
	await cp(defaultSiteDir(), siteDir, { recursive: true });
	await rm(join(siteDir, 'pagefind'), { recursive: true, force: true });
	// The fixture's pages of other days than the seed's (its 2021-11-11 pages and its
	// profile would replace the seed's own).
	await writeFixtureSite(siteDir, [
		...FIXTURE_PAGES.filter((page) => page.date && page.date !== '2021-11-11'),
		...VISITS,
	]);
	// No postings: every word here is on few pages, and a query answered from its postings
	// opens no shard (tests/search/posting-search.test.ts); this is the search of
	// Pagefind's shards, one after another, that a query of more common words gets.
	const { shards } = await writeSearchIndex({ siteDir, shardPages: 2, postingPages: 0 });
	expect(shards.map((shard) => shard.from)).toEqual([
		'2022-01-06',
		'2021-11-12',
		'2021-11-11',
		'2021-03-02',
		'2019-06-01',
	]);
	server = await serveStatic(siteDir);
	browser = await launchChromium();
}, 120_000);

afterAll(async () => {
	await browser?.close();
	await server?.close();
	if (siteDir) await rm(siteDir, { recursive: true, force: true });
});

describe('a search over shards in Chromium', () => {
	test('the first results come from the newest shard; more results search older ones', async () => {
		const context = await browser.newContext();
		try {
			const page = await context.newPage();
			const fetched: string[] = [];
			page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
			await page.goto(`${server.origin}/search/?q=${encodeURIComponent('走访')}`);
			const status = page.locator('[data-search-status]');
			await expect
				.poll(() => status.innerText(), { timeout: 10_000 })
				.toBe(
					'找到 12 条结果（已查找2022年1月6日以来的报纸，点“显示更多结果”继续查找更早的报纸），显示前 10 条。',
				);
			expect(await status.getAttribute('data-search-complete')).toBe('false');
			expect(await page.locator('[data-search-results] li').count()).toBe(10);
			expect(fetched.filter((path) => path.startsWith('/pagefind/shard-'))).toEqual([]);

			await page.getByRole('button', { name: '显示更多结果' }).click();
			await expect.poll(() => status.innerText(), { timeout: 10_000 }).toBe('找到 14 条结果。');
			expect(await status.getAttribute('data-search-complete')).toBe('true');
			const links = await page
				.locator('[data-search-results] li a')
				.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
			expect(links.map((href) => href.replace(/\?.*$/, ''))).toHaveLength(14);
			expect(new Set(links).size).toBe(14);
			expect(links.some((href) => href.startsWith('/articles/2019-06-01/01-zoufang/'))).toBe(true);
			expect(await page.getByRole('button', { name: '显示更多结果' }).isHidden()).toBe(true);
			expect(fetched.some((path) => path.startsWith('/pagefind/shard-1/'))).toBe(true);
		} finally {
			await context.close();
		}
	});
});
