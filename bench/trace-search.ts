/**
 * The chain of one cold query, step by step: every request (when it started and ended,
 * its bytes) and the `search:…` marks of the search page and its worker, on one time line
 * from navigation, and where the first result appeared.
 *
 *   node bench/trace-search.ts <dist> 中国 尼加拉瓜 …
 */

import type { Worker } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { serveStatic } from '../support/static-server.ts';

declare global {
	interface Window {
		__traceFirstResult?: number;
	}
}

interface Row {
	at: number;
	text: string;
}

const [dist, ...queries] = process.argv.slice(2);
if (!dist || queries.length === 0)
	throw new Error('usage: node bench/trace-search.ts <dist> <query>…');
const server = await serveStatic(dist);
const browser = await launchChromium();
try {
	for (const query of queries) {
		const context = await browser.newContext();
		const page = await context.newPage();
		await page.addInitScript(() => {
			new MutationObserver((_, observer) => {
				if (document.querySelector('[data-search-results] li')) {
					window.__traceFirstResult = performance.timeOrigin + performance.now();
					observer.disconnect();
				}
			}).observe(document, { childList: true, subtree: true });
		});
		const rows: Promise<Row>[] = [];
		page.on('requestfinished', (request) => {
			rows.push(
				request.sizes().then((sizes) => {
					const timing = request.timing();
					const end = timing.startTime + timing.responseEnd;
					const path = new URL(request.url()).pathname;
					return {
						at: timing.startTime,
						text: `request ends ${end.toFixed(0)} ${sizes.responseBodySize} B ${path}`,
					};
				}),
			);
		});
		const workers: Worker[] = [];
		page.on('worker', (worker) => workers.push(worker));
		await page.goto(`${server.origin}/search/?q=${encodeURIComponent(query)}`);
		await page.waitForSelector('[data-search-results][aria-busy="false"]', { timeout: 60_000 });
		await page.waitForTimeout(500);
		const origin = await page.evaluate(() => performance.timeOrigin);
		const first = await page.evaluate(() => window.__traceFirstResult ?? Number.NaN);
		const marksOf = () =>
			performance
				.getEntriesByType('mark')
				.map((mark) => ({ name: mark.name, at: performance.timeOrigin + mark.startTime }));
		const marks = [
			...(await page.evaluate(marksOf)).map((mark) => ({ ...mark, name: `page ${mark.name}` })),
			...(await Promise.all(workers.map((worker) => worker.evaluate(marksOf))))
				.flat()
				.map((mark) => ({ ...mark, name: `worker ${mark.name}` })),
		];
		const all = [
			...(await Promise.all(rows)),
			...marks.map((mark) => ({ at: mark.at, text: `mark ${mark.name}` })),
			{ at: first, text: '=== first result' },
		].sort((a, b) => a.at - b.at);
		console.log(`\n${query}: first result ${(first - origin).toFixed(0)} ms after navigation`);
		for (const row of all) {
			const text = row.text.replace(
				/ends (\d+)/,
				(_, end: string) => `ends ${(Number(end) - origin).toFixed(0)}`,
			);
			console.log(`${(row.at - origin).toFixed(0).padStart(6)} ${text}`);
		}
		await context.close();
	}
} finally {
	await browser.close();
	await server.close();
}
