import type { FileCreationProbe } from './file-creation.ts';
import type { CorpusPlan } from './options.ts';
import type { ArticlePageWeight, OutputSize } from './output-size.ts';
import type { SearchFigures } from './search-probe.ts';
import type { BuildFailure, SiteName } from './sites.ts';
import type { StageFigures } from './stages.ts';

/**
 * The benchmark's result file and its tables. Figures only: no article text, titles or
 * excerpts ever go into a result (committed results must not carry the corpus).
 */

export const RESULT_SCHEMA = 1;

export interface SiteResult {
	ok: boolean;
	failure?: BuildFailure;
	stages: StageFigures[];
	/** Build plus index. */
	total: StageFigures;
	maxProcessRssBytes?: number;
	/** Articles per second of build-plus-index wall time. */
	articlesPerSecond?: number;
	/** Pages rendered and pages reused from the previous build's cache. */
	pagesRendered?: number;
	pagesReused?: number;
	output?: OutputSize;
	articlePages?: ArticlePageWeight;
	search?: SearchFigures;
	/** What making a file cost just before the build (bench/lib/file-creation.ts). */
	fileCreation?: FileCreationProbe;
}

export interface IncrementalResult {
	/** The day published into the archive and how many articles it brought. */
	day: { date: string; articles: number };
	sites: Partial<Record<SiteName, SiteResult & { fractionOfFullBuild?: number }>>;
}

export interface BenchResult {
	schema: number;
	startedAt: string;
	machine: {
		cpus: number;
		memoryBytes: number;
		/** Memory free when the run started (other people's builds share the machine). */
		availableBytes: number;
		loadAverage: number[];
		node: string;
		astro: string;
		pagefind: string;
	};
	/** `markedReplicas`: copies given a closing line so their text differs (mark-replicas.ts). */
	/** The commit measured and a digest of uncommitted changes to `src/` and the config. */
	source: { commit: string; changedFiles: number; changesDigest: string };
	corpus: CorpusPlan & { requested: number; markedReplicas: number };
	limits: { memoryLimitBytes: number; timeoutMs: number };
	queries: string[];
	import: StageFigures & { ok: boolean };
	sites: Partial<Record<SiteName, SiteResult>>;
	/** ours ÷ baseline, for the figures both have; below 1 means ours is smaller or faster. */
	ratios?: Record<string, number>;
	/** With `--compare DIR`: the checkout built as the site `compare`, and ours ÷ compare. */
	compare?: { dir: string; commit: string; changedFiles: number; changesDigest: string };
	compareRatios?: Record<string, number>;
	incremental?: IncrementalResult;
}

function ratio(ours: number | null | undefined, baseline: number | null | undefined) {
	if (ours === null || ours === undefined || !baseline) return undefined;
	return Math.round((ours / baseline) * 1000) / 1000;
}

/** ours ÷ baseline for the headline figures. */
export function siteRatios(ours: SiteResult, baseline: SiteResult): Record<string, number> {
	const stage = (site: SiteResult, name: string) =>
		site.stages.find((candidate) => candidate.name === name);
	const pairs: [string, number | undefined][] = [
		['totalWallSeconds', ratio(ours.total.wallSeconds, baseline.total.wallSeconds)],
		['totalCpuSeconds', ratio(ours.total.cpuSeconds, baseline.total.cpuSeconds)],
		['peakRssBytes', ratio(ours.total.peakRssBytes, baseline.total.peakRssBytes)],
		[
			'contentSyncWallSeconds',
			ratio(stage(ours, 'content sync')?.wallSeconds, stage(baseline, 'content sync')?.wallSeconds),
		],
		[
			'pageRenderingWallSeconds',
			ratio(
				stage(ours, 'page rendering')?.wallSeconds,
				stage(baseline, 'page rendering')?.wallSeconds,
			),
		],
		[
			'searchIndexingWallSeconds',
			ratio(
				stage(ours, 'search indexing')?.wallSeconds,
				stage(baseline, 'search indexing')?.wallSeconds,
			),
		],
		[
			'searchIndexingPeakRssBytes',
			ratio(
				stage(ours, 'search indexing')?.peakRssBytes,
				stage(baseline, 'search indexing')?.peakRssBytes,
			),
		],
		['pages', ratio(ours.output?.pages, baseline.output?.pages)],
		['outputBytes', ratio(ours.output?.bytes, baseline.output?.bytes)],
		['indexBytes', ratio(ours.output?.indexBytes, baseline.output?.indexBytes)],
		[
			'articlePageGzipBytes',
			ratio(ours.articlePages?.gzipMedianBytes, baseline.articlePages?.gzipMedianBytes),
		],
		[
			'firstResultMs',
			ratio(ours.search?.medianFirstResultMs, baseline.search?.medianFirstResultMs),
		],
		['queryBytesTotal', ratio(ours.search?.medianBytesTotal, baseline.search?.medianBytesTotal)],
	];
	return Object.fromEntries(
		pairs.filter((pair): pair is [string, number] => pair[1] !== undefined),
	);
}

