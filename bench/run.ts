/**
 * `npm run bench -- --articles N` — builds an archive of N real articles with this project
 * and with a baseline (Astro's blog starter + the Pagefind CLI), measures every stage,
 * the output and cold queries in Chromium, and writes the figures to `bench/results/`.
 * See `npm run bench -- --help` and `docs/scale.md`.
 *
 * Exit codes: 0 measured (a build that failed within the limits is a measurement, reported
 * in the result); 1 the benchmark itself failed; 2 wrong usage.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { publishNextDay } from './lib/add-day.ts';
import { countLiteralMatches } from './lib/literal-matches.ts';
import { attachPagePdfs } from './lib/page-pdfs.ts';
import { markReplicas } from './lib/mark-replicas.ts';
import { runMonitored } from './lib/monitor.ts';
import {
	corpusPlan,
	parseBenchArgs,
	UsageError,
	USAGE,
	type BenchOptions,
	type CorpusPlan,
} from './lib/options.ts';
import { measureArticlePages, measureOutput } from './lib/output-size.ts';
import { BENCH_TMP, RESULTS_DIR } from './lib/paths.ts';
import { BIN_DIR, childEnvironment, CORPUS_FILE, PROJECT_ROOT } from '../support/paths.ts';
import {
	markdownTable,
	RESULT_SCHEMA,
	siteRatios,
	type BenchResult,
	type SiteResult,
} from './lib/report.ts';
import {
	OUR_SEARCH_PAGE,
	probeSearch,
	STOCK_SEARCH_PAGE,
	type SearchPageSpec,
} from './lib/search-probe.ts';
import {
	buildBaseline,
	buildOurs,
	type BuildLimits,
	type SiteBuild,
	type SiteName,
} from './lib/sites.ts';
import { measureWhole } from './lib/stages.ts';

/** Where each site puts article pages, and how its search page shows results. */
const SITE_SHAPE: Record<SiteName, { articles: string; search: SearchPageSpec }> = {
	ours: {
		articles: 'articles',
		search: OUR_SEARCH_PAGE,
	},
	compare: {
		articles: 'articles',
		search: OUR_SEARCH_PAGE,
	},
	oursPages: {
		articles: 'articles',
		search: OUR_SEARCH_PAGE,
	},
	baseline: {
		articles: 'blog',
		search: STOCK_SEARCH_PAGE,
	},
};

function availableMemoryBytes(): number {
	const line = readFileSync('/proc/meminfo', 'utf8').match(/^MemAvailable:\s+(\d+) kB/m);
	return line ? Number(line[1]) * 1024 : totalmem();
}

