/**
 * `npm run eval:search` — how well the archive's search finds what a reader means,
 * next to stock Pagefind on the same pages.
 *
 *   npm run eval:search -- [--articles N] [--reuse] [--site DIR] [--skip-stock] [--browser] [--out FILE]
 *
 * Imports the corpus (`../shared/corpus/news-zh.jsonl`, replicated with shifted dates
 * beyond 3,139 articles), builds the site with its search index, writes a stock
 * Pagefind index of the same pages beside it, builds a query set from the pages
 * (`bench/lib/queries.ts`), decides relevance mechanically (a page is relevant
 * when its indexed text contains every word of the query, traditional queries counted
 * by their simplified form), and prints precision@10, recall and MRR for both, with
 * their ratio. `--browser` adds cold searches in Chromium: bytes fetched and time to
 * the first result. Results go to `.tmp/eval-search/a<N>/results.json` (or `--out`).
 *
 * Exit codes: 0 done; 1 our search scored below stock Pagefind on precision@10 or MRR,
 * or lost recall, or a traditional query scored below its simplified form; 2 wrong usage.
 */

import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { search } from '../src/search/engine.ts';
import { ShardedSearch } from '../src/search/sharded-search.ts';
import { RESULTS_PAGE_SIZE } from '../src/search/browser/search-protocol.ts';
import { measureSearchPage, measureStockInBrowser } from './lib/browser-timing.ts';
import { indexChunks, prefixCoverage } from './lib/chunks.ts';
import { importPlan, prepareSite } from './lib/corpus-site.ts';
import { readDocuments, type EvalDocument } from './lib/documents.ts';
import { fragmentUrls } from './lib/fragments.ts';
import { scoreQuery, type QueryScore } from './lib/metrics.ts';
import { mean, median } from './lib/stats.ts';
import { loadSiteSearch } from '../support/pagefind-node.ts';
import {
	buildKnownItems,
	KNOWN_ITEM_SETS,
	knownItemRank,
	summarise,
	type KnownItemSummary,
} from './lib/known-items.ts';
import { buildQuerySet, type EvalQuery, type QueryCategory } from './lib/queries.ts';
import { STOCK_BUNDLE, writeStockIndex } from './lib/stock-index.ts';
import type { ShardManifest } from '../src/search/shards.ts';

const USAGE = `用法 / Usage: npm run eval:search -- [--articles N] [--reuse] [--site DIR] [--skip-stock] [--browser] [--out FILE]
  --articles N  档案篇数（默认 3139；更多时复制语料并顺延日期）/ articles (default 3139; more replicate the corpus)
  --reuse       复用上次构建的站点和索引 / reuse the site and index a previous run built
  --site DIR    评测已构建的站点（如 npm run bench -- --keep 留下的），N 应与之相同 /
                evaluate a site built elsewhere (e.g. kept by npm run bench -- --keep) of N articles
  --skip-stock  不建 Pagefind 原生索引（10 万篇时它超出内存）/ no stock Pagefind index (at 100,000
                articles it does not fit in memory); stock columns are left empty
  --browser     在 Chromium 中测量冷启动查询 / measure cold queries in Chromium
  --known-only  只评测已知条目查询集 / only the known-item sets (success@1, success@3, MRR)
  --first-page  与 --known-only 同用时也测冷启动首页（慢）/ with --known-only, also score the
                first page as a cold browser gets it (slow: a fresh Pagefind per query)
  --out FILE    结果 JSON 的路径 / where to write the results JSON`;

interface QueryResult extends EvalQuery {
	relevant: number;
	stock: QueryScore & { results: number; ms: number };
	ours: QueryScore & { results: number; ms: number; missingWords: string[] };
}

/** A query's stock columns when the stock index is skipped (`--skip-stock`). */
const NO_STOCK = {
	precisionAt10: Number.NaN,
	recall: Number.NaN,
	reciprocalRank: Number.NaN,
	results: Number.NaN,
	ms: Number.NaN,
};

/**
 * The first page of results as a reader's browser gets it from a sharded index: a fresh
 * Pagefind per query with shard 0 alone, older shards merged only while the first page
 * is not full (`ShardedSearch`). Undefined when the index is one shard.
 */
