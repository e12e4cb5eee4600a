import { parseArgs } from 'node:util';

/** `npm run bench` options, and how N articles are drawn from the corpus. */

/** Records in `../shared/corpus/news-zh.jsonl`. */
export const CORPUS_RECORDS = 3139;

/** Frequent words first, so that even a tiny archive answers the first few. */
export const COMMON_QUERIES = [
	'中国',
	'经济',
	'江泽民',
	'香港',
	'农民',
	'国有企业',
	'科技',
	'春节',
	'足球',
	'经济发展',
] as const;

/**
 * Rare words: each is in 1–3 of the corpus's first 3,125 articles (those every size
 * up to 100,000 holds; chosen by counting, spread over the month), so one copy of the
 * corpus holds only a few pages with it and a newest-shard-first search must look far
 * back. They measure the worst first query: its time and what it fetches.
 */
export const RARE_QUERIES = [
	'尼加拉瓜',
	'丹顶鹤',
	'大昭寺',
	'地拉那',
	'西敏寺',
	'海商法',
	'白内障',
	'石河子',
	'布隆迪',
	'乌拉圭',
] as const;

/** The fixed list: the common words, then the rare ones (`--queries K` takes the first K). */
export const QUERIES = [...COMMON_QUERIES, ...RARE_QUERIES] as const;

export interface CorpusPlan {
	/** Records read from the corpus (`--limit`). */
	limit: number;
	/** Copies written, each moved later in time (`--replicate`). */
	replicate: number;
	/** Articles the archive will hold: limit × replicate. */
	articles: number;
}

/**
 * The importer's `--limit` and `--replicate` for N articles: the corpus itself up to its
 * size, beyond that the fewest copies that divide N exactly (100,000 = 3,125 × 32), or, if
 * none does, the closest count below N. `copies` forces the number of copies (a small
 * replicated archive, to test what only replication brings).
 */
export function corpusPlan(
	articles: number,
	available = CORPUS_RECORDS,
	copies?: number,
): CorpusPlan {
	if (!Number.isSafeInteger(articles) || articles < 1) {
		throw new Error(`articles must be a whole number from 1, got ${articles}`);
	}
	if (copies !== undefined) {
		const limit = Math.min(available, Math.max(1, Math.floor(articles / copies)));
		return { limit, replicate: copies, articles: limit * copies };
	}
	if (articles <= available) return { limit: articles, replicate: 1, articles };
	const fewest = Math.ceil(articles / available);
	for (let replicate = fewest; replicate <= fewest * 2; replicate++) {
		if (articles % replicate === 0) return { limit: articles / replicate, replicate, articles };
	}
	const limit = Math.floor(articles / fewest);
	return { limit, replicate: fewest, articles: limit * fewest };
}

export interface BenchOptions {
	articles: number;
	/** Forced number of copies (`--replicate`); otherwise as few as N needs. */
	copies: number | undefined;
	/**
	 * Give each replicated article a line naming its copy (mark-replicas.ts). On by default:
	 * the corpus copied N times is a way to get more articles, not a paper's archive, and
	 * unaltered copies would make every story a reprint N times over (a reprint on another
	 * date is accepted and linked, issue 12.5), so each day's publish would re-render N
	 * printings' 同文另见 lists. `--identical-replicas` measures that worst case.
	 */
	markReplicas: boolean;
	baseline: boolean;
	search: boolean;
	/** Publish one more day into the built archive and rebuild, for both sites. */
	incremental: boolean;
	/** Also build ours with a page image and PDF for every 版 (bench/lib/page-pdfs.ts). */
	pageImages: boolean;
	queries: string[];
	/** Article pages weighed for the page-size figures. */
	samplePages: number;
	memoryLimitBytes: number;
	timeoutMs: number;
	/**
	 * Another checkout of the project (`--compare DIR`), built after ours in the same run on
	 * the same content and reported as the site `compare`: e.g. ours without a feature.
	 */
	compare: string | undefined;
	/** JSON result file; the markdown table goes beside it. */
	out: string | undefined;
	/** Keep the content and built sites under `.tmp/bench/` instead of removing them. */
	keep: boolean;
	/** Before each build, wait until making a file costs what it does on a settled disk. */
	settle: boolean;
	verbose: boolean;
}