// ---------------------------------------------------------------------------
// Tables
// ---------------------------------------------------------------------------

const seconds = (value: number) => `${value.toFixed(1)} s`;
const gigabytes = (bytes: number) => `${(bytes / 1e9).toFixed(2)} GB`;
const kilobytes = (bytes: number) => `${(bytes / 1e3).toFixed(1)} KB`;
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
const count = (value: number) => value.toLocaleString('en-US');

function stageCell(stage: StageFigures | undefined): string {
	if (!stage) return '–';
	return `${seconds(stage.wallSeconds)} · ${seconds(stage.cpuSeconds)} CPU · ${gigabytes(stage.peakRssBytes)}`;
}

function failureCell(site: SiteResult | undefined): string | undefined {
	if (!site?.failure) return undefined;
	const { failure } = site;
	return `**failed** in ${failure.stage} after ${seconds(failure.atSeconds)}: ${failure.reason} (${gigabytes(failure.peakRssBytes)} peak)`;
}

const STAGE_ORDER = [
	'startup',
	'checks',
	'content sync',
	'types & clean',
	'bundling',
	'page rendering',
	'search indexing',
	'other',
];

interface Row {
	label: string;
	value: (site: SiteResult) => string;
	ratio?: string;
}

function rows(): Row[] {
	const rows: Row[] = STAGE_ORDER.map((name) => ({
		label: `${name} (wall · CPU · peak)`,
		value: (site) => stageCell(site.stages.find((stage) => stage.name === name)),
	}));
	rows.push(
		{
			label: '**build + index** (wall · CPU · peak)',
			value: (site) => failureCell(site) ?? `**${stageCell(site.total)}**`,
			ratio: 'totalWallSeconds',
		},
		{
			label: 'making a file just before the build (CPU; settled ≈ 25 µs)',
			value: (site) =>
				site.fileCreation
					? `${site.fileCreation.cpuMicrosPerFile} µs${site.fileCreation.waitedSeconds >= 1 ? ` after waiting ${site.fileCreation.waitedSeconds.toFixed(0)} s` : ''}`
					: '–',
		},
		{
			label: 'throughput',
			value: (site) =>
				site.articlesPerSecond === undefined
					? '–'
					: `${site.articlesPerSecond.toFixed(0)} articles/s`,
		},
		{
			label: 'pages · files',
			value: (site) =>
				site.output ? `${count(site.output.pages)} · ${count(site.output.files)}` : '–',
			ratio: 'pages',
		},
		{
			label: 'output · of which index',
			value: (site) =>
				site.output
					? `${megabytes(site.output.bytes)} · ${megabytes(site.output.indexBytes)} (${count(site.output.indexFiles)} files)`
					: '–',
			ratio: 'outputBytes',
		},
		{
			label: 'article page, HTML+CSS gzip: median · p95 · max (brotli median · max)',
			value: (site) => {
				const weight = site.articlePages;
				if (!weight) return '–';
				const sizes = `${kilobytes(weight.gzipMedianBytes)} · ${kilobytes(weight.gzipP95Bytes)} · ${kilobytes(weight.gzipMaxBytes)} (${kilobytes(weight.brotliMedianBytes)} · ${kilobytes(weight.brotliMaxBytes)})`;
				return `${sizes}; ${count(weight.pagesOver20KB)} of ${count(weight.pages)} over 20 KB; ${count(weight.pagesReadableWithoutJs)} readable without JS, ${count(weight.pagesWithScripts)} load JS`;
			},
			ratio: 'articlePageGzipBytes',
		},
		{
			label: 'cold query: first results (median; max)',
			value: (site) =>
				site.search?.medianFirstResultMs === null || !site.search
					? '–'
					: `${site.search.medianFirstResultMs} ms (${site.search.maxFirstResultMs} ms); ${site.search.answered}/${site.search.queries.length} answered`,
			ratio: 'firstResultMs',
		},
		{
			label: 'cold query: bytes to first results · in all (median)',
			value: (site) =>
				site.search
					? `${kilobytes(site.search.medianBytesToFirstResult)} · ${kilobytes(site.search.medianBytesTotal)} (gzip ${kilobytes(site.search.medianGzipBytesTotal)})`
					: '–',
			ratio: 'queryBytesTotal',
		},
	);
	return rows;
}