async function firstPageScores(
	siteDir: string,
	manifest: ShardManifest,
	documents: readonly EvalDocument[],
	queries: readonly QueryResult[],
	urls: ReadonlyMap<string, string>,
) {
	if (manifest.shards.length < 2) return undefined;
	log(`scoring the first page of ${queries.length} queries, newest shard first`);
	const scores: QueryScore[] = [];
	const searched: number[] = [];
	for (const query of queries) {
		const lazy = await loadSiteSearch(siteDir, { lazy: true });
		try {
			const { outcome, coverage } = await new ShardedSearch(lazy.index).search(
				{ query: query.text },
				RESULTS_PAGE_SIZE,
			);
			const ranked = outcome.hits
				.slice(0, RESULTS_PAGE_SIZE)
				.map((hit) => urls.get(hit.id) ?? hit.id);
			scores.push(scoreQuery(ranked, relevantUrls(documents, query)));
			searched.push(coverage.searched);
		} finally {
			await lazy.close();
		}
	}
	return {
		queries: scores.length,
		shards: manifest.shards.length,
		precisionAt10: mean(scores.map((score) => score.precisionAt10)),
		mrr: mean(scores.map((score) => score.reciprocalRank)),
		medianShardsSearched: median(searched),
		maxShardsSearched: Math.max(...searched),
	};
}

function log(message: string): void {
	console.error(`[eval:search] ${message}`);
}

function relevantUrls(documents: readonly EvalDocument[], query: EvalQuery): Set<string> {
	return new Set(
		documents
			.filter((document) => query.words.every((word) => document.text.includes(word)))
			.map((document) => document.url),
	);
}

interface Aggregate {
	queries: number;
	precisionAt10: number;
	recall: number;
	mrr: number;
}

function aggregate(results: readonly QueryResult[], side: 'stock' | 'ours'): Aggregate {
	return {
		queries: results.length,
		precisionAt10: mean(results.map((result) => result[side].precisionAt10)),
		recall: mean(results.map((result) => result[side].recall)),
		mrr: mean(results.map((result) => result[side].reciprocalRank)),
	};
}

const fixed = (value: number, digits = 3) => (Number.isNaN(value) ? '—' : value.toFixed(digits));
const ratio = (ours: number, stock: number) =>
	Number.isNaN(stock) ? '—' : stock === 0 ? '∞' : (ours / stock).toFixed(2);

function table(rows: [string, Aggregate, Aggregate][]): string {
	const lines = [
		'| queries | n | P@10 stock | P@10 ours | ratio | recall stock | recall ours | ratio | MRR stock | MRR ours | ratio |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
	];
	for (const [name, stock, ours] of rows) {
		lines.push(
			`| ${name} | ${ours.queries} | ${fixed(stock.precisionAt10)} | ${fixed(ours.precisionAt10)} | ${ratio(ours.precisionAt10, stock.precisionAt10)} | ${fixed(stock.recall)} | ${fixed(ours.recall)} | ${ratio(ours.recall, stock.recall)} | ${fixed(stock.mrr)} | ${fixed(ours.mrr)} | ${ratio(ours.mrr, stock.mrr)} |`,
		);
	}
	return lines.join('\n');
}

interface KnownItemRow {
	set: string;
	stock: KnownItemSummary;
	ours: KnownItemSummary;
	/** Ours as a cold reader's browser gets it: newest shard first, until the first page is full. */
	oursFirstPage: KnownItemSummary;
	misses: { text: string; stockRank: number | null; ourRank: number | null }[];
}

