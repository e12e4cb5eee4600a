import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useDefaultSiteInChromium } from '../helpers/chromium-site.ts';

/**
 * What a cold search does before its first results, in Chromium on the default site
 * (speed itself is measured by `npm run bench`, not here): the first results are shown
 * as soon as stage 1 of the ranking has them, while the list stays busy and the status
 * says nothing until the final list is in; the worker loads Pagefind before any query;
 * and the pinyin dictionary is fetched only when a word is found nowhere.
 */

const web = useDefaultSiteInChromium();

/** A cold search on a busy machine can take seconds; these tests are about order, not speed. */
const WAIT = { timeout: 15_000 };

async function withPage<T>(run: (page: Page) => Promise<T>): Promise<T> {
	const context = await web.browser.newContext();
	const page = await context.newPage();
	try {
		return await run(page);
	} finally {
		await context.close();
	}
}

interface Change {
	/** `aria-busy` of the list when it changed. */
	busy: string | null;
	/** What changed: the list's items (their links) or the status text. */
	what: 'list' | 'status';
	links: string[];
	status: string;
}

declare global {
	interface Window {
		__searchChanges?: Change[];
	}
}

/** Records every change of the results list and of the status, with the list's `aria-busy`. */
async function recordChanges(page: Page): Promise<void> {
	await page.addInitScript(() => {
		const changes: Change[] = [];
		window.__searchChanges = changes;
		document.addEventListener('DOMContentLoaded', () => {
			const list = document.querySelector('[data-search-results]')!;
			const status = document.querySelector('[data-search-status]')!;
			const snapshot = (what: Change['what']) =>
				changes.push({
					busy: list.getAttribute('aria-busy'),
					what,
					links: [...list.querySelectorAll('li a')].map((link) => link.getAttribute('href')!),
					status: status.textContent ?? '',
				});
			new MutationObserver(() => snapshot('list')).observe(list, { childList: true });
			new MutationObserver(() => snapshot('status')).observe(status, {
				childList: true,
				characterData: true,
				subtree: true,
			});
		});
	});
}

/** JavaScript files fetched from the site's own bundle (`/_astro/`), page and worker. */
function bundleScripts(page: Page): string[] {
	const scripts: string[] = [];
	page.on('request', (request) => {
		const path = new URL(request.url()).pathname;
		if (path.startsWith('/_astro/') && path.endsWith('.js')) scripts.push(path);
	});
	return scripts;
}

