/**
 * Cold searches in Chromium against the built site served from 127.0.0.1: the bytes a
 * reader's browser fetches (page, scripts, Pagefind's bundle and index files) and the
 * time from typing to the first result on screen. Each query runs in a fresh browser
 * context (empty cache). The test server sends files as they are; Pagefind's index
 * files are gzip-compressed in themselves, and for the rest the gzip size is reported
 * too, as a static host would serve them.
 */

import type { Browser, Page, Request } from 'playwright-core';
import { launchChromium } from '../../support/browser.ts';
import { serveStatic } from '../../support/static-server.ts';
import { sizeOf } from './search-probe.ts';
import { median } from './stats.ts';

export interface BrowserQueryTiming {
	query: string;
	/** Time from the input event to the first result in the list (ms). */
	firstResultMs: number;
	/** The same for a second query in the same page (index and scripts loaded). */
	warmMs: number;
	/** Everything fetched from opening the page to the first result, as served. */
	coldBytes: number;
	/** The same with text files (HTML, JS, CSS, JSON) counted at their gzip size. */
	coldBytesGzip: number;
	/** What the search itself fetched after the page had loaded, gzip-equivalent. */
	searchBytesGzip: number;
	requests: number;
}

export interface BrowserSummary {
	queries: BrowserQueryTiming[];
	medianFirstResultMs: number;
	medianWarmMs: number;
	medianColdBytesGzip: number;
	medianSearchBytesGzip: number;
}

interface Transfer {
	bytes: number;
	gzip: number;
}

async function transferOf(request: Request): Promise<Transfer> {
	const { raw, gzip } = await sizeOf(request);
	return { bytes: raw, gzip };
}

function recordTransfers(page: Page): () => Promise<Transfer[]> {
	const pending: Promise<Transfer>[] = [];
	page.on('requestfinished', (request) => pending.push(transferOf(request)));
	return () => Promise.all(pending);
}

function sum(transfers: readonly Transfer[], key: keyof Transfer): number {
	return transfers.reduce((total, transfer) => total + transfer[key], 0);
}

/** Types a query into the search page and resolves with the ms until the first result appears. */
function typeAndWait(page: Page, query: string): Promise<number> {
	return page.evaluate(
		(text) =>
			new Promise<number>((resolve, reject) => {
				const input = document.querySelector<HTMLInputElement>('#search-query')!;
				const list = document.querySelector('[data-search-results]')!;
				const status = document.querySelector('[data-search-status]')!;
				list.replaceChildren();
				const started = performance.now();
				const done = () => {
					if (list.children.length > 0) {
						observer.disconnect();
						resolve(performance.now() - started);
					} else if (/没有/.test(status.textContent ?? '')) {
						observer.disconnect();
						reject(new Error(`no results for ${text}`));
					}
				};
				const observer = new MutationObserver(done);
				observer.observe(list, { childList: true });
				observer.observe(status, { childList: true, characterData: true, subtree: true });
				input.value = text;
				input.dispatchEvent(new Event('input', { bubbles: true }));
			}),
		query,
	);
}

async function coldQuery(browser: Browser, origin: string, query: string, warmQuery: string) {
	const context = await browser.newContext();
	const page = await context.newPage();
	const transfers = recordTransfers(page);
	try {
		await page.goto(`${origin}/search/`, { waitUntil: 'load' });
		const pageTransfers = await transfers();
		const firstResultMs = await typeAndWait(page, query);
		const all = await transfers();
		const warmMs = await typeAndWait(page, warmQuery);
		return {
			query,
			firstResultMs,
			warmMs,
			coldBytes: sum(all, 'bytes'),
			coldBytesGzip: sum(all, 'gzip'),
			searchBytesGzip: sum(all, 'gzip') - sum(pageTransfers, 'gzip'),
			requests: all.length,
		};
	} finally {
		await context.close();
	}
}

/** Runs each query cold (a fresh context) on the site's search page; medians over the list. */
export async function measureSearchPage(
	siteDir: string,
	queries: readonly string[],
): Promise<BrowserSummary> {
	const server = await serveStatic(siteDir);
	const browser = await launchChromium();
	try {
		const timings: BrowserQueryTiming[] = [];
		for (const [index, query] of queries.entries()) {
			const warm = queries[(index + 1) % queries.length]!;
			timings.push(await coldQuery(browser, server.origin, query, warm));
		}
		return {
			queries: timings,
			medianFirstResultMs: median(timings.map((timing) => timing.firstResultMs)),
			medianWarmMs: median(timings.map((timing) => timing.warmMs)),
			medianColdBytesGzip: median(timings.map((timing) => timing.coldBytesGzip)),
			medianSearchBytesGzip: median(timings.map((timing) => timing.searchBytesGzip)),
		};
	} finally {
		await browser.close();
		await server.close();
	}
}

/**
 * Stock Pagefind's JS API on the same page, for comparison: loads `/pagefind-stock/`,
 * searches, and loads the first ten results' data (what its UI shows first).
 */
export async function measureStockInBrowser(siteDir: string, queries: readonly string[]) {
	const server = await serveStatic(siteDir);
	const browser = await launchChromium();
	try {
		const timings = [];
		for (const query of queries) {
			const context = await browser.newContext();
			const page = await context.newPage();
			const transfers = recordTransfers(page);
			await page.goto(`${server.origin}/search/`, { waitUntil: 'load' });
			const pageTransfers = await transfers();
			const firstResultMs = await page.evaluate(async (text) => {
				const started = performance.now();
				const bundle = '/pagefind-stock/pagefind.js';
				const pagefind = (await import(/* @vite-ignore */ bundle)) as {
					options(options: { basePath: string }): Promise<void>;
					search(text: string): Promise<{ results: { data: () => Promise<unknown> }[] }>;
				};
				await pagefind.options({ basePath: '/pagefind-stock/' });
				const response = await pagefind.search(text);
				await Promise.all(response.results.slice(0, 10).map((result) => result.data()));
				return performance.now() - started;
			}, query);
			const all = await transfers();
			timings.push({
				query,
				firstResultMs,
				searchBytesGzip: sum(all, 'gzip') - sum(pageTransfers, 'gzip'),
				coldBytesGzip: sum(all, 'gzip'),
			});
			await context.close();
		}
		return {
			queries: timings,
			medianFirstResultMs: median(timings.map((timing) => timing.firstResultMs)),
			medianColdBytesGzip: median(timings.map((timing) => timing.coldBytesGzip)),
			medianSearchBytesGzip: median(timings.map((timing) => timing.searchBytesGzip)),
		};
	} finally {
		await browser.close();
		await server.close();
	}
}