/** Success@1, success@3 and MRR of each known-item set, ours and stock, on the same pages. */
async function knownItemTables(
	queries: ReturnType<typeof buildKnownItems>,
	ours: Awaited<ReturnType<typeof loadSiteSearch>>,
	stock: Awaited<ReturnType<typeof loadSiteSearch>> | undefined,
	ourUrls: ReadonlyMap<string, string>,
	stockUrls: ReadonlyMap<string, string>,
	/** Where to load a fresh, lazy Pagefind per query for the cold first page; skipped without. */
	siteDir: string | undefined,
): Promise<KnownItemRow[]> {
	log(`${queries.length} known-item queries`);
	const ranks: {
		query: (typeof queries)[number];
		stock: number | null;
		ours: number | null;
		firstPage: number | null | undefined;
	}[] = [];
	// At 100,000 articles a query can take many seconds: say how far the run has come.
	const started = performance.now();
	for (const [done, query] of queries.entries()) {
		if (done > 0 && done % 10 === 0) {
			log(
				`${done} of ${queries.length} queries in ${((performance.now() - started) / 1000).toFixed(0)} s`,
			);
		}
		const stockResponse = stock ? await stock.api.search(query.text) : undefined;
		const stockRanked = (stockResponse?.results ?? []).map(
			(hit) => stockUrls.get(hit.id) ?? hit.id,
		);
		const outcome = await search(ours.api, { query: query.text }, { shards: ours.shards });
		const ourRanked = outcome.hits.map((hit) => ourUrls.get(hit.id) ?? hit.id);
		// Not measured (undefined) without `siteDir`; the full ranking when there is one shard.
		let firstPageRank = siteDir ? knownItemRank(ourRanked, query.targets) : undefined;
		if (siteDir && ours.index.manifest.shards.length > 1) {
			const lazy = await loadSiteSearch(siteDir, { lazy: true });
			try {
				const { outcome: first } = await new ShardedSearch(lazy.index).search(
					{ query: query.text },
					RESULTS_PAGE_SIZE,
				);
				firstPageRank = knownItemRank(
					first.hits.slice(0, RESULTS_PAGE_SIZE).map((hit) => ourUrls.get(hit.id) ?? hit.id),
					query.targets,
				);
			} finally {
				await lazy.close();
			}
		}
		ranks.push({
			query,
			stock: stock ? knownItemRank(stockRanked, query.targets) : null,
			ours: knownItemRank(ourRanked, query.targets),
			firstPage: firstPageRank,
		});
	}
	const sets = [...KNOWN_ITEM_SETS, 'all' as const];
	return sets.map((set) => {
		const inSet = ranks.filter((rank) => set === 'all' || rank.query.set === set);
		return {
			set,
			stock: summarise(inSet.map((rank) => rank.stock)),
			ours: summarise(inSet.map((rank) => rank.ours)),
			oursFirstPage: summarise(
				inSet.map((rank) => rank.firstPage).filter((rank) => rank !== undefined),
			),
			misses:
				set === 'all'
					? []
					: inSet
							.filter((rank) => rank.ours !== 1)
							.map((rank) => ({
								text: rank.query.text,
								stockRank: rank.stock,
								ourRank: rank.ours,
							})),
		};
	});
}

function knownTable(rows: readonly KnownItemRow[]): string {
	const lines = [
		'| set | n | s@1 stock | s@1 ours | s@3 stock | s@3 ours | MRR stock | MRR ours | MRR ours, first page cold |',
		'| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
	];
	for (const row of rows) {
		lines.push(
			`| ${row.set} | ${row.ours.queries} | ${fixed(row.stock.successAt1)} | ${fixed(row.ours.successAt1)} | ${fixed(row.stock.successAt3)} | ${fixed(row.ours.successAt3)} | ${fixed(row.stock.mrr)} | ${fixed(row.ours.mrr)} | ${fixed(row.oursFirstPage.mrr)} |`,
		);
	}
	return lines.join('\n');
}

