import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BenchResult, SiteResult } from '../../bench/lib/report.ts';
import { scratchDir } from '../../support/build-site.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';
import { CORPUS_FILE } from '../../support/paths.ts';

/**
 * `npm run bench` end to end on a tiny archive, so the benchmark keeps working: the real
 * import, both real builds, the real Pagefind indexes, Chromium, one more day published
 * and rebuilt. It checks that the result file holds every figure, not what they are
 * (timings on a shared machine vary); and that no corpus text went into it.
 */

const run = promisify(execFile);

const ARTICLES = 60;
const QUERIES = 2;
let dir: string;
let result: BenchResult;
let table: string;
let raw: string;

beforeAll(async () => {
	dir = await scratchDir('bench-run');
	const out = join(dir, 'result.json');
	await run(
		'npm',
		[
			'run',
			'bench',
			'--',
			'--articles',
			String(ARTICLES),
			// Two copies, so the replication a large benchmark relies on is exercised too.
			'--replicate',
			'2',
			// Marked copies (the default, named here because the test relies on it): a day of
			// identical copies is a reprint of most of a 60-article archive, whose 同文另见
			// links rightly re-render the pages this run checks are reused.
			'--mark-replicas',
			'--queries',
			String(QUERIES),
			'--sample-pages',
			'20',
			'--incremental',
			'--out',
			out,
		],
		{ cwd: PROJECT_ROOT, maxBuffer: 64 * 1024 * 1024 },
	);
	raw = readFileSync(out, 'utf8');
	result = JSON.parse(raw) as BenchResult;
	table = readFileSync(join(dir, 'result.md'), 'utf8');
}, 240_000);

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

const STAGES = {
	ours: [
		'startup',
		'checks',
		'content sync',
		'types & clean',
		'bundling',
		'page rendering',
		'search indexing',
		'other',
	],
	baseline: [
		'startup',
		'content sync',
		'types & clean',
		'bundling',
		'page rendering',
		'search indexing',
		'other',
	],
} as const;

function expectFigure(value: number | null | undefined, minimum = 0): void {
	expect(value).toEqual(expect.any(Number));
	expect(Number.isFinite(value)).toBe(true);
	expect(value!).toBeGreaterThanOrEqual(minimum);
}

