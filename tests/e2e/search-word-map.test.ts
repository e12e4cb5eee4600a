import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeSearchIndex } from '../../src/integrations/pagefind.ts';
import { SHARD_MANIFEST_FILE, type ShardManifest } from '../../src/search/shards.ts';
import { bucketOf, parseBucket, WORD_MAP_FOLDER } from '../../src/search/word-map.ts';
import { launchChromium } from '../../support/browser.ts';
import { TMP_ROOT } from '../../support/paths.ts';
import { serveStatic, type StaticServer } from '../../support/static-server.ts';
import { defaultSiteDir } from '../helpers/dist.ts';
import { FIXTURE_PAGES, writeFixtureSite } from '../search/fixture-site.ts';

/**
 * The search page in Chromium over an index in shards (the default site with the
 * fixture's pages of other days, two pages a shard: three shards), reading the table of which shards
 * hold which words: a rare word reads only its pages, from the shard that holds them, a word
 * found nowhere opens no older shard, and the answers are those of a search over every shard.
 */

let siteDir: string;
let server: StaticServer;
let browser: Browser;
let manifest: ShardManifest;

beforeAll(async () => {
	siteDir = await mkdtemp(join(TMP_ROOT, 'search-word-map-'));
	await cp(defaultSiteDir(), siteDir, { recursive: true });
	await rm(join(siteDir, 'pagefind'), { recursive: true, force: true });
	await writeFixtureSite(
		siteDir,
		FIXTURE_PAGES.filter((page) => page.date && page.date !== '2021-11-11'),
	);
	await writeSearchIndex({ siteDir, shardPages: 2 });
	manifest = JSON.parse(
		await readFile(join(siteDir, 'pagefind', SHARD_MANIFEST_FILE), 'utf8'),
	) as ShardManifest;
	server = await serveStatic(siteDir);
	browser = await launchChromium();
}, 120_000);

afterAll(async () => {
	await browser?.close();
	await server?.close();
	if (siteDir) await rm(siteDir, { recursive: true, force: true });
});

/** The shards the table says hold an index word, read from its bucket file. */
async function shardsHolding(word: string): Promise<number[]> {
	const bucket = bucketOf(word, manifest.words!.buckets);
	const text = await readFile(join(siteDir, 'pagefind', WORD_MAP_FOLDER, `${bucket}.txt`), 'utf8');
	return [...(parseBucket(text).get(word)?.shards ?? [])];
}

/** Opens `/search/?q=…` in a fresh context; returns the page and every path it fetched. */
async function searchFor<T>(
	query: string,
	check: (page: Page, fetched: string[]) => Promise<T>,
): Promise<T> {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		const fetched: string[] = [];
		page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
		await page.goto(`${server.origin}/search/?q=${encodeURIComponent(query)}`);
		return await check(page, fetched);
	} finally {
		await context.close();
	}
}

/** The shard numbers of the older shards' files fetched (`/pagefind/shard-n/…`). */
function olderShards(fetched: readonly string[]): number[] {
	const numbers = fetched
		.map((path) => /^\/pagefind\/shard-(\d+)\//.exec(path)?.[1])
		.filter((number): number is string => number !== undefined)
		.map(Number);
	return [...new Set(numbers)].sort();
}

describe('a search that reads the word table in Chromium', () => {
	test('the index is in three shards, and 春耕 is in one old shard only', async () => {
		expect(manifest.shards).toHaveLength(3);
		expect(manifest.words?.buckets).toBeGreaterThan(0);
		const [holder] = await shardsHolding('春耕');
		expect(await shardsHolding('春耕')).toEqual([holder]);
		expect(holder).toBeGreaterThan(0);
		expect(manifest.shards.find((shard) => shard.number === holder)?.to).toBe('2021-03-02');
	});

	test('a rare word reads only its page from the shard that holds it: no index chunk, no metadata', async () => {
		const holders = await shardsHolding('春耕');
		await searchFor('春耕', async (page, fetched) => {
			const status = page.locator('[data-search-status]');
			await expect.poll(() => status.innerText(), { timeout: 15_000 }).toBe('找到 1 条结果。');
			expect(await status.getAttribute('data-search-complete')).toBe('true');
			const links = await page
				.locator('[data-search-results] li a')
				.evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute('href') ?? ''));
			expect(links.map((href) => href.replace(/\?.*$/, ''))).toEqual([
				'/articles/2021-03-02/01-jingji/',
			]);
			expect(olderShards(fetched)).toEqual(holders);
			expect(fetched.some((path) => path.startsWith(`/pagefind/${WORD_MAP_FOLDER}/`))).toBe(true);
			// Its page is named by its postings and read as a fragment; no Pagefind index is
			// searched, of that shard or any other (shard 0's entry file, WebAssembly and
			// metadata load as the worker starts, before any query is known).
			expect(fetched.some((path) => path.startsWith('/pagefind/postings/'))).toBe(true);
			const olderFiles = fetched.filter((path) => /^\/pagefind\/shard-\d+\//.test(path));
			expect(olderFiles).toHaveLength(1);
			expect(olderFiles[0]).toMatch(/^\/pagefind\/shard-\d+\/fragment\/[^/]+\.pf_fragment$/);
			expect(fetched.filter((path) => /\.pf_(?:index|filter)$/.test(path))).toEqual([]);
		});
	});

	test('a word found nowhere is named without opening any older shard', async () => {
		await searchFor('春耕 朱海毅', async (page, fetched) => {
			const status = page.locator('[data-search-status]');
			await expect
				.poll(() => status.innerText(), { timeout: 15_000 })
				.toMatch(/^没有找到包含“朱海毅”的内容，因此没有同时包含所有词语的结果。/);
			await expect
				.poll(() => page.locator('[data-suggestion]').first().textContent(), { timeout: 15_000 })
				.toBe('朱海义');
			expect(olderShards(fetched)).toEqual([]);
		});
	});

	test('words in different shards are found, though never together', async () => {
		const holders = [
			...new Set([...(await shardsHolding('春耕')), ...(await shardsHolding('走访'))]),
		];
		await searchFor('春耕 走访', async (page, fetched) => {
			const status = page.locator('[data-search-status]');
			await expect
				.poll(() => status.innerText(), { timeout: 15_000 })
				.toMatch(/^每个词都能找到，但没有同时包含“春耕”、“走访”的内容。/);
			for (const shard of olderShards(fetched)) expect(holders).toContain(shard);
		});
	});
});
