import { describe, expect, it } from 'vitest';
import {
	combinedTable,
	markdownTable,
	RESULT_SCHEMA,
	siteRatios,
	type BenchResult,
	type SiteResult,
} from '../../../bench/lib/report.ts';
import type { StageFigures } from '../../../bench/lib/stages.ts';

const GB = 1e9;

function stage(name: string, wallSeconds: number, peakGb: number): StageFigures {
	return { name, wallSeconds, cpuSeconds: wallSeconds * 0.9, peakRssBytes: peakGb * GB };
}

function site(indexSeconds: number, indexPeakGb: number): SiteResult {
	const stages = [
		stage('content sync', 10, 1),
		stage('page rendering', 20, 1.5),
		stage('search indexing', indexSeconds, indexPeakGb),
		stage('other', 2, indexPeakGb),
	];
	return {
		ok: true,
		stages,
		total: stage('total', 32 + indexSeconds, indexPeakGb),
		articlesPerSecond: 100,
		output: {
			pages: 1000,
			files: 2000,
			bytes: 50e6,
			indexBundles: 1,
			indexFiles: 900,
			indexBytes: 10e6,
		},
	};
}

const result: BenchResult = {
	schema: RESULT_SCHEMA,
	startedAt: '2026-01-01T00:00:00.000Z',
	machine: {
		cpus: 2,
		memoryBytes: 24 * GB,
		availableBytes: 20 * GB,
		loadAverage: [1, 1, 1],
		node: 'v24.9.0',
		astro: '7.3.5',
		pagefind: '1.6.0',
	},
	source: { commit: 'abc', changedFiles: 0, changesDigest: '' },
	corpus: { limit: 3139, replicate: 4, articles: 12_556, requested: 12_556, markedReplicas: 9417 },
	limits: { memoryLimitBytes: 16 * 1024 ** 3, timeoutMs: 1000 },
	queries: ['中国'],
	import: { ...stage('import', 5, 0.2), ok: true },
	sites: { ours: site(30, 2), baseline: site(60, 4) },
};
result.ratios = siteRatios(result.sites.ours!, result.sites.baseline!);

describe('siteRatios', () => {
	it('divides ours by the baseline, and leaves out what one of them lacks', () => {
		expect(result.ratios).toMatchObject({
			totalWallSeconds: 0.674,
			peakRssBytes: 0.5,
			searchIndexingWallSeconds: 0.5,
			searchIndexingPeakRssBytes: 0.5,
			contentSyncWallSeconds: 1,
			pages: 1,
		});
		expect(result.ratios).not.toHaveProperty('firstResultMs');
	});
});

describe('markdownTable', () => {
	const table = markdownTable(result);

	it('has a row per stage with wall, CPU and peak for each site, and the ratio', () => {
		expect(table).toContain('| **12,556 articles** | ours | baseline | ours ÷ baseline |');
		expect(table).toContain(
			'| search indexing (wall · CPU · peak) | 30.0 s · 27.0 s CPU · 2.00 GB | 60.0 s · 54.0 s CPU · 4.00 GB |',
		);
		expect(table).toMatch(/\| \*\*build \+ index\*\* .* \| 0\.67 \|/);
		expect(table).toContain('| pages · files | 1,000 · 2,000 | 1,000 · 2,000 | 1.00 |');
	});

	it('says where and how a build failed instead of its figures', () => {
		const failed: BenchResult = {
			...result,
			sites: {
				...result.sites,
				baseline: {
					...site(0, 16),
					ok: false,
					failure: {
						step: 'index',
						reason: 'stopped by the benchmark: memory limit reached',
						stage: 'search indexing',
						atSeconds: 812.4,
						rssBytes: 17.2 * GB,
						peakRssBytes: 17.2 * GB,
						exitCode: null,
						signal: 'SIGKILL',
						tail: [],
					},
				},
			},
		};
		expect(markdownTable(failed)).toContain(
			'**failed** in search indexing after 812.4 s: stopped by the benchmark: memory limit reached (17.20 GB peak)',
		);
	});
});

describe('combinedTable', () => {
	it('puts runs side by side, one column per size and site', () => {
		const small = { ...result, corpus: { ...result.corpus, articles: 3139 } };
		const table = combinedTable([small, result]);
		expect(table.split('\n')[0]).toBe(
			'|  | 3,139 · ours | 3,139 · baseline | 12,556 · ours | 12,556 · baseline |',
		);
		expect(table).toContain('| content sync | 10 s (9 CPU) | 10 s (9 CPU) | 10 s (9 CPU) |');
		expect(table).toContain('| search indexing: wall (CPU) · peak | 30 s (27 CPU) · 2.00 GB |');
	});
});
