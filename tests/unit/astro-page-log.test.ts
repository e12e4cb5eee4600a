import { describe, expect, it } from 'vitest';
import { pagesInLog } from '../../support/astro-page-log.ts';

/** Astro's page lines as `astro build` prints them, one page at a time and several. */

describe('pagesInLog', () => {
	it('reads one page a line', () => {
		const log = [
			' generating static routes ',
			'17:17:58   ├─ /a/index.html (+22ms) ',
			'17:17:58   ├─ /b/index.html (cached)',
			'17:17:58   └─ /c.item-files/ (restored)',
		].join('\n');
		expect(pagesInLog(log)).toEqual({
			rendered: new Set(['/a/index.html']),
			cached: new Set(['/b/index.html']),
			restored: new Set(['/c.item-files/']),
		});
	});

	it('reads names that share a line while pages render side by side', () => {
		const log = [
			'17:17:58   ├─ /404.html17:17:58   ├─ /02/index.html17:17:58   ├─ /old/index.html (cached)',
			'17:17:58   ├─ /data/2021.jsonl.gz (+9ms) ',
			' (+24ms) ',
			'17:17:59   ├─ /warned/index.html17:17:59 [WARN] [archive:x] said something',
			'17:17:59   ├─ /last/index.html',
		].join('\n');
		expect(pagesInLog(log)).toEqual({
			rendered: new Set([
				'/404.html',
				'/02/index.html',
				'/data/2021.jsonl.gz',
				'/warned/index.html',
				'/last/index.html',
			]),
			cached: new Set(['/old/index.html']),
			restored: new Set(),
		});
	});
});
