import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fileCreationBeforeBuild, type FileCreationProbe } from './file-creation.ts';
import { MARK_PREFIX } from './hook-marks.ts';
import { runMonitored, type MonitorResult } from './monitor.ts';
import { BASELINE_SOURCE } from './paths.ts';
import { pagesInLog } from '../../support/astro-page-log.ts';
import { BIN_DIR, childEnvironment, PROJECT_ROOT } from '../../support/paths.ts';
import {
	measureWhole,
	sequential,
	splitStages,
	stageAt,
	type StageFigures,
	type StageRule,
	type Timeline,
} from './stages.ts';

/**
 * How each site is built and split into stages. Ours is the project's own config, run
 * the way `npm run build` runs it; the baseline is the blog-starter fixture followed by
 * the Pagefind CLI. Both get a private cache folder and the benchmark's hook marks.
 */

/**
 * `compare`: ours again, built from another checkout (`--compare DIR`), in the same run;
 * `oursPages`: ours with a page image and PDF for every 版 (`--page-images`).
 */
export type SiteName = 'ours' | 'baseline' | 'compare' | 'oursPages';

export interface BuildLimits {
	memoryLimitBytes: number;
	timeoutMs: number;
	/** Echo the builds' output. */
	verbose: boolean;
	/** Wait before each build until making a file costs what it does on a settled disk. */
	settle: boolean;
	/** Where the file-creation probes leave their files (bench/lib/file-creation.ts). */
	probeDir: string;
	log?: (message: string) => void;
}

export interface BuildFailure {
	/** Which command failed: `build` or `index`. */
	step: string;
	reason: string;
	/** The stage running when it failed. */
	stage: string;
	atSeconds: number;
	/** Memory of the process tree at the failure and at its peak. */
	rssBytes: number;
	peakRssBytes: number;
	exitCode: number | null;
	signal: string | null;
	/** The last lines printed (log lines, no article text). */
	tail: string[];
}

export interface SiteBuild {
	site: SiteName;
	ok: boolean;
	failure?: BuildFailure;
	/** Per stage; `other` holds what no stage covers. */
	stages: StageFigures[];
	/** Build plus index, start to end. */
	total: StageFigures;
	/** GNU time's peak of the largest single process. */
	maxProcessRssBytes?: number;
	pagesRendered: number;
	/** Pages Astro's incremental build cache restored instead of rendering. */
	pagesReused: number;
	distDir: string;
	/** The page-images step's own summary line (encoded, reused, seconds), when it ran. */
	pageImagesLine?: string;
	/** What making a file cost just before the build (bench/lib/file-creation.ts). */
	fileCreation: FileCreationProbe;
}

/** Names a build's output line when it marks a stage boundary. */
export function classifyBuildLine(line: string): string | undefined {
	if (line.startsWith(`${MARK_PREFIX} `)) return line.slice(MARK_PREFIX.length + 1).trim();
	if (/\[content\] Syncing content/.test(line)) return 'sync-start';
	if (/\[content\] Synced content/.test(line)) return 'sync-end';
	if (/Building static entrypoints/.test(line)) return 'bundle-start';
	if (/generating static routes/.test(line)) return 'render-start';
	return undefined;
}

const ASTRO_STAGES: StageRule[] = [
	{ name: 'startup', start: 'spawn', end: /^start astro:config:setup / },
	{ name: 'content sync', start: /^sync-start$/, end: /^sync-end$/ },
	// Type generation, then emptying the output folder: slow when rebuilding over a large site.
	{ name: 'types & clean', start: /^sync-end$/, end: /^bundle-start$/ },
	{ name: 'bundling', start: /^bundle-start$/, end: /^render-start$/ },
	{
		name: 'page rendering',
		start: /^render-start$/,
		end: /^start astro:build:generated bench:phases:first$/,
	},
];

/** Our build: the content checks and the search index run inside `astro build`. */
export const OUR_STAGES: StageRule[] = [
	ASTRO_STAGES[0]!,
	{ name: 'checks', hooksOf: /guard|check|scan/i },
	...ASTRO_STAGES.slice(1),
	{ name: 'search indexing', hooksOf: /pagefind|search/i },
];

export const BASELINE_STAGES: StageRule[] = ASTRO_STAGES;

function timelineOf(result: MonitorResult): Timeline {
	const last = result.samples.at(-1);
	return {
		events: result.events,
		samples: result.samples,
		end: {
			t: result.wallSeconds,
			cpuSeconds: result.cpuSeconds,
			rssBytes: last?.rssBytes ?? 0,
		},
	};
}