describe('a cold search', () => {
	test('shows the stage-1 results first, keeps the list busy and silent until the final list, then announces once', async () => {
		await withPage(async (page) => {
			await recordChanges(page);
			await page.goto(`${web.origin}/search/?q=${encodeURIComponent('旬阳')}`);
			const list = page.locator('[data-search-results]');
			await expect.poll(() => list.getAttribute('aria-busy'), WAIT).toBe('false');
			const changes = (await page.evaluate(() => window.__searchChanges)) ?? [];
			const listChanges = changes.filter((change) => change.what === 'list');
			// The first results while busy, growing as their data arrives (each rendering
			// holds the one before it), then the final list.
			expect(listChanges.length).toBeGreaterThanOrEqual(2);
			const firsts = listChanges.slice(0, -1);
			const last = listChanges.at(-1)!;
			for (const [at, first] of firsts.entries()) {
				expect(first.busy).toBe('true');
				expect(first.links.length).toBeGreaterThan(0);
				const previous = firsts[at - 1];
				if (previous) expect(first.links.slice(0, previous.links.length)).toEqual(previous.links);
				// Nothing is announced with the first results: the status still has no count.
				expect(first.status).not.toMatch(/找到/);
			}
			const finalLinks = await list
				.locator('li a')
				.evaluateAll((links) => links.map((link) => link.getAttribute('href')));
			expect(last.links).toEqual(finalLinks);
			// The same pages, whatever order stage 2 gave them.
			expect([...firsts.at(-1)!.links].sort()).toEqual([...finalLinks].sort());
			// The count is written once, after the final list, with the list no longer busy.
			const counts = changes.filter(
				(change) => change.what === 'status' && /找到 \d+ 条结果/.test(change.status),
			);
			expect(counts.length).toBe(1);
			expect(changes.indexOf(counts[0]!)).toBeGreaterThan(changes.indexOf(last));
		});
	});

	test('a search sorted by date shows its results once, not in two steps', async () => {
		await withPage(async (page) => {
			await recordChanges(page);
			await page.goto(`${web.origin}/search/?q=${encodeURIComponent('旬阳')}&sort=date`);
			const list = page.locator('[data-search-results]');
			await expect.poll(() => list.getAttribute('aria-busy'), WAIT).toBe('false');
			const changes = (await page.evaluate(() => window.__searchChanges)) ?? [];
			const listChanges = changes.filter((change) => change.what === 'list');
			expect(listChanges.length).toBe(1);
			expect(listChanges[0]!.links.length).toBeGreaterThan(0);
		});
	});

	test('the search page loads Pagefind and its WebAssembly before anything is typed', async () => {
		await withPage(async (page) => {
			const wasm = page.waitForRequest((request) => request.url().endsWith('.pagefind'), {
				timeout: 10_000,
			});
			const metadata = page.waitForRequest((request) => request.url().endsWith('.pf_meta'), {
				timeout: 10_000,
			});
			await page.goto(`${web.origin}/search/`);
			await Promise.all([wasm, metadata]);
			expect(await page.getByRole('searchbox', { name: '关键词' }).inputValue()).toBe('');
		});
	});

	test("the scripts before the search page's own import nothing, so the worker starts without waiting for them", async () => {
		// Module scripts run in document order, each once its imports are in: a chunk the
		// header's script imported (one it shares with the search page's code) delayed the
		// start of the search worker by a round trip.
		const html = await fetch(`${web.origin}/search/`).then((response) => response.text());
		const scripts = [...html.matchAll(/<script type="module" src="([^"]+)"/g)].map(
			(match) => match[1]!,
		);
		const searchStart = await Promise.all(
			scripts.map(async (src) => {
				const body = await fetch(`${web.origin}${src}`).then((response) => response.text());
				return { src, body, starts: body.includes('new Worker(') };
			}),
		);
		const at = searchStart.findIndex((script) => script.starts);
		expect(at).toBeGreaterThan(0);
		for (const { src, body } of searchStart.slice(0, at)) {
			expect(body, src).not.toMatch(/\bimport\s*[{*\w]|\bfrom\s*["'`]|\bimport\s*["'`]/);
		}
	});

	test('the pinyin dictionary is fetched only for a word found nowhere', async () => {
		const found = await withPage(async (page) => {
			const scripts = bundleScripts(page);
			await page.goto(`${web.origin}/search/?q=${encodeURIComponent('朱海义')}`);
			await expect
				.poll(() => page.locator('[data-search-results] li').count(), WAIT)
				.toBeGreaterThan(0);
			await expect
				.poll(() => page.locator('[data-search-results]').getAttribute('aria-busy'), WAIT)
				.toBe('false');
			return scripts;
		});
		const missed = await withPage(async (page) => {
			const scripts = bundleScripts(page);
			await page.goto(`${web.origin}/search/?q=${encodeURIComponent('朱海毅')}`);
			await expect
				.poll(() => page.locator('[data-suggestion]').first().textContent(), WAIT)
				.toBe('朱海义');
			return scripts;
		});
		const extra = missed.filter((script) => !found.includes(script));
		expect(extra.length).toBe(1);
		const body = await fetch(`${web.origin}${extra[0]!}`).then((response) => response.text());
		expect(body).toContain('pinyin');
		// The dictionary is big; what a search that finds something fetches is not.
		const weights = await Promise.all(
			found.map((script) =>
				fetch(`${web.origin}${script}`).then(async (response) => (await response.text()).length),
			),
		);
		expect(body.length).toBeGreaterThan(Math.max(...weights));
	});
});
