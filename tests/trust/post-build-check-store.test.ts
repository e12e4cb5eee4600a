import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { paper } from '../../src/config/paper.ts';
import { checkCacheFile } from '../../src/cache/check-results.ts';
import { RACY_NS } from '../../src/cache/file-stamp.ts';
import {
	checkBuiltSite,
	openPostBuildCaches,
	type PostBuildReport,
} from '../../src/integrations/post-build-checks/index.ts';
import { readPagesQuickly } from '../../src/integrations/post-build-checks/page-facts.ts';
import { listSite } from '../../src/integrations/post-build-checks/site-files.ts';
import { scratchDir } from '../../support/build-site.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';
import { defaultSiteCopy, editBuiltFile } from '../helpers/broken-site.ts';

/**
 * The store of page facts a build keeps (issue 14): every file, id and policy once in its
 * table and pages referring to them by number, so that 100,000 pages each linking 31
 * reprints fit in memory; and the facts read back from it still find what a check without
 * the store finds, when the break is in a page the store says nothing new about.
 */

const ARTICLE = 'articles/2021-11-11/02-tashiliuyin/index.html';
const NOTICE = 'notices/2021-11-11/02-shiyingshi-paimai/index.html';

let runDir: string;

beforeAll(async () => {
	runDir = await scratchDir('trust-post-build-store');
});

afterAll(async () => {
	if (runDir) await rm(runDir, { recursive: true, force: true });
});

function siteCopy(name: string): Promise<string> {
	return defaultSiteCopy(runDir, name);
}

function reportOf(siteDir: string): Promise<PostBuildReport> {
	return checkBuiltSite({ distDir: siteDir, contentDir: DEFAULT_CONTENT_DIR, site: paper.siteUrl });
}

/** Checks with the stores in `cacheDir` and saves them, as a build does. */
async function storedReportOf(siteDir: string, cacheDir: string) {
	const caches = await openPostBuildCaches(cacheDir, 'test');
	const report = await checkBuiltSite(
		{ distDir: siteDir, contentDir: DEFAULT_CONTENT_DIR, site: paper.siteUrl },
		caches,
	);
	await caches.pages.save();
	await caches.fragments.save();
	return { report, caches };
}

describe('the store of page facts', () => {
	test('holds every string once, pages only numbers, and reads back what it wrote', async () => {
		const dir = await siteCopy('store');
		const cacheDir = `${dir}-cache`;
		// Pages older than the racy window keep their stamps in both runs (file-stamp.ts).
		await sleep(Number(RACY_NS / 1_000_000n) + 100);
		const first = await storedReportOf(dir, cacheDir);
		expect(first.report.problems).toEqual([]);
		expect(first.caches.pages.state).toBe('missing');

		const text = await readFile(checkCacheFile(cacheDir, 'pages'), 'utf8');
		const stored = JSON.parse(text.slice(text.indexOf('\n') + 1)) as {
			strings: string[];
			results: Record<string, [string, unknown]>;
		};
		expect(new Set(stored.strings).size).toBe(stored.strings.length);
		// Every page links the home page and the stylesheet: one string each in the whole store.
		expect(stored.strings.filter((s) => s === 'index.html')).toHaveLength(1);
		expect(stored.strings.some((s) => s.startsWith('_astro/') && s.endsWith('.css'))).toBe(true);
		const results = Object.values(stored.results);
		expect(results).toHaveLength(first.report.pages);
		for (const [, facts] of results) expect(JSON.stringify(facts)).not.toContain('"');
		// The numbers point into the table: the home page is among the article's targets.
		const [, , , , targets] = stored.results[ARTICLE]![1] as number[][];
		expect(targets!.map((n) => stored.strings[n])).toContain('index.html');

		const second = await storedReportOf(dir, cacheDir);
		expect(second.caches.pages.state).toBe('used');
		expect(second.caches.pages.hits).toBe(first.report.pages);
		expect(second.caches.pages.misses).toBe(0);
		// Found by their stamps: not one page was read again.
		expect(second.caches.pages.unread).toBe(first.report.pages);
		expect(second.caches.fragments.unread).toBe(first.report.indexed);
		expect(second.report).toEqual(first.report);
		expect(second.report).toEqual(await reportOf(dir));
		// Saved again from this run's table: the same store, byte for byte.
		expect(await readFile(checkCacheFile(cacheDir, 'pages'), 'utf8')).toBe(text);
	});

	test('finds an anchor another page lost, from the linking page’s stored facts', async () => {
		const dir = await siteCopy('lost-anchor');
		const cacheDir = `${dir}-cache`;
		await editBuiltFile(dir, ARTICLE, (html) =>
			html.replace(
				/<main([^>]*)>/,
				(tag) => `${tag}<a href="/notices/2021-11-11/02-shiyingshi-paimai/#cite-apa">x</a>`,
			),
		);
		expect((await storedReportOf(dir, cacheDir)).report.problems).toEqual([]);
		// Read through the store alone, the anchor is found in the notice's stored ids…
		const quickly = async () => {
			const caches = await openPostBuildCaches(cacheDir, 'test');
			const options = { distDir: dir, contentDir: DEFAULT_CONTENT_DIR, site: paper.siteUrl };
			return readPagesQuickly(options, await listSite(dir), caches.pages);
		};
		expect(await quickly()).toBeDefined();
		// Only the notice changes: the article's facts come from the store.
		await editBuiltFile(dir, NOTICE, (html) => html.replace('id="cite-apa"', 'id="cite-apa-2"'));
		// …and missing once the notice no longer has it, so the pages are read in full.
		expect(await quickly()).toBeUndefined();
		const report = await reportOf(dir);
		expect(report.problems.join('\n')).toContain(
			`/articles/2021-11-11/02-tashiliuyin/: 链接到 /notices/2021-11-11/02-shiyingshi-paimai/#cite-apa，但该页没有这个锚点`,
		);
		const stored = await storedReportOf(dir, cacheDir);
		expect(stored.caches.pages.misses).toBe(1);
		expect(stored.report).toEqual(report);
	});

	test('finds links to a file that is gone, from every unchanged page’s stored facts', async () => {
		const dir = await siteCopy('gone-file');
		const cacheDir = `${dir}-cache`;
		expect((await storedReportOf(dir, cacheDir)).report.problems).toEqual([]);
		await rm(join(dir, 'opensearch.xml'));
		const report = await reportOf(dir);
		// Every page names it in its head; nothing else is wrong.
		expect(report.problemCount).toBeGreaterThanOrEqual(report.pages);
		for (const problem of report.problems) {
			expect(problem).toContain('“/opensearch.xml” 指向不存在的页面');
		}
		const stored = await storedReportOf(dir, cacheDir);
		expect(stored.caches.pages.misses).toBe(0);
		expect(stored.report).toEqual(report);
	});
});