function describeFailure(
	step: string,
	result: MonitorResult,
	rules: readonly StageRule[],
): BuildFailure | undefined {
	if (result.exitCode === 0 && !result.stoppedFor) return undefined;
	const timeline = timelineOf(result);
	const at = result.stoppedAt ?? timeline.end;
	const text = result.tail.join('\n');
	const reason =
		result.stoppedFor === 'memory'
			? 'stopped by the benchmark: memory limit reached'
			: result.stoppedFor === 'timeout'
				? 'stopped by the benchmark: time limit reached'
				: /heap out of memory|Allocation failed/i.test(text)
					? 'V8 heap out of memory'
					: /memory allocation of \d+ bytes failed|out of memory/i.test(text)
						? 'native out of memory'
						: result.signal
							? `killed by ${result.signal}`
							: `exit code ${result.exitCode}`;
	return {
		step,
		reason,
		stage: stageAt(timeline, rules, at.t),
		atSeconds: at.t,
		rssBytes: at.rssBytes,
		peakRssBytes: result.peakTreeRssBytes,
		exitCode: result.exitCode,
		signal: result.signal,
		tail: result.tail.slice(-15),
	};
}

/** A config that wraps another with a private cache folder and the hook marks. */
async function writeBenchConfig(file: string, baseConfig: string, cacheDir: string) {
	const marks = pathToFileURL(join(PROJECT_ROOT, 'bench/lib/hook-marks.ts')).href;
	await writeFile(
		file,
		[
			'// Written by bench: the site config with a private cache and stage marks.',
			`import config from ${JSON.stringify(pathToFileURL(baseConfig).href)};`,
			`import { withHookMarks } from ${JSON.stringify(marks)};`,
			`export default withHookMarks({ ...config, cacheDir: ${JSON.stringify(cacheDir)} });`,
			'',
		].join('\n'),
	);
}

/** Pages of Astro's page-by-page lines (`pagesInLog`: several can share a line). */
interface PageCounts {
	rendered: number;
	reused: number;
}

const ROUTE_LINE = /(├─|└─) /;

function monitorOptions(limits: BuildLimits, label: string, pages: PageCounts) {
	return {
		memoryLimitBytes: limits.memoryLimitBytes,
		timeoutMs: limits.timeoutMs,
		classify: classifyBuildLine,
		onLine: (line: string) => {
			if (ROUTE_LINE.test(line)) {
				const { rendered, cached, restored } = pagesInLog(line);
				pages.rendered += rendered.size;
				pages.reused += cached.size + restored.size;
				// Page-by-page lines would drown everything else.
				return;
			}
			if (limits.verbose && !line.startsWith(MARK_PREFIX)) console.log(`  [${label}] ${line}`);
		},
	};
}

export interface OurBuildOptions {
	contentDir: string;
	/** Holds `dist/`, `cache/` and the generated config; kept between builds for incremental runs. */
	workDir: string;
	limits: BuildLimits;
	/** Extra environment, e.g. for a scoped build. */
	env?: Record<string, string>;
	/**
	 * The checkout to build (its `astro.config.mjs`, `src/` and `node_modules/`); this project
	 * when left out. Another checkout makes the `compare` site (`--compare DIR`).
	 */
	root?: string;
	/** The name it is reported under (default `ours`). */
	site?: SiteName;
}

/** `ARCHIVE_CONTENT=<dir> astro build --outDir <dir>` with the project's config. */
export async function buildOurs(options: OurBuildOptions): Promise<SiteBuild> {
	const { workDir, limits } = options;
	const root = options.root ?? PROJECT_ROOT;
	const site: SiteName = options.site ?? (root === PROJECT_ROOT ? 'ours' : 'compare');
	const distDir = join(workDir, 'dist');
	await mkdir(workDir, { recursive: true });
	const config = join(workDir, 'astro.config.mjs');
	await writeBenchConfig(config, join(root, 'astro.config.mjs'), join(workDir, 'cache'));
	const pages = { rendered: 0, reused: 0 };
	const monitored = monitorOptions(limits, site, pages);
	const fileCreation = await fileCreationBeforeBuild(limits.probeDir, limits.settle, limits.log);
	let pageImagesLine: string | undefined;
	const result = await runMonitored({
		command: join(root, 'node_modules', '.bin', 'astro'),
		// Astro resolves `--config` against the project root.
		args: ['build', '--config', relative(root, config), '--outDir', distDir],
		cwd: root,
		// The progress reporter would hold back the per-page lines the page counts come from.
		env: childEnvironment({
			ARCHIVE_CONTENT: options.contentDir,
			ARCHIVE_PROGRESS: 'off',
			...options.env,
		}),
		...monitored,
		onLine: (line: string) => {
			if (line.includes('[archive:page-images]')) pageImagesLine = line.trim();
			monitored.onLine(line);
		},
	});
	const timeline = timelineOf(result);
	const failure = describeFailure('build', result, OUR_STAGES);
	return {
		site,
		ok: failure === undefined,
		...(failure ? { failure } : {}),
		stages: splitStages(timeline, OUR_STAGES),
		total: measureWhole(timeline, 'total'),
		...(result.maxProcessRssBytes ? { maxProcessRssBytes: result.maxProcessRssBytes } : {}),
		pagesRendered: pages.rendered,
		pagesReused: pages.reused,
		distDir,
		fileCreation,
		...(pageImagesLine ? { pageImagesLine } : {}),
	};
}