describe('npm run bench', () => {
	it('imports the archive it was asked for and says how', () => {
		expect(result.corpus).toMatchObject({ requested: ARTICLES, articles: ARTICLES, replicate: 2 });
		// `--mark-replicas`: the second copy's articles carry their copy number.
		expect(result.corpus.markedReplicas).toBe(ARTICLES / 2);
		expect(result.import.ok).toBe(true);
		expectFigure(result.import.wallSeconds, Number.MIN_VALUE);
		expectFigure(result.import.peakRssBytes, 1);
		expect(result.machine.cpus).toBeGreaterThan(0);
		expect(result.machine.astro).toMatch(/^\d+\.\d+\.\d+/);
	});

	it.each(['ours', 'baseline'] as const)(
		'measures every stage of %s: wall time, CPU time and peak memory',
		(name) => {
			const site = result.sites[name]!;
			expect(site.ok, JSON.stringify(site.failure)).toBe(true);
			expect(site.stages.map((stage) => stage.name)).toEqual(STAGES[name]);
			for (const stage of site.stages) {
				expectFigure(stage.wallSeconds);
				expectFigure(stage.cpuSeconds);
				expectFigure(stage.peakRssBytes, 1);
			}
			const wall = site.stages.reduce((sum, stage) => sum + stage.wallSeconds, 0);
			expect(wall).toBeCloseTo(site.total.wallSeconds, 1);
			expect(site.total.peakRssBytes).toBe(
				Math.max(...site.stages.map((stage) => stage.peakRssBytes)),
			);
			expectFigure(site.articlesPerSecond, Number.MIN_VALUE);
		},
	);

	it.each(['ours', 'baseline'] as const)(
		'measures what %s wrote and how heavy an article page is',
		(name) => {
			const site: SiteResult = result.sites[name]!;
			expect(site.output!.pages).toBeGreaterThan(ARTICLES);
			expect(site.output!.files).toBeGreaterThan(site.output!.pages);
			expect(site.output!.indexBundles).toBeGreaterThanOrEqual(1);
			expectFigure(site.output!.indexBytes, 1);
			expect(site.output!.bytes).toBeGreaterThan(site.output!.indexBytes);
			const pages = site.articlePages!;
			// Every article page gzipped; 20 spread over them and the heaviest also with brotli.
			expect(pages.pages).toBe(ARTICLES);
			expect(pages.sampled).toBe(21);
			expectFigure(pages.gzipMedianBytes, 1);
			expect(pages.gzipP95Bytes).toBeGreaterThanOrEqual(pages.gzipMedianBytes);
			expect(pages.pagesReadableWithoutJs).toBe(ARTICLES);
			expectFigure(pages.pagesOver20KB);
			expect(pages.brotliMedianBytes).toBeLessThan(pages.gzipMedianBytes);
			expect(pages.gzipMaxBytes).toBeGreaterThanOrEqual(pages.gzipMedianBytes);
			expectFigure(pages.pagesWithScripts);
		},
	);

	it.each(['ours', 'baseline'] as const)(
		'times cold queries on %s in Chromium and counts their bytes',
		(name) => {
			const search = result.sites[name]!.search!;
			expect(search.queries).toHaveLength(QUERIES);
			expect(search.answered).toBe(QUERIES);
			for (const probe of search.queries) {
				expectFigure(probe.firstResultMs, 1);
				expectFigure(probe.bytesToFirstResult, 1);
				expect(probe.bytesTotal).toBeGreaterThanOrEqual(probe.bytesToFirstResult);
				expect(probe.requestsTotal).toBeGreaterThan(1);
				expectFigure(probe.resultCount, 1);
				expectFigure(probe.literalMatches, 1);
			}
			expectFigure(search.medianFirstResultMs, 1);
			expectFigure(search.medianBytesTotal, 1);
			expectFigure(search.medianGzipBytesTotal, 1);
		},
	);

	it('compares ours with the baseline', () => {
		for (const key of [
			'totalWallSeconds',
			'totalCpuSeconds',
			'peakRssBytes',
			'searchIndexingWallSeconds',
			'pages',
			'indexBytes',
			'articlePageGzipBytes',
			'firstResultMs',
			'queryBytesTotal',
		]) {
			expectFigure(result.ratios?.[key], Number.MIN_VALUE);
		}
	});

	it('publishes one more day and rebuilds, reusing the pages that did not change', () => {
		const { day, sites } = result.incremental!;
		expect(day.articles).toBeGreaterThan(0);
		expect(day.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		const ours = sites.ours!;
		expect(ours.ok, JSON.stringify(ours.failure)).toBe(true);
		expect(ours.pagesReused).toBeGreaterThan(ARTICLES / 2);
		expect(ours.pagesRendered).toBeGreaterThan(day.articles);
		expect(ours.pagesRendered).toBeLessThan(result.sites.ours!.pagesRendered!);
		expectFigure(ours.fractionOfFullBuild, Number.MIN_VALUE);
		expect(sites.baseline!.ok).toBe(true);
	});

	it('writes a markdown table with both sites and their ratio', () => {
		expect(table).toContain('| **60 articles** | ours | baseline | ours ÷ baseline |');
		expect(table).toMatch(/\| search indexing \(wall · CPU · peak\) \| [\d.]+ s · /);
		expect(table).toContain('publish one more day');
	});

	it('keeps the corpus out of the result: figures only', () => {
		const titles = readFileSync(CORPUS_FILE, 'utf8')
			.split('\n')
			.slice(0, ARTICLES)
			.filter(Boolean)
			.map((line) => (JSON.parse(line) as { title: string; body: string }).title)
			.filter((title) => title.length >= 6);
		expect(titles.length).toBeGreaterThan(10);
		for (const title of titles) {
			expect(raw).not.toContain(title);
			expect(table).not.toContain(title);
		}
	});
});
