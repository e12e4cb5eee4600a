import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { chartData, logTicks, niceTicks, renderCharts } from '../../../bench/lib/charts.ts';
import type { BenchResult } from '../../../bench/lib/report.ts';
import { PROJECT_ROOT } from '../../../support/paths.ts';

/** Three trimmed real results: 3,139; 15,000 with one more day; 100,000 whose baseline failed. */
const FIXTURES = join(PROJECT_ROOT, 'tests', 'fixtures', 'bench-results');
const results = readdirSync(FIXTURES)
	.sort()
	.map((name) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as BenchResult);

/** Pairs of numbers in a path's `d` attribute. */
function pathPoints(svg: string, site: string): Array<[number, number]> {
	const d = new RegExp(`<path class="${site} line" d="([^"]+)"`).exec(svg)?.[1];
	if (!d) return [];
	return [...d.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('chartData', () => {
	test('each size once per site, a failed build as a failure, the one-more-day run', () => {
		const data = chartData(results);
		expect(data.time.ours.map((p) => [p.articles, p.value])).toEqual([
			[3139, 26.43],
			[15000, 113.495],
			[100000, 856.934],
		]);
		const failed = data.memory.baseline.at(-1)!;
		expect(failed.value).toBeUndefined();
		expect(failed.failure).toBe('stopped by the benchmark: memory limit reached (17.2 GB)');
		expect(data.day).toEqual({
			articles: 15000,
			dayArticles: 47,
			date: '2026-11-28',
			sites: { ours: { full: 113.495, day: 45.765 }, baseline: { full: 62.669, day: 76.821 } },
		});
	});

	test('the newest run of a size wins, whatever the order of the files', () => {
		const newer = structuredClone(results.find((r) => r.corpus.articles === 3139)!);
		newer.startedAt = '2026-12-05T00:00:00.000Z';
		newer.sites.ours!.total.wallSeconds = 20;
		const forward = chartData([...results, newer]);
		const backward = chartData([newer, ...results].reverse());
		expect(forward).toEqual(backward);
		expect(forward.time.ours[0]).toEqual({ articles: 3139, value: 20, date: '2026-12-05' });
	});
});

describe('axes', () => {
	test('round ticks from zero past the largest value', () => {
		expect(niceTicks(856.9)).toEqual([0, 200, 400, 600, 800, 1000]);
		expect(niceTicks(4.3)).toEqual([0, 1, 2, 3, 4, 5]);
		expect(niceTicks(113.5)).toEqual([0, 25, 50, 75, 100, 125]);
	});

	test('1-2-5 ticks on the logarithmic axis', () => {
		expect(logTicks(2000, 150000)).toEqual([2000, 5000, 10000, 20000, 50000, 100000]);
	});
});

describe('renderCharts', () => {
	const charts = renderCharts(results);

	test('the same results give the same bytes', () => {
		expect(renderCharts([...results].reverse())).toEqual(charts);
		expect(Object.keys(charts)).toEqual(['build-time.svg', 'peak-memory.svg', 'one-more-day.svg']);
	});

	test('each chart is accessible: role, title, a description stating its figures, axis labels', () => {
		for (const svg of Object.values(charts)) {
			expect(svg).toMatch(
				/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* role="img" aria-labelledby="([\w-]+)-title \1-desc">/,
			);
			expect(svg).toMatch(/<title id="[\w-]+-title">[^<]+<\/title>/);
			expect(svg).toContain('@media (prefers-color-scheme:dark)');
			expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
			// Every element opened is closed (the file is well-formed for the tags it uses).
			const opened = (svg.match(/<(svg|title|desc|style|text)\b/g) ?? []).length;
			const closed = (svg.match(/<\/(svg|title|desc|style|text)>/g) ?? []).length;
			expect(closed).toBe(opened);
		}
		const time = charts['build-time.svg']!;
		expect(time).toContain('articles (logarithmic scale)');
		expect(time).toContain('>wall seconds</text>');
		expect(time).toContain(
			'ours: 3,139 articles: 26.4 s; 15,000 articles: 113.5 s; 100,000 articles: 856.9 s.',
		);
		expect(time).toContain(
			'100,000 articles: failed, stopped by the benchmark: memory limit reached (17.2 GB).',
		);
		expect(charts['one-more-day.svg']).toContain(
			'ours: one more day 45.8 s (40% of the full build)',
		);
	});

	test('points sit left to right by size and higher for larger values', () => {
		const ours = pathPoints(charts['build-time.svg']!, 'ours');
		expect(ours).toHaveLength(3);
		expect(ours[0]![0]).toBeLessThan(ours[1]![0]);
		expect(ours[1]![0]).toBeLessThan(ours[2]![0]);
		// SVG y grows downwards: 856.9 s is above 113.5 s, which is above 26.4 s.
		expect(ours[2]![1]).toBeLessThan(ours[1]![1]);
		expect(ours[1]![1]).toBeLessThan(ours[0]![1]);
		// The baseline's line stops before its failed build: two measured sizes.
		expect(pathPoints(charts['build-time.svg']!, 'baseline')).toHaveLength(2);
		expect(charts['build-time.svg']).toContain('baseline failed</text>');
	});
});