export const USAGE = `用法 / Usage:
  npm run bench -- --articles N [options]

  用真实语料（../shared/corpus/news-zh.jsonl，超过 ${CORPUS_RECORDS} 篇时平移日期复制）导入 N 篇文章，
  分别以本项目和基准站点（Astro 博客模板 + Pagefind CLI）构建并索引，测量各阶段的时间、CPU、
  内存、输出大小和 Chromium 中的冷查询，结果写入 bench/results/。
  Imports N articles from the real corpus (replicated with shifted dates beyond ${CORPUS_RECORDS}),
  builds and indexes them with this project and with the baseline (Astro's blog starter +
  the Pagefind CLI), and measures each stage's time, CPU and memory, the output, and cold
  queries in Chromium. Results go to bench/results/.

  --articles N        文章数 / articles (default ${CORPUS_RECORDS}); 100000 = 3125 × 32
  --replicate K       强制复制 K 份（每份 N/K 篇）/ force K copies of N/K articles each
  --mark-replicas     副本正文末尾加“基准测试副本 K”行（默认）/ end each copy's text with a line
                      naming its copy (the default): a copied corpus is not a paper's archive
  --identical-replicas 副本与原文相同：每篇都成了 K 次转载，页面以“同文另见”互链（最坏情形）/
                      leave copies identical: every story becomes a reprint K times over,
                      linked under 同文另见 (the worst case for reprints)
  --skip-baseline     不构建基准站点 / do not build the baseline
  --skip-search       不在 Chromium 中测查询 / no Chromium queries
  --incremental       再发布一天的报纸并重新构建（缓存保留）/ publish one more day and rebuild with the cache
  --page-images       另建一个每版都有版面图和 PDF 的站点（oursPages）/ also build ours with a page image and PDF for every 版 (oursPages)
  --queries K         只用固定查询表的前 K 个 / use the first K of the fixed queries (default all ${QUERIES.length})
  --sample-pages K    称重的文章页数 / article pages weighed (default 200)
  --memory-limit GB   进程树超过即停止 / stop a build whose process tree passes this (default: free memory − 2 GB, at most 20)
  --timeout-min M     单次构建时限 / time limit per build in minutes (default 240)
  --compare DIR       另用 DIR 中的本项目副本（如去掉某功能的 git worktree）构建同一内容，
                      结果记为站点 compare / also build the same content with the project
                      checked out in DIR (e.g. a worktree without a feature), reported as
                      the site \`compare\` with ours ÷ compare in \`compareRatios\`
  --out FILE          JSON 结果文件 / JSON result (default bench/results/<date>-<N>.json)
  --keep              保留 .tmp/bench/ 下的内容和站点 / keep the content and sites under .tmp/bench/
  --settle            每次构建前等到新建文件的开销回到正常（此前大量删除文件会使其变慢数倍，约五分钟）/
                      before each build, wait until making a file costs what it does on a settled
                      disk (after a mass deletion it costs several times more for about five minutes)
  --verbose           显示构建输出 / echo the builds' output`;

export class UsageError extends Error {}

function wholeNumber(name: string, raw: string | undefined, fallback: number): number {
	if (raw === undefined) return fallback;
	const value = Number(raw);
	if (!/^\d+$/.test(raw) || !Number.isSafeInteger(value) || value < 1) {
		throw new UsageError(
			`--${name} 应为正整数，而不是 “${raw}” / --${name} must be a whole number from 1, not “${raw}”`,
		);
	}
	return value;
}

const GIB = 1024 ** 3;

/** Parses the command line; `availableBytes` is the machine's free memory now. */
export function parseBenchArgs(argv: string[], availableBytes: number): BenchOptions | 'help' {
	let values;
	try {
		({ values } = parseArgs({
			args: argv,
			strict: true,
			options: {
				articles: { type: 'string' },
				replicate: { type: 'string' },
				'identical-replicas': { type: 'boolean' },
				'mark-replicas': { type: 'boolean' },
				'skip-baseline': { type: 'boolean' },
				'skip-search': { type: 'boolean' },
				incremental: { type: 'boolean' },
				'page-images': { type: 'boolean' },
				queries: { type: 'string' },
				'sample-pages': { type: 'string' },
				'memory-limit': { type: 'string' },
				'timeout-min': { type: 'string' },
				out: { type: 'string' },
				compare: { type: 'string' },
				keep: { type: 'boolean' },
				settle: { type: 'boolean' },
				verbose: { type: 'boolean' },
				help: { type: 'boolean', short: 'h' },
			},
		}));
	} catch (error) {
		throw new UsageError(
			`参数有误 / bad arguments: ${error instanceof Error ? error.message : String(error)}`,
		);
	}
	if (values.help) return 'help';
	if (values['mark-replicas'] && values['identical-replicas']) {
		throw new UsageError(
			'--mark-replicas 与 --identical-replicas 不能同时使用 / --mark-replicas and --identical-replicas contradict each other',
		);
	}
	const queryCount = Math.min(
		QUERIES.length,
		wholeNumber('queries', values.queries, QUERIES.length),
	);
	const defaultLimitGiB = Math.max(1, Math.min(20, Math.floor(availableBytes / GIB) - 2));
	return {
		articles: wholeNumber('articles', values.articles, CORPUS_RECORDS),
		copies:
			values.replicate === undefined ? undefined : wholeNumber('replicate', values.replicate, 1),
		markReplicas: !values['identical-replicas'],
		baseline: !values['skip-baseline'],
		search: !values['skip-search'],
		incremental: Boolean(values.incremental),
		pageImages: Boolean(values['page-images']),
		queries: QUERIES.slice(0, queryCount),
		samplePages: wholeNumber('sample-pages', values['sample-pages'], 200),
		memoryLimitBytes: wholeNumber('memory-limit', values['memory-limit'], defaultLimitGiB) * GIB,
		timeoutMs: wholeNumber('timeout-min', values['timeout-min'], 240) * 60_000,
		out: values.out,
		compare: values.compare,
		keep: Boolean(values.keep),
		settle: Boolean(values.settle),
		verbose: Boolean(values.verbose),
	};
}