/** The run as a markdown table: one column per site and the ratio ours ÷ baseline. */
export function markdownTable(result: BenchResult): string {
	const sites = (['ours', 'baseline'] as const).filter((name) => result.sites[name]);
	const header = [
		`**${count(result.corpus.articles)} articles**`,
		...sites,
		...(sites.length === 2 ? ['ours ÷ baseline'] : []),
	];
	const lines = [
		`| ${header.join(' | ')} |`,
		`| ${header.map(() => '---').join(' | ')} |`,
		`| import (wall · CPU · peak) | ${stageCell(result.import)} |${sites.length === 2 ? ' (same content) | |' : ''}`,
	];
	for (const row of rows()) {
		const cells = sites.map((name) => row.value(result.sites[name]!));
		const ratioValue = row.ratio ? result.ratios?.[row.ratio] : undefined;
		if (sites.length === 2) cells.push(ratioValue === undefined ? '' : ratioValue.toFixed(2));
		lines.push(`| ${row.label} | ${cells.join(' | ')} |`);
	}
	if (result.incremental) {
		const { day, sites: incremental } = result.incremental;
		const cells = sites.map((name) => {
			const site = incremental[name];
			if (!site) return '–';
			const fraction =
				site.fractionOfFullBuild === undefined
					? ''
					: ` = ${(site.fractionOfFullBuild * 100).toFixed(0)}% of the full build`;
			const reuse =
				site.pagesReused === undefined
					? ''
					: `; ${count(site.pagesRendered ?? 0)} pages rendered, ${count(site.pagesReused)} reused`;
			return `${failureCell(site) ?? stageCell(site.total)}${fraction}${reuse}`;
		});
		if (sites.length === 2) cells.push('');
		lines.push(
			`| publish one more day (${day.articles} articles) and rebuild | ${cells.join(' | ')} |`,
		);
	}
	return lines.join('\n');
}

const shortStage = (stage: StageFigures | undefined) =>
	stage ? `${stage.wallSeconds.toFixed(0)} s (${stage.cpuSeconds.toFixed(0)} CPU)` : '–';

/** Short rows for runs side by side: wall (CPU) per stage, then the headline figures. */
function compactRows(): Row[] {
	const stageRow = (name: string): Row => ({
		label: name,
		value: (site) => shortStage(site.stages.find((stage) => stage.name === name)),
	});
	return [
		{
			label: '**build + index**: wall (CPU) · peak memory',
			value: (site) =>
				site.failure
					? `**failed** in ${site.failure.stage} at ${gigabytes(site.failure.peakRssBytes)} (${site.failure.reason.replace(/^stopped by the benchmark: /, '')})`
					: `**${shortStage(site.total)} · ${gigabytes(site.total.peakRssBytes)}**`,
		},
		stageRow('checks'),
		stageRow('content sync'),
		stageRow('page rendering'),
		{
			label: 'search indexing: wall (CPU) · peak',
			value: (site) => {
				const stage = site.stages.find((candidate) => candidate.name === 'search indexing');
				return stage ? `${shortStage(stage)} · ${gigabytes(stage.peakRssBytes)}` : '–';
			},
		},
		{
			label: 'pages · output (index)',
			value: (site) =>
				site.output
					? `${count(site.output.pages)} · ${megabytes(site.output.bytes)} (${megabytes(site.output.indexBytes)})`
					: '–',
		},
		{
			label: 'article page gzip: median · max',
			value: (site) =>
				site.articlePages
					? `${kilobytes(site.articlePages.gzipMedianBytes)} · ${kilobytes(site.articlePages.gzipMaxBytes)}`
					: '–',
		},
		{
			label: 'cold query: first results · bytes (median)',
			value: (site) =>
				site.search && site.search.medianFirstResultMs !== null
					? `${site.search.medianFirstResultMs} ms · ${kilobytes(site.search.medianBytesTotal)}`
					: '–',
		},
	];
}

/** Several runs side by side (e.g. 3,139, 12,556 and 100,000 articles) for the README. */
export function combinedTable(results: readonly BenchResult[]): string {
	const columns = results.flatMap((result) =>
		(['ours', 'baseline'] as const)
			.filter((name) => result.sites[name])
			.map((name) => ({ result, name, site: result.sites[name]! })),
	);
	const header = [
		'',
		...columns.map(({ result, name }) => `${count(result.corpus.articles)} · ${name}`),
	];
	const lines = [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`];
	for (const row of compactRows()) {
		lines.push(`| ${row.label} | ${columns.map(({ site }) => row.value(site)).join(' | ')} |`);
	}
	return lines.join('\n');
}
