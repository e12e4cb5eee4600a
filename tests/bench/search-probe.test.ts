import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	probeQuery,
	STOCK_SEARCH_PAGE,
	type SearchPageSpec,
} from '../../bench/lib/search-probe.ts';
import { scratchDir } from '../../support/build-site.ts';
import { launchChromium } from '../../support/browser.ts';
import { serveStatic, type StaticServer } from '../../support/static-server.ts';

/**
 * The bench's cold-query probe in Chromium, on a small page of known timing: a result is
 * counted once a reader could open it, not when a placeholder for it appears, and
 * `--latency` makes every request (the page's and its worker's) wait that much longer.
 */

/** What stock Pagefind's UI does: a placeholder at once, the result's link later. */
const PLACEHOLDER_MS = 50;
const LINK_MS = 800;
const STOCK_LIKE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>搜索</title></head>
<body><div data-search-results><ol></ol><p class="pagefind-ui__message"></p></div>
<script>
	const list = document.querySelector('ol');
	setTimeout(() => {
		list.innerHTML = '<li class="pagefind-ui__result"><p class="pagefind-ui__result-title pagefind-ui__loading">…</p></li>';
	}, ${PLACEHOLDER_MS});
	setTimeout(() => {
		list.innerHTML = '<li class="pagefind-ui__result"><p class="pagefind-ui__result-title"><a class="pagefind-ui__result-link" href="/a/">标题</a></p></li>';
		document.querySelector('.pagefind-ui__message').textContent = '1 result';
	}, ${LINK_MS});
</script></body></html>`;

/** A page whose result needs a request from a worker, which needs the worker's script. */
const WORKER_PAGE = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>搜索</title></head>
<body><ol data-search-results></ol><p data-search-status></p>
<script>
	const worker = new Worker('/worker.js');
	worker.onmessage = (event) => {
		document.querySelector('ol').innerHTML = '<li><a href="/a/">' + event.data + '</a></li>';
		document.querySelector('p').textContent = '找到 1 条结果';
	};
</script></body></html>`;
const WORKER = `fetch('/result.txt').then((response) => response.text()).then((text) => postMessage(text));`;

const WORKER_SPEC: SearchPageSpec = {
	resultSelector: '[data-search-results] li a',
	countSelector: '[data-search-status]',
};

let dir: string;
/** A site whose `/search/` is like stock's, and one whose `/search/` uses a worker. */
let stockLike: StaticServer;
let withWorker: StaticServer;
let browser: Browser;

async function site(name: string, files: Record<string, string>): Promise<StaticServer> {
	const root = join(dir, name);
	for (const [path, text] of Object.entries(files)) {
		await mkdir(join(root, path, '..'), { recursive: true });
		await writeFile(join(root, path), text);
	}
	return serveStatic(root);
}

beforeAll(async () => {
	dir = await scratchDir('search-probe');
	stockLike = await site('stock-like', { 'search/index.html': STOCK_LIKE });
	withWorker = await site('with-worker', {
		'search/index.html': WORKER_PAGE,
		'worker.js': WORKER,
		'result.txt': '结果',
	});
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
	await stockLike?.close();
	await withWorker?.close();
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('the cold-query probe', () => {
	test("counts stock's result when its link is there, not its placeholder", async () => {
		const probe = await probeQuery(browser, stockLike.origin, STOCK_SEARCH_PAGE, '经济', 10_000);
		expect(probe.firstResultMs).not.toBeNull();
		expect(probe.firstResultMs!).toBeGreaterThanOrEqual(LINK_MS);
	});

	test('with latency, every request waits: the page, the worker script and its fetch', async () => {
		const latencyMs = 400;
		const probe = await probeQuery(browser, withWorker.origin, WORKER_SPEC, '经济', 20_000, {
			latencyMs,
		});
		expect(probe.firstResultMs).not.toBeNull();
		// Three round trips one after another: the page, the worker's script, its fetch.
		expect(probe.firstResultMs!).toBeGreaterThanOrEqual(3 * latencyMs);
	});
});
