import type { Browser, Request } from 'playwright-core';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../../support/browser.ts';
import { serveStatic } from '../../support/static-server.ts';
import { median } from './stats.ts';

/**
 * Cold queries in Chromium: each query opens `/search/?q=…` in a fresh browser context (an
 * empty cache), as a reader arriving from a link would, and records when the first result
 * appears and every byte the page fetched for it.
 */

export interface SearchPageSpec {
	/** A result in the list; its first appearance is "first results". */
	resultSelector: string;
	/** The element whose text gives the number of results found. */
	countSelector: string;
	/**
	 * An element whose `data-search-complete` says whether the count covers the whole
	 * archive (`"true"`) or only the newest shards searched so far (`"false"`).
	 */
	completeSelector?: string;
}

export interface QueryProbe {
	query: string;
	/** Navigation start to the first result in the DOM; null when none appeared. */
	firstResultMs: number | null;
	/** Bytes received (headers and bodies, as served, uncompressed) until the first result. */
	bytesToFirstResult: number;
	requestsToFirstResult: number;
	/** Everything the page fetched until the network went quiet. */
	bytesTotal: number;
	requestsTotal: number;
	/** `bytesTotal` as a host serving gzip (level 6) would send it. */
	gzipBytesTotal: number;
	/** The result count the page reports; null when it says none. */
	resultCount: number | null;
	/** Whether that count covers the whole archive; null when the page does not say. */
	searchComplete: boolean | null;
	/** Article files that contain the query literally (filled in by the caller). */
	literalMatches?: number;
}

export interface SearchFigures {
	queries: QueryProbe[];
	/** Queries that showed a result. */
	answered: number;
	medianFirstResultMs: number | null;
	maxFirstResultMs: number | null;
	medianBytesToFirstResult: number;
	medianBytesTotal: number;
	maxBytesTotal: number;
	medianGzipBytesTotal: number;
}

/**
 * The archive's search page. A result is counted once a reader can open it: its link is
 * in the list (the archive renders a result only with its data).
 */
export const OUR_SEARCH_PAGE: SearchPageSpec = {
	resultSelector: '[data-search-results] li a',
	countSelector: '[data-search-status]',
	completeSelector: '[data-search-status]',
};

/**
 * Pagefind's own UI (the baseline's search page). Its results appear first as grey
 * placeholders (`li.pagefind-ui__result` holding `.pagefind-ui__loading` lines, no link)
 * while their data loads; a result is counted once its title link is there, as ours is.
 */
export const STOCK_SEARCH_PAGE: SearchPageSpec = {
	resultSelector: '[data-search-results] li.pagefind-ui__result a.pagefind-ui__result-link',
	countSelector: '.pagefind-ui__message',
};

declare global {
	interface Window {
		__benchFirstResult?: number;
	}
}

const QUIET_MS = 500;
const SETTLE_LIMIT_MS = 15_000;

interface Finished {
	at: number;
	bytes: Promise<{ raw: number; gzip: number }>;
}

/**
 * One request's bytes as served (headers and body) and as a host serving gzip (level 6)
 * would send it: the one measure of transfer size for every browser probe.
 */
export async function sizeOf(request: Request): Promise<{ raw: number; gzip: number }> {
	const sizes = await request.sizes();
	const raw = sizes.responseBodySize + sizes.responseHeadersSize;
	const body = await (await request.response())?.body().catch(() => undefined);
	const gzip = body
		? Math.min(body.length, gzipSync(body).length) + sizes.responseHeadersSize
		: raw;
	return { raw, gzip };
}

/**
 * How the network between the browser and the site behaves. The sites are served from
 * 127.0.0.1, where a round trip costs nothing; a reader's phone waits tens of milliseconds
 * for each one, and a chain of requests that wait for each other pays it every time.
 */
export interface NetworkConditions {
	/** Added to every request's round trip (Chromium's network emulation), in ms. */
	latencyMs: number;
}

