import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../../support/browser.ts';
import { serveStatic, type StaticServer } from '../../support/static-server.ts';
import { defaultSiteDir } from '../helpers/dist.ts';

/**
 * What a cold search fetches without waiting, in Chromium on the default site (speed
 * itself is the bench's, not a test's): a server in front of the site holds one file
 * back until others have been asked for. Were those others asked for only once the held
 * file had loaded, nothing would come and the test would fail; they come, and the
 * results follow once the file is let through.
 */

let site: StaticServer;
let browser: Browser;

beforeAll(async () => {
	site = await serveStatic(defaultSiteDir());
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
	await site?.close();
});

interface HoldingServer {
	origin: string;
	/** Every path asked for, in order. */
	requested: string[];
	/** Resolves once the held file was let through. */
	released: Promise<void>;
	close(): Promise<void>;
}

/**
 * Serves the site, holding back the first path that `held` matches until a path matching
 * each of `awaited` has been asked for.
 */
async function holdingServer(held: RegExp, awaited: readonly RegExp[]): Promise<HoldingServer> {
	const requested: string[] = [];
	let release!: () => void;
	const released = new Promise<void>((resolve) => (release = resolve));
	const waiting: (() => void)[] = [];
	const check = () => {
		if (!awaited.every((pattern) => requested.some((path) => pattern.test(path)))) return;
		release();
		for (const go of waiting.splice(0)) go();
	};
	const server: Server = createServer((request, response) => {
		const path = new URL(request.url ?? '/', 'http://localhost').pathname;
		requested.push(path);
		const forward = async () => {
			const answer = await fetch(`${site.origin}${request.url ?? '/'}`);
			const body = Buffer.from(await answer.arrayBuffer());
			response.writeHead(answer.status, Object.fromEntries(answer.headers)).end(body);
		};
		if (held.test(path)) {
			waiting.push(() => void forward());
			check();
		} else {
			check();
			void forward();
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		requested,
		released,
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Opens a cold search on `server` and waits for its final list of results. */
async function search(server: HoldingServer, query: string): Promise<string[]> {
	const context = await browser.newContext();
	try {
		const page = await context.newPage();
		await page.goto(`${server.origin}/search/?q=${encodeURIComponent(query)}`);
		await server.released;
		const list = page.locator('[data-search-results]');
		await expect.poll(() => list.getAttribute('aria-busy'), { timeout: 20_000 }).toBe('false');
		return await list
			.locator('li a')
			.evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
	} finally {
		await context.close();
	}
}

describe('a cold search asks for its files without waiting', () => {
	test('the search worker starts before the page’s own search code has loaded', async () => {
		const server = await holdingServer(/^\/_astro\/search-page\.[^/]+\.js$/, [
			/^\/_astro\/search-worker-[^/]+\.js$/,
		]);
		try {
			const links = await search(server, '旬阳');
			expect(links.length).toBeGreaterThan(0);
		} finally {
			await server.close();
		}
	});

	test('a query of rare words is answered from its postings without Pagefind’s script', async () => {
		// pagefind.js is held until a path nobody asks for is asked for: never, during the test.
		const server = await holdingServer(/^\/pagefind\/pagefind\.js$/, [/^\/never$/]);
		const context = await browser.newContext();
		try {
			const page = await context.newPage();
			await page.goto(`${server.origin}/search/?q=${encodeURIComponent('旬阳')}`);
			const list = page.locator('[data-search-results]');
			await expect.poll(() => list.getAttribute('aria-busy'), { timeout: 20_000 }).toBe('false');
			expect(await list.locator('li a').count()).toBeGreaterThan(0);
			expect(server.requested).toContain('/pagefind/pagefind.js');
			expect(server.requested.some((path) => path.startsWith('/pagefind/postings/'))).toBe(true);
			expect(server.requested.filter((path) => path.endsWith('.pf_index'))).toEqual([]);
		} finally {
			await context.close();
			await server.close();
		}
	});

	test('Pagefind’s entry file, WebAssembly, metadata and the query’s index chunk come before its script, each once', async () => {
		const server = await holdingServer(/^\/pagefind\/pagefind\.js$/, [
			/^\/pagefind\/pagefind-entry\.json$/,
			/^\/pagefind\/wasm\.unknown\.pagefind$/,
			/^\/pagefind\/pagefind\.[^/]+\.pf_meta$/,
			/^\/pagefind\/index\/[^/]+\.pf_index$/,
			/^\/pagefind\/archive-shards\.json$/,
		]);
		try {
			const chunksBefore = new Set<string>();
			void server.released.then(() => {
				for (const path of server.requested) if (path.endsWith('.pf_index')) chunksBefore.add(path);
			});
			// Every Han word of the default site is on few pages and has postings: a word
			// ending in a lone character (a prefix, which the table cannot say all of) is
			// searched in Pagefind's index.
			const links = await search(server, '年');
			expect(links.length).toBeGreaterThan(0);
			// Pagefind took the responses fetched early: none of its files was fetched twice.
			const pagefind = server.requested.filter((path) => path.startsWith('/pagefind/'));
			expect(pagefind.length).toBe(new Set(pagefind).size);
			// The chunk read off the metadata is the one Pagefind needed: it asked for no other.
			const chunks = pagefind.filter((path) => path.endsWith('.pf_index'));
			expect(chunks.length).toBeGreaterThan(0);
			expect(new Set(chunks)).toEqual(chunksBefore);
		} finally {
			await server.close();
		}
	});
});