export interface BaselineBuildOptions {
	contentDir: string;
	workDir: string;
	limits: BuildLimits;
}

/** The blog-starter fixture's `astro build`, then `pagefind --site dist`. */
export async function buildBaseline(options: BaselineBuildOptions): Promise<SiteBuild> {
	const { workDir, limits } = options;
	const siteDir = join(workDir, 'site');
	const distDir = join(workDir, 'dist');
	await rm(siteDir, { recursive: true, force: true });
	// A copy, so Astro's generated `.astro/` types never land in the repository.
	await cp(BASELINE_SOURCE, siteDir, {
		recursive: true,
		filter: (source) => !/[/\\](\.astro|dist|node_modules)$/.test(source),
	});
	const config = join(siteDir, 'bench.config.mjs');
	await writeBenchConfig(config, join(siteDir, 'astro.config.mjs'), join(workDir, 'cache'));
	const env = childEnvironment({ ARCHIVE_CONTENT: options.contentDir });
	const pages = { rendered: 0, reused: 0 };
	const fileCreation = await fileCreationBeforeBuild(limits.probeDir, limits.settle, limits.log);
	const build = await runMonitored({
		command: join(BIN_DIR, 'astro'),
		// Astro resolves `--config` against the root.
		args: ['build', '--root', siteDir, '--config', 'bench.config.mjs', '--outDir', distDir],
		cwd: siteDir,
		env,
		...monitorOptions(limits, 'baseline', pages),
	});
	const buildTimeline = timelineOf(build);
	const buildStages = splitStages(buildTimeline, BASELINE_STAGES);
	const buildWhole = measureWhole(buildTimeline, 'build');
	const buildFailure = describeFailure('build', build, BASELINE_STAGES);
	if (buildFailure) {
		return {
			site: 'baseline',
			ok: false,
			failure: buildFailure,
			stages: buildStages,
			total: { ...buildWhole, name: 'total' },
			...(build.maxProcessRssBytes ? { maxProcessRssBytes: build.maxProcessRssBytes } : {}),
			pagesRendered: pages.rendered,
			pagesReused: pages.reused,
			distDir,
			fileCreation,
		};
	}

	const index = await runMonitored({
		command: join(BIN_DIR, 'pagefind'),
		args: ['--site', distDir],
		cwd: siteDir,
		env,
		...monitorOptions(limits, 'baseline pagefind', pages),
	});
	const sampled = measureWhole(timelineOf(index), 'search indexing');
	// A short Pagefind run can end between two samples: GNU time's figure for its largest
	// process is then the only memory reading, and a floor for the tree's in any case.
	const indexWhole = {
		...sampled,
		peakRssBytes: Math.max(sampled.peakRssBytes, index.maxProcessRssBytes ?? 0),
	};
	const indexFailure = describeFailure('index', index, []);
	// `other` stays last, as in our stages.
	const stages = [...buildStages.slice(0, -1), indexWhole, buildStages.at(-1)!];
	return {
		site: 'baseline',
		ok: indexFailure === undefined,
		...(indexFailure ? { failure: { ...indexFailure, stage: 'search indexing' } } : {}),
		stages,
		total: sequential('total', [buildWhole, indexWhole]),
		maxProcessRssBytes: Math.max(build.maxProcessRssBytes ?? 0, index.maxProcessRssBytes ?? 0),
		pagesRendered: pages.rendered,
		pagesReused: pages.reused,
		distDir,
		fileCreation,
	};
}