/** One cold query on one site: a fresh browser context, `/search/?q=…`, until the network is quiet. */
export async function probeQuery(
	browser: Browser,
	origin: string,
	spec: SearchPageSpec,
	query: string,
	timeoutMs: number,
	network?: NetworkConditions,
): Promise<QueryProbe> {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		if (network && network.latencyMs > 0) {
			const session = await context.newCDPSession(page);
			await session.send('Network.emulateNetworkConditions', {
				offline: false,
				latency: network.latencyMs,
				downloadThroughput: -1,
				uploadThroughput: -1,
			});
		}
		await page.addInitScript((selector: string) => {
			new MutationObserver((_, observer) => {
				if (document.querySelector(selector)) {
					window.__benchFirstResult = performance.now();
					observer.disconnect();
				}
			}).observe(document, { childList: true, subtree: true });
		}, spec.resultSelector);

		let inFlight = 0;
		let lastActivity = Date.now();
		const finished: Finished[] = [];
		page.on('request', () => {
			inFlight++;
			lastActivity = Date.now();
		});
		page.on('requestfinished', (request) => {
			inFlight--;
			lastActivity = Date.now();
			// Chromium asks every site for an icon; that is not part of searching.
			if (new URL(request.url()).pathname === '/favicon.ico') return;
			finished.push({ at: lastActivity, bytes: sizeOf(request) });
		});
		page.on('requestfailed', () => {
			inFlight--;
			lastActivity = Date.now();
		});

		await page.goto(`${origin}/search/?q=${encodeURIComponent(query)}`, { waitUntil: 'commit' });
		const appeared = await page
			.waitForSelector(spec.resultSelector, { timeout: timeoutMs })
			.then(() => true)
			.catch(() => false);
		const firstAt = Date.now();
		const firstResultMs = appeared
			? await page.evaluate(() => window.__benchFirstResult ?? null)
			: null;

		const settleStart = Date.now();
		while (Date.now() - settleStart < SETTLE_LIMIT_MS) {
			if (inFlight <= 0 && Date.now() - lastActivity >= QUIET_MS) break;
			await new Promise((resolve) => setTimeout(resolve, 100));
		}
		const sizes = await Promise.all(
			finished.map(async (entry) => ({ at: entry.at, ...(await entry.bytes) })),
		);
		const early = sizes.filter((entry) => entry.at <= firstAt);
		const countText = await page
			.locator(spec.countSelector)
			.first()
			.textContent({ timeout: 1000 })
			.catch(() => null);
		const count = countText ? /(\d[\d,]*)/.exec(countText)?.[1] : undefined;
		const complete = spec.completeSelector
			? await page
					.locator(spec.completeSelector)
					.first()
					.getAttribute('data-search-complete', { timeout: 1000 })
					.catch(() => null)
			: null;
		return {
			query,
			firstResultMs: firstResultMs === null ? null : Math.round(firstResultMs),
			bytesToFirstResult: early.reduce((sum, entry) => sum + entry.raw, 0),
			requestsToFirstResult: early.length,
			bytesTotal: sizes.reduce((sum, entry) => sum + entry.raw, 0),
			requestsTotal: sizes.length,
			gzipBytesTotal: sizes.reduce((sum, entry) => sum + entry.gzip, 0),
			resultCount: count === undefined ? null : Number(count.replaceAll(',', '')),
			searchComplete: complete === null ? null : complete === 'true',
		};
	} finally {
		await context.close();
	}
}

function figuresOf(probes: QueryProbe[]): SearchFigures {
	const times = probes
		.map((probe) => probe.firstResultMs)
		.filter((ms): ms is number => ms !== null);
	return {
		queries: probes,
		answered: times.length,
		medianFirstResultMs: times.length > 0 ? Math.round(median(times)) : null,
		maxFirstResultMs: times.length > 0 ? Math.max(...times) : null,
		medianBytesToFirstResult: Math.round(median(probes.map((probe) => probe.bytesToFirstResult))),
		medianBytesTotal: Math.round(median(probes.map((probe) => probe.bytesTotal))),
		maxBytesTotal: Math.max(0, ...probes.map((probe) => probe.bytesTotal)),
		medianGzipBytesTotal: Math.round(median(probes.map((probe) => probe.gzipBytesTotal))),
	};
}

/** Every query against one built site, served from 127.0.0.1. */
export async function probeSearch(
	distDir: string,
	spec: SearchPageSpec,
	queries: readonly string[],
	timeoutMs = 30_000,
): Promise<SearchFigures> {
	const server = await serveStatic(distDir);
	const browser = await launchChromium();
	try {
		const probes: QueryProbe[] = [];
		for (const query of queries) {
			probes.push(await probeQuery(browser, server.origin, spec, query, timeoutMs));
		}
		return figuresOf(probes);
	} finally {
		await browser.close();
		await server.close();
	}
}

export interface InterleavedSite {
	name: string;
	distDir: string;
	spec: SearchPageSpec;
}

/**
 * Every query on every site in turn (the sites' order rotated from one query to the
 * next), in one browser: on a shared machine the load then falls on all sites alike,
 * which two separate runs cannot promise. Returns each site's figures, as `probeSearch`.
 */
export async function probeInterleaved(
	sites: readonly InterleavedSite[],
	queries: readonly string[],
	timeoutMs = 30_000,
	network?: NetworkConditions,
): Promise<Record<string, SearchFigures>> {
	const servers = await Promise.all(sites.map((site) => serveStatic(site.distDir)));
	const browser = await launchChromium();
	try {
		const probes: QueryProbe[][] = sites.map(() => []);
		for (const [index, query] of queries.entries()) {
			for (let turn = 0; turn < sites.length; turn++) {
				const at = (index + turn) % sites.length;
				const site = sites[at]!;
				probes[at]!.push(
					await probeQuery(browser, servers[at]!.origin, site.spec, query, timeoutMs, network),
				);
			}
		}
		return Object.fromEntries(sites.map((site, at) => [site.name, figuresOf(probes[at]!)]));
	} finally {
		await browser.close();
		await Promise.all(servers.map((server) => server.close()));
	}
}