async function main(): Promise<number> {
	let values;
	try {
		({ values } = parseArgs({
			options: {
				articles: { type: 'string', default: '3139' },
				reuse: { type: 'boolean', default: false },
				site: { type: 'string' },
				'skip-stock': { type: 'boolean', default: false },
				browser: { type: 'boolean', default: false },
				'known-only': { type: 'boolean', default: false },
				'first-page': { type: 'boolean', default: false },
				out: { type: 'string' },
				help: { type: 'boolean', default: false },
			},
		}));
	} catch (error) {
		console.error(`${String(error)}\n\n${USAGE}`);
		return 2;
	}
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	const articles = Number(values.articles);
	if (!Number.isInteger(articles) || articles < 1) {
		console.error(`--articles 应为正整数 / must be a whole number\n\n${USAGE}`);
		return 2;
	}

	const site = values.site
		? {
				workDir: resolve(values.site, '..'),
				siteDir: resolve(values.site),
				plan: importPlan(articles),
				buildMs: null,
			}
		: await prepareSite(articles, { reuse: values.reuse, log });
	const withStock = !values['skip-stock'];
	// With --reuse, a stock index a previous run wrote over the same pages is kept.
	const stockKept =
		values.reuse && existsSync(join(site.siteDir, STOCK_BUNDLE, 'pagefind-entry.json'));
	if (withStock) log(stockKept ? 'keeping the stock index' : 'writing the stock Pagefind index');
	const stockIndexMs = withStock && !stockKept ? await writeStockIndex(site.siteDir) : null;
	const documents = await readDocuments(site.siteDir);
	log(`${documents.length} indexed pages; building the query set`);
	const queries = buildQuerySet(documents);

	const ours = await loadSiteSearch(site.siteDir);
	const stock = withStock
		? await loadSiteSearch(site.siteDir, { pageLanguage: 'zh-CN', bundle: STOCK_BUNDLE })
		: undefined;
	const ourUrls = await fragmentUrls(
		ours.index.manifest.shards.map((shard) => join(site.siteDir, shard.path)),
	);
	const stockUrls = withStock
		? await fragmentUrls([join(site.siteDir, STOCK_BUNDLE)])
		: new Map<string, string>();

	const known = await knownItemTables(
		buildKnownItems(documents),
		ours,
		stock,
		ourUrls,
		stockUrls,
		!values['known-only'] || values['first-page'] ? site.siteDir : undefined,
	);
	console.log(`\n## Known items: ${site.plan.articles} articles\n`);
	console.log(knownTable(known));
	if (values['known-only']) {
		await ours.close();
		await stock?.close();
		const out = values.out ?? join(site.workDir, 'known-items.json');
		await writeFile(out, `${JSON.stringify(known, null, '\t')}\n`);
		console.log(`\nWritten to ${out}`);
		return 0;
	}

	const results: QueryResult[] = [];
	for (const query of queries) {
		const relevant = relevantUrls(documents, query);
		let started = performance.now();
		const stockResponse = stock ? await stock.api.search(query.text) : undefined;
		const stockMs = stock ? performance.now() - started : Number.NaN;
		const stockRanked = (stockResponse?.results ?? []).map(
			(hit) => stockUrls.get(hit.id) ?? hit.id,
		);
		started = performance.now();
		const outcome = await search(ours.api, { query: query.text }, { shards: ours.shards });
		const ourMs = performance.now() - started;
		const ourRanked = outcome.hits.map((hit) => ourUrls.get(hit.id) ?? hit.id);
		results.push({
			...query,
			relevant: relevant.size,
			stock: stock
				? { ...scoreQuery(stockRanked, relevant), results: stockRanked.length, ms: stockMs }
				: NO_STOCK,
			ours: {
				...scoreQuery(ourRanked, relevant),
				results: ourRanked.length,
				ms: ourMs,
				missingWords: outcome.missingWords,
			},
		});
	}
	await ours.close();
	await stock?.close();

	const withRelevant = results.filter((result) => result.relevant > 0);
	const firstPage = await firstPageScores(
		site.siteDir,
		ours.index.manifest,
		documents,
		withRelevant,
		ourUrls,
	);
	const categories = [...new Set(results.map((result) => result.category))] as QueryCategory[];
	const rows: [string, Aggregate, Aggregate][] = categories
		.filter((category) => category !== 'missing-word')
		.map((category) => {
			const inCategory = withRelevant.filter((result) => result.category === category);
			return [category, aggregate(inCategory, 'stock'), aggregate(inCategory, 'ours')];
		});
	const overallStock = aggregate(withRelevant, 'stock');
	const overallOurs = aggregate(withRelevant, 'ours');
	rows.push(['**all with relevant pages**', overallStock, overallOurs]);

	const missing = results.filter((result) => result.category === 'missing-word');
	const silentStock = missing.filter((result) => result.stock.results > 0).length;
	const silentOurs = missing.filter((result) => result.ours.results > 0).length;
	const named = missing.filter((result) =>
		result.ours.missingWords.includes(result.missing!),
	).length;

	// Traditional queries against the simplified queries they stand for.
	const traditional = results.filter(
		(result) => result.category === 'traditional' && result.relevant > 0,
	);
	const bySimplified = new Map(results.map((result) => [result.text, result]));
	const traditionalPairs = traditional
		.map((result) => [result, bySimplified.get(result.simplified!)] as const)
		.filter((pair): pair is readonly [QueryResult, QueryResult] => pair[1] !== undefined);
	const traditionalWorse = traditionalPairs.filter(
		([trad, simplified]) =>
			trad.ours.precisionAt10 < simplified.ours.precisionAt10 ||
			trad.ours.recall < simplified.ours.recall ||
			trad.ours.reciprocalRank < simplified.ours.reciprocalRank,
	);

	// The recall loss of stock Pagefind: how the prefixes of one-character terms spread over chunks.
	const stockChunks = withStock ? await indexChunks(join(site.siteDir, STOCK_BUNDLE)) : [];
	const coverage = ['江', '泽', '民', '中', '国'].map((term) => prefixCoverage(stockChunks, term));

	const summary = {
		articles: site.plan.articles,
		pages: documents.length,
		buildMs: site.buildMs,
		stockIndexMs,
		queries: results.length,
		overall: { stock: overallStock, ours: overallOurs },
		byCategory: Object.fromEntries(
			rows.map(([name, stockRow, oursRow]) => [name, { stock: stockRow, ours: oursRow }]),
		),
		missingWord: {
			queries: missing.length,
			stockAnsweredWithUnrelatedPages: silentStock,
			oursAnsweredWithUnrelatedPages: silentOurs,
			oursNamedTheMissingWord: named,
		},
		traditional: {
			pairs: traditionalPairs.length,
			worseThanSimplified: traditionalWorse.map(([trad]) => trad.text),
		},
		nodeQueryMs: {
			stockMedian: median(results.map((result) => result.stock.ms)),
			oursMedian: median(results.map((result) => result.ours.ms)),
		},
		stockPrefixCoverage: coverage,
		firstPage,
		knownItems: known,
		browser: undefined as unknown,
		results,
	};

	if (values.browser) {
		const browserQueries = withRelevant
			.filter((result) => result.category !== 'traditional')
			.filter((_, index) => index % Math.max(1, Math.floor(withRelevant.length / 12)) === 0)
			.slice(0, 12)
			.map((result) => result.text);
		log(`measuring ${browserQueries.length} cold queries in Chromium`);
		summary.browser = {
			ours: await measureSearchPage(site.siteDir, browserQueries),
			stock: withStock ? await measureStockInBrowser(site.siteDir, browserQueries) : null,
		};
	}

	const out = values.out ?? join(site.workDir, 'results.json');
	await writeFile(out, `${JSON.stringify(summary, null, '\t')}\n`);

	console.log(
		`\n## Search quality: ${site.plan.articles} articles, ${documents.length} indexed pages, ${results.length} queries\n`,
	);
	console.log(table(rows));
	console.log(
		`\nMissing-word queries: ${missing.length}; answered with unrelated pages — stock ${withStock ? silentStock : '—'}, ours ${silentOurs}; ours named the missing word in ${named}.`,
	);
	console.log(
		`Traditional queries: ${traditionalPairs.length} compared with their simplified form; ours scored lower on ${traditionalWorse.length}.`,
	);
	if (firstPage) {
		console.log(
			`First page as a cold reader's browser searches (newest shard first, ${firstPage.queries} queries): P@10 ${fixed(firstPage.precisionAt10)}, MRR ${fixed(firstPage.mrr)}; shards searched: median ${firstPage.medianShardsSearched}, most ${firstPage.maxShardsSearched} of ${firstPage.shards}.`,
		);
	}
	console.log(
		`Query time in Node (median): stock ${fixed(summary.nodeQueryMs.stockMedian, 1)} ms, ours ${fixed(summary.nodeQueryMs.oursMedian, 1)} ms.`,
	);
	if (withStock) {
		console.log(
			`Stock index: ${stockChunks.length} word chunks; chunks holding words that start with ${coverage
				.map((entry) => `${entry.term} ${entry.chunksWithExtensions}`)
				.join(', ')} (Pagefind loads 1 per term).`,
		);
	}
	if (values.browser) {
		const browser = summary.browser as {
			ours: Awaited<ReturnType<typeof measureSearchPage>>;
			stock: Awaited<ReturnType<typeof measureStockInBrowser>> | null;
		};
		console.log(
			`Chromium, cold (median of ${browser.ours.queries.length}): ours first result ${fixed(browser.ours.medianFirstResultMs, 0)} ms after typing (warm ${fixed(browser.ours.medianWarmMs, 0)} ms), page + search ${(browser.ours.medianColdBytesGzip / 1024).toFixed(0)} KB, search alone ${(browser.ours.medianSearchBytesGzip / 1024).toFixed(0)} KB${browser.stock ? `; stock API ${fixed(browser.stock.medianFirstResultMs, 0)} ms, search alone ${(browser.stock.medianSearchBytesGzip / 1024).toFixed(0)} KB` : ''} (gzip-equivalent bytes).`,
		);
	}
	console.log(`\nWritten to ${out}`);

	const worse =
		overallOurs.precisionAt10 < overallStock.precisionAt10 ||
		overallOurs.mrr < overallStock.mrr ||
		overallOurs.recall < overallStock.recall ||
		traditionalWorse.length > 0 ||
		silentOurs > 0;
	return worse ? 1 : 0;
}

process.exitCode = await main();