function packageVersion(name: string): string {
	const file = join(PROJECT_ROOT, 'node_modules', name, 'package.json');
	return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

/** Which code was measured: the commit, and a digest of the working tree's changes to it. */
function sourceState(root = PROJECT_ROOT): {
	commit: string;
	changedFiles: number;
	changesDigest: string;
} {
	const git = (...args: string[]) =>
		execFileSync('git', args, {
			cwd: root,
			encoding: 'utf8',
			maxBuffer: 256 * 1024 * 1024,
		});
	try {
		const diff = git('diff', 'HEAD', '--', 'src', 'astro.config.mjs', 'package-lock.json');
		const untracked = git('ls-files', '--others', '--exclude-standard', '--', 'src')
			.split('\n')
			.filter(Boolean)
			.sort();
		const hash = createHash('sha1').update(diff);
		for (const file of untracked) hash.update(file).update(readFileSync(join(root, file)));
		return {
			commit: git('rev-parse', 'HEAD').trim(),
			changedFiles:
				new Set([...diff.matchAll(/^\+\+\+ b\/(.+)$/gm)].map((m) => m[1])).size + untracked.length,
			changesDigest: hash.digest('hex').slice(0, 12),
		};
	} catch {
		return { commit: 'unknown', changedFiles: 0, changesDigest: '' };
	}
}

function log(message: string): void {
	console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function importArchive(plan: CorpusPlan, contentDir: string, options: BenchOptions) {
	let shiftDays = 0;
	const result = await runMonitored({
		command: join(BIN_DIR, 'node'),
		args: [
			'scripts/import.ts',
			'--jsonl',
			CORPUS_FILE,
			'--out',
			contentDir,
			'--limit',
			String(plan.limit),
			'--replicate',
			String(plan.replicate),
		],
		cwd: PROJECT_ROOT,
		env: childEnvironment(),
		memoryLimitBytes: options.memoryLimitBytes,
		timeoutMs: options.timeoutMs,
		onLine: (line) => {
			const shift = /shift per copy:\s*(\d+)/.exec(line);
			if (shift) shiftDays = Number(shift[1]);
		},
	});
	const ok = result.exitCode === 0;
	if (!ok) console.error(result.tail.join('\n'));
	const figures = measureWhole(
		{
			events: result.events,
			samples: result.samples,
			end: { t: result.wallSeconds, cpuSeconds: result.cpuSeconds, rssBytes: 0 },
		},
		'import',
	);
	// A short import may end between two samples; GNU time still saw its peak.
	return {
		figures: {
			...figures,
			peakRssBytes: Math.max(figures.peakRssBytes, result.maxProcessRssBytes ?? 0),
			ok,
		},
		shiftDays,
	};
}

function summarise(build: SiteBuild, articles: number): SiteResult {
	return {
		ok: build.ok,
		...(build.failure ? { failure: build.failure } : {}),
		stages: build.stages,
		total: build.total,
		...(build.maxProcessRssBytes ? { maxProcessRssBytes: build.maxProcessRssBytes } : {}),
		...(build.ok ? { articlesPerSecond: articles / build.total.wallSeconds } : {}),
		pagesRendered: build.pagesRendered,
		pagesReused: build.pagesReused,
		fileCreation: build.fileCreation,
	};
}

async function measureSite(
	build: SiteBuild,
	articles: number,
	options: BenchOptions,
	literal: Record<string, number> | undefined,
): Promise<SiteResult> {
	const result = summarise(build, articles);
	if (!build.ok) {
		log(`${build.site}: ${build.failure?.reason} in ${build.failure?.stage}`);
		return result;
	}
	log(`${build.site}: built in ${build.total.wallSeconds.toFixed(1)} s; measuring the output`);
	result.output = measureOutput(build.distDir);
	const weight = measureArticlePages(
		build.distDir,
		SITE_SHAPE[build.site].articles,
		options.samplePages,
	);
	if (weight) result.articlePages = weight;
	if (options.search) {
		log(`${build.site}: ${options.queries.length} cold queries in Chromium`);
		const search = await probeSearch(build.distDir, SITE_SHAPE[build.site].search, options.queries);
		for (const probe of search.queries) {
			const matches = literal?.[probe.query];
			if (matches !== undefined) probe.literalMatches = matches;
		}
		result.search = search;
	}
	return result;
}

/** Rows for `--page-images`: ours without and with the page images, from the same run. */
function pageImagesTable(result: BenchResult): string {
	const without = result.sites.ours;
	const withPages = result.sites.oursPages;
	if (!without || !withPages) return '';
	const cell = (site: SiteResult) =>
		`${site.total.wallSeconds.toFixed(1)} s · ${site.total.cpuSeconds.toFixed(1)} CPU-s · ${(site.total.peakRssBytes / 1024 ** 3).toFixed(2)} GiB`;
	const lines = [
		'',
		'',
		'| page images (same run) | ours | oursPages | oursPages ÷ ours |',
		'| --- | --- | --- | --- |',
		`| build (wall · CPU · peak) | ${cell(without)} | ${cell(withPages)} | ${(withPages.total.wallSeconds / without.total.wallSeconds).toFixed(2)} wall, ${(withPages.total.cpuSeconds / without.total.cpuSeconds).toFixed(2)} CPU |`,
	];
	const again = result.incremental?.sites;
	if (again?.ours && again.oursPages)
		lines.push(
			`| publish one more day and rebuild | ${cell(again.ours)} | ${cell(again.oursPages)} | ${(again.oursPages.total.wallSeconds / again.ours.total.wallSeconds).toFixed(2)} wall |`,
		);
	return lines.join('\n');
}

/** The page-images step's counts, from its log line (see src/integrations/page-images.ts). */
function pageImageCounts(line: string | undefined) {
	const match =
		line &&
		/page images: (\d+) encoded, (\d+) reused from the cache; clippings: (\d+) encoded, (\d+) reused; (\d+) IIIF tiles, (\d+) PDFs copied in ([\d.]+) s \(([\d.]+) s/.exec(
			line,
		);
	if (!match) return undefined;
	const [encoded, reused, clippingsEncoded, clippingsReused, tiles, pdfs, seconds, waited] = match
		.slice(1)
		.map(Number);
	return { encoded, reused, clippingsEncoded, clippingsReused, tiles, pdfs, seconds, waited };
}

/** Three decimals are plenty for seconds and ratios, and keep the file readable. */
function roundFigures(_key: string, value: unknown): unknown {
	return typeof value === 'number' && !Number.isInteger(value)
		? Math.round(value * 1000) / 1000
		: value;
}

function defaultOutFile(articles: number, startedAt: Date): string {
	return join(RESULTS_DIR, `${startedAt.toISOString().slice(0, 10)}-${articles}.json`);
}

async function run(options: BenchOptions): Promise<number> {
	const startedAt = new Date();
	// Taken first: colleagues edit the same checkout while a long run goes on.
	const source = sourceState();
	const compareRoot = options.compare === undefined ? undefined : resolve(options.compare);
	if (compareRoot !== undefined) {
		for (const needed of ['astro.config.mjs', 'node_modules/.bin/astro']) {
			if (!existsSync(join(compareRoot, needed))) {
				throw new Error(
					`--compare ${compareRoot}: no ${needed} (a checkout of this project with its node_modules, e.g. a git worktree with node_modules linked to this one's)`,
				);
			}
		}
	}
	const plan = corpusPlan(options.articles, undefined, options.copies);
	const runDir = join(BENCH_TMP, `run-${plan.articles}-${process.pid}-${startedAt.getTime()}`);
	const contentDir = join(runDir, 'content');
	const limits: BuildLimits = {
		memoryLimitBytes: options.memoryLimitBytes,
		timeoutMs: options.timeoutMs,
		verbose: options.verbose,
		settle: options.settle,
		probeDir: join(runDir, 'file-creation-probe'),
		log,
	};
	log(
		`${plan.articles} articles (${plan.limit} × ${plan.replicate}) in ${runDir}; memory limit ${(options.memoryLimitBytes / 1024 ** 3).toFixed(0)} GiB`,
	);

	try {
		await mkdir(runDir, { recursive: true });
		const { figures: imported, shiftDays } = await importArchive(plan, contentDir, options);
		log(`import: ${imported.wallSeconds.toFixed(1)} s`);
		if (!imported.ok) throw new Error('the import failed (see above)');
		const marked =
			options.markReplicas && plan.replicate > 1 ? await markReplicas(contentDir, shiftDays) : 0;
		if (marked > 0) log(`marked ${marked} replicated articles with their copy number`);
		const literal = options.search ? countLiteralMatches(contentDir, options.queries) : undefined;

		const result: BenchResult & {
			/** With --page-images: the pages given an image, and what the build did with them. */
			pageImages?: Record<string, unknown>;
			incremental?: BenchResult['incremental'] & { pageImages?: Record<string, unknown> };
		} = {
			schema: RESULT_SCHEMA,
			startedAt: startedAt.toISOString(),
			machine: {
				cpus: cpus().length,
				memoryBytes: totalmem(),
				availableBytes: availableMemoryBytes(),
				loadAverage: loadavg().map((load) => Math.round(load * 100) / 100),
				node: process.version,
				astro: packageVersion('astro'),
				pagefind: packageVersion('pagefind'),
			},
			source,
			corpus: { ...plan, requested: options.articles, markedReplicas: marked },
			limits: { memoryLimitBytes: options.memoryLimitBytes, timeoutMs: options.timeoutMs },
			queries: options.queries,
			import: imported,
			sites: {},
		};

		log('ours: astro build (checks, content sync, pages, search index)');
		const ourWork = join(runDir, 'ours');
		const ours = await buildOurs({ contentDir, workDir: ourWork, limits });
		result.sites.ours = await measureSite(ours, plan.articles, options, literal);

		const compareWork = join(runDir, 'compare');
		let compared: SiteBuild | undefined;
		if (compareRoot !== undefined) {
			log(`compare: astro build of ${compareRoot}`);
			result.compare = { dir: compareRoot, ...sourceState(compareRoot) };
			compared = await buildOurs({ contentDir, workDir: compareWork, limits, root: compareRoot });
			result.sites.compare = await measureSite(compared, plan.articles, options, literal);
			if (ours.ok && compared.ok) {
				result.compareRatios = siteRatios(result.sites.ours, result.sites.compare);
			}
		}

		// With --page-images: the same archive with a page image and PDF for every 版, built
		// right after ours so that both see the same machine.
		const pagesContent = join(runDir, 'content-pages');
		const pagesWork = join(runDir, 'ours-pages');
		let oursPages: SiteBuild | undefined;
		if (options.pageImages) {
			await cp(contentDir, pagesContent, { recursive: true });
			const attached = await attachPagePdfs(pagesContent, log);
			log(
				`page images: ${attached.pages} pages (${attached.made} PDFs made, the rest from .tmp/page-pdfs/), ${attached.articles} articles with regions`,
			);
			log('oursPages: astro build with the page images');
			oursPages = await buildOurs({
				contentDir: pagesContent,
				workDir: pagesWork,
				limits,
				site: 'oursPages',
			});
			result.sites.oursPages = await measureSite(
				oursPages,
				plan.articles,
				{ ...options, search: false },
				undefined,
			);
			result.pageImages = {
				pages: attached.pages,
				articlesWithRegions: attached.articles,
				...(oursPages.pageImagesLine && { log: oursPages.pageImagesLine }),
				...(pageImageCounts(oursPages.pageImagesLine) && {
					counts: pageImageCounts(oursPages.pageImagesLine),
				}),
			};
			if (ours.ok && oursPages.ok) {
				result.ratios = {
					...result.ratios,
					pageImages: oursPages.total.wallSeconds / ours.total.wallSeconds,
					pageImagesCpu: oursPages.total.cpuSeconds / ours.total.cpuSeconds,
				};
			}
		}

		const baselineWork = join(runDir, 'baseline');
		let baseline: SiteBuild | undefined;
		if (options.baseline) {
			log('baseline: astro build, then pagefind --site dist');
			baseline = await buildBaseline({ contentDir, workDir: baselineWork, limits });
			result.sites.baseline = await measureSite(baseline, plan.articles, options, literal);
			if (ours.ok && baseline.ok) {
				result.ratios = {
					...siteRatios(result.sites.ours, result.sites.baseline),
					...result.ratios,
				};
			}
		}

		if (options.incremental) {
			const day = await publishNextDay(
				CORPUS_FILE,
				contentDir,
				plan.limit,
				plan.replicate,
				options.markReplicas,
			);
			log(`published ${day.articles} articles for ${day.date}; rebuilding with the caches kept`);
			result.incremental = { day, sites: {} };
			const rebuilt = await buildOurs({ contentDir, workDir: ourWork, limits });
			result.incremental.sites.ours = {
				...summarise(rebuilt, day.articles),
				...(ours.ok
					? { fractionOfFullBuild: rebuilt.total.wallSeconds / ours.total.wallSeconds }
					: {}),
			};
			if (compared && compareRoot !== undefined) {
				const again = await buildOurs({
					contentDir,
					workDir: compareWork,
					limits,
					root: compareRoot,
				});
				result.incremental.sites.compare = {
					...summarise(again, day.articles),
					...(compared.ok
						? { fractionOfFullBuild: again.total.wallSeconds / compared.total.wallSeconds }
						: {}),
				};
			}
			if (oursPages) {
				await publishNextDay(
					CORPUS_FILE,
					pagesContent,
					plan.limit,
					plan.replicate,
					options.markReplicas,
				);
				const attached = await attachPagePdfs(pagesContent, log);
				log(`oursPages: ${attached.pages} new pages attached; rebuilding with the caches kept`);
				const again = await buildOurs({
					contentDir: pagesContent,
					workDir: pagesWork,
					limits,
					site: 'oursPages',
				});
				result.incremental.sites.oursPages = {
					...summarise(again, day.articles),
					...(oursPages.ok
						? { fractionOfFullBuild: again.total.wallSeconds / oursPages.total.wallSeconds }
						: {}),
				};
				result.incremental.pageImages = {
					newPages: attached.pages,
					...(again.pageImagesLine && { log: again.pageImagesLine }),
					...(pageImageCounts(again.pageImagesLine) && {
						counts: pageImageCounts(again.pageImagesLine),
					}),
				};
			}
			if (baseline) {
				const again = await buildBaseline({ contentDir, workDir: baselineWork, limits });
				result.incremental.sites.baseline = {
					...summarise(again, day.articles),
					...(baseline.ok
						? { fractionOfFullBuild: again.total.wallSeconds / baseline.total.wallSeconds }
						: {}),
				};
			}
		}

		const outFile = options.out ?? defaultOutFile(plan.articles, startedAt);
		const table = markdownTable(result) + pageImagesTable(result);
		await mkdir(dirname(outFile), { recursive: true });
		await writeFile(outFile, `${JSON.stringify(result, roundFigures, '\t')}\n`);
		await writeFile(outFile.replace(/\.json$/, '') + '.md', `${table}\n`);
		console.log(`\n${table}\n`);
		log(`wrote ${outFile}`);
		return 0;
	} finally {
		if (!options.keep) await rm(runDir, { recursive: true, force: true });
		else log(`kept ${runDir}`);
	}
}

async function main(argv: string[]): Promise<number> {
	let options;
	try {
		options = parseBenchArgs(argv, availableMemoryBytes());
	} catch (error) {
		if (!(error instanceof UsageError)) throw error;
		console.error(`${error.message}\n\n${USAGE}`);
		return 2;
	}
	if (options === 'help') {
		console.log(USAGE);
		return 0;
	}
	return run(options);
}

main(process.argv.slice(2)).then(
	(code) => {
		process.exitCode = code;
	},
	(error: unknown) => {
		console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
		process.exitCode = 1;
	},
);
