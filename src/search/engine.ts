/**
 * The archive's search, on top of Pagefind's JS API: the same code runs in the
 * reader's browser (in a worker) and in Node (tests, the quality harness).
 *
 * Pagefind finds the candidate pages for the query's index words (`tokens.ts`) and
 * reports, for each page, the word positions that matched. A query word is on a page
 * *as written* when its index words sit at consecutive positions there; only such
 * pages are results, so scattered characters never are. Every word of the query must
 * be on a result page. A word found nowhere is named, never silently dropped.
 *
 * Ranking by relevance (`rank.ts`): every candidate is scored from its words' positions
 * with term statistics over every shard searched (one formula across shards); the
 * first HEADLINE_DEPTH are then ordered by their headline (the query itself, every
 * word, kicker or subtitle) before that score; date only breaks ties.
 */

import { normalizeQuery, type NormalizedQuery } from './normalize.ts';
import { excerpt, readableText, type ExcerptPart, type ReadableText } from './readable.ts';
import { indexTokens, pieces, queryWordTokens } from './tokens.ts';

import { FILTER_KEYS, type FilterKey, type Filters, type SortOrder } from './options.ts';
import { SHARD_FILTER } from './shards.ts';
import { compareRanked, runStarts, stageOneScore } from './rank.ts';

export {
	FILTER_KEYS,
	SORT_ORDERS,
	type FilterKey,
	type Filters,
	type SortOrder,
} from './options.ts';

export interface SearchRequest {
	query: string;
	filters?: Filters | undefined;
	sort?: SortOrder | undefined;
}

export interface SearchOptions {
	/**
	 * The numbers of the shards loaded (`src/search/shards.ts`), newest first; one shard
	 * when left out.
	 */
	shards?: readonly number[];
}

/** A page's stored data as Pagefind returns it. */
export interface PagefindFragment {
	url: string;
	content: string;
	word_count?: number;
	meta: Record<string, string | undefined>;
	filters: Record<string, string[] | undefined>;
}

export interface PagefindHit {
	id: string;
	score: number;
	/** Word positions on the page that matched a query word. */
	words: number[];
	data(): Promise<PagefindFragment>;
}

export type FilterCounts = Record<string, Record<string, number>>;

export interface PagefindResponse {
	results: PagefindHit[];
	unfilteredResultCount: number;
	filters: FilterCounts;
	totalFilters: FilterCounts;
}

export interface PagefindSearchOptions {
	filters?: Record<string, string>;
	sort?: Record<string, 'asc' | 'desc'>;
}

/** The part of Pagefind's JS API the search uses (a module, an instance, or a test double). */
export interface PagefindApi {
	search(term: string | null, options?: PagefindSearchOptions): Promise<PagefindResponse | null>;
	/** Every filter value with its page count; also loads the filter data that counts need. */
	filters(): Promise<FilterCounts>;
	/** The pages searched, when known without a search for everything (`posting-search.ts`). */
	pageTotal?(): Promise<number>;
}

export type SearchProblem =
	/** Nothing to search for. */
	| 'empty-query'
	/** Some words occur on no page at all (`missingWords`). */
	| 'missing-words'
	/** Every word occurs somewhere, but no page has them all. */
	| 'not-together'
	/** Pages have every word, but none within the chosen filters. */
	| 'filtered-out';

export interface SearchOutcome {
	query: NormalizedQuery;
	filters: Filters;
	sort: SortOrder;
	/** Every result, best first (or by date), as Pagefind hits: data is loaded on demand. */
	hits: PagefindHit[];
	/** Results per filter value, for the current query, each filter counted without itself. */
	counts: Partial<Record<FilterKey, Record<string, number>>>;
	/** Whether some counts may include a few pages that have the characters only scattered. */
	countsApproximate: boolean;
	missingWords: string[];
	problem: SearchProblem | undefined;
}

export interface ResultView {
	id: string;
	url: string;
	title: string;
	kind: string | undefined;
	date: string | undefined;
	/** 版 number, as text. */
	page: string | undefined;
	section: string | undefined;
	status: string | undefined;
	excerpt: ExcerptPart[];
}

/** How many of the first results are re-ranked by their headlines (their data is loaded). */
export const HEADLINE_DEPTH = 20;

/** Scattered candidates whose data is loaded to correct the filter counts; beyond, counts are approximate. */
const COUNT_CORRECTION_LIMIT = 40;

interface WordPlan {
	word: string;
	tokens: string[];
	/**
	 * Pagefind's quoted search (`"朱海 海义"`): every index word must exist as such, at
	 * consecutive positions. Used when all the word's index words are whole; a word
	 * ending in a prefix (a lone character, letters or digits) is searched by prefix and
	 * checked on the positions instead. Prefix matching alone is not
	 * enough: for a term that starts no indexed word, Pagefind falls back to the longest
	 * indexed word the term starts with (`身人` matches `身`).
	 */
	term: string;
	quoted: boolean;
}

interface QueryPlan {
	words: WordPlan[];
	term: string;
}

function planWord(word: string): WordPlan {
	const { tokens, whole } = queryWordTokens(word);
	const joined = tokens.join(' ');
	return { word, tokens, quoted: whole, term: whole ? `"${joined}"` : joined };
}

function planQuery(words: readonly string[]): QueryPlan {
	const planned = words.map(planWord);
	return {
		words: planned,
		term: [...new Set(planned.flatMap((word) => word.tokens))].join(' '),
	};
}

/** Whether `length` consecutive positions, all matched, occur among `positions` (sorted or not). */
export function hasRun(positions: readonly number[], length: number): boolean {
	if (length <= 1) return positions.length > 0;
	const matched = new Set(positions);
	for (const start of matched) {
		let run = 1;
		while (run < length && matched.has(start + run)) run++;
		if (run === length) return true;
	}
	return false;
}

/** Text without spaces and marks, lowercased: what query words are compared with. */
export function compactText(text: string): string {
	return pieces(text)
		.filter((piece) => piece.kind !== 'mark')
		.map((piece) => piece.text)
		.join('')
		.toLowerCase();
}

function activeFilters(filters: Filters): Record<string, string> {
	return Object.fromEntries(
		Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])),
	);
}

function without(filters: Record<string, string>, key: string): Record<string, string> {
	return Object.fromEntries(Object.entries(filters).filter(([name]) => name !== key));
}

async function run(
	pagefind: PagefindApi,
	term: string,
	options: PagefindSearchOptions,
): Promise<PagefindResponse> {
	return (
		(await pagefind.search(term, options)) ?? {
			results: [],
			unfilteredResultCount: 0,
			filters: {},
			totalFilters: {},
		}
	);
}

/**
 * Counts of one filter's values among the exact results of `response`: Pagefind's
 * counts are over its candidates, so the few candidates with scattered characters are
 * subtracted (their data says which values they carry).
 */
async function exactCounts(
	response: PagefindResponse,
	key: string,
	exact: ReadonlySet<string>,
): Promise<{ counts: Record<string, number>; approximate: boolean }> {
	// Pagefind lists every value of the filter, with 0 for those not among the results.
	const counts = Object.fromEntries(
		Object.entries(response.filters[key] ?? {}).filter(([, count]) => count > 0),
	);
	const scattered = response.results.filter((hit) => !exact.has(hit.id));
	if (scattered.length === 0) return { counts, approximate: false };
	if (scattered.length > COUNT_CORRECTION_LIMIT) return { counts, approximate: true };
	for (const hit of scattered) {
		const data = await hit.data();
		for (const value of data.filters[key] ?? []) {
			if (counts[value] === undefined) continue;
			counts[value] -= 1;
			if (counts[value] <= 0) delete counts[value];
		}
	}
	return { counts, approximate: false };
}

/** How well a page's headline answers the query: 3 it is the query, 2 it holds every word, 1 its kicker or subtitle does. */
export function headlineTier(data: PagefindFragment, words: readonly string[]): number {
	const title = compactText(data.meta.title ?? '');
	if (title === words.join('')) return 3;
	if (words.every((word) => title.includes(word))) return 2;
	const side = compactText(`${data.meta.kicker ?? ''} ${data.meta.subtitle ?? ''}`);
	if (words.every((word) => side.includes(word))) return 1;
	return 0;
}

/** Pages in every shard searched: the results of a search for everything (ids only). */
async function pageCount(pagefind: PagefindApi, fallback: number): Promise<number> {
	if (pagefind.pageTotal) return Math.max(await pagefind.pageTotal(), fallback);
	const everything = await pagefind.search(null);
	return Math.max(everything?.results.length ?? 0, fallback);
}

/** Stage 1 of relevance (`rank.ts`): every candidate scored from the per-word positions, nothing fetched. */
function stageOne(
	hits: readonly PagefindHit[],
	found: ExactPages,
	pages: number,
): { hit: PagefindHit; score: number }[] {
	const stats = { pages, documentFrequency: found.positions.map((byPage) => byPage.size) };
	const lengths = found.lengths;
	const scored = hits.map((hit) => ({
		hit,
		score: stageOneScore(
			{
				id: hit.id,
				lengths,
				fields: found.weights.map((byPage) => byPage.get(hit.id) ?? 0),
				starts: found.positions.map((byPage, word) =>
					runStarts(byPage.get(hit.id) ?? [], lengths[word]!),
				),
			},
			stats,
		),
	}));
	scored.sort((a, b) => b.score - a.score || b.hit.score - a.hit.score);
	return scored;
}

/**
 * Stage 2 of relevance: the first HEADLINE_DEPTH of stage 1, whose data is loaded, ordered
 * by their headlines, then the rest in stage-1 order.
 */
async function stageTwo(
	scored: readonly { hit: PagefindHit; score: number }[],
	words: readonly string[],
): Promise<PagefindHit[]> {
	const head = await Promise.all(
		scored.slice(0, HEADLINE_DEPTH).map(async ({ hit, score }) => {
			const data = await hit.data();
			return { hit, id: hit.id, score, tier: headlineTier(data, words), date: data.meta.date };
		}),
	);
	head.sort(compareRanked);
	return [
		...head.map((entry) => entry.hit),
		...scored.slice(HEADLINE_DEPTH).map((entry) => entry.hit),
	];
}

interface ExactPages {
	exact: Set<string>;
	missingWords: string[];
	/** For each word: the positions Pagefind matched for it, by page id. */
	positions: Map<string, number[]>[];
	/** For each word: Pagefind's score of its first occurrence, over the best page's, by page id. */
	weights: Map<string, number>[];
	/** For each word: its length in index words. */
	lengths: number[];
}

/**
 * Unfiltered searches of one prepared search, each term asked once: a one-word query's
 * unquoted search and the search for all words are the same search.
 */
type SearchMemo = (term: string) => Promise<PagefindResponse>;

function searchMemo(pagefind: PagefindApi): SearchMemo {
	const done = new Map<string, Promise<PagefindResponse>>();
	return (term) => {
		let response = done.get(term);
		if (!response) {
			response = run(pagefind, term, {});
			done.set(term, response);
		}
		return response;
	};
}

/**
 * The pages that hold every word as written, and the words no page holds. Each word
 * is looked up on its own, so the positions Pagefind reports are that word's alone.
 */
async function exactPages(plan: QueryPlan, memo: SearchMemo): Promise<ExactPages> {
	let exact: Set<string> | undefined;
	const missingWords: string[] = [];
	const positions: Map<string, number[]>[] = [];
	const weights: Map<string, number>[] = [];
	for (const word of plan.words) {
		const response = await memo(word.term);
		// Pagefind's score of the word's first occurrence weighs its field (headline ×10).
		const best = Math.max(0, ...response.results.map((hit) => hit.score));
		weights.push(new Map(response.results.map((hit) => [hit.id, best > 0 ? hit.score / best : 0])));
		const byPage = new Map(
			response.results
				.filter((hit) => word.quoted || hasRun(hit.words, word.tokens.length))
				.map((hit) => [hit.id, hit.words] as [string, number[]]),
		);
		if (word.quoted && byPage.size > 0) {
			// A quoted search reports the first occurrence only; the same index words
			// unquoted (the same index chunks, nothing more to fetch) report them all.
			const every = await memo(word.tokens.join(' '));
			for (const hit of every.results) if (byPage.has(hit.id)) byPage.set(hit.id, hit.words);
		}
		positions.push(byPage);
		if (byPage.size === 0) missingWords.push(word.word);
		exact = exact ? new Set([...exact].filter((id) => byPage.has(id))) : new Set(byPage.keys());
	}
	return {
		exact: exact ?? new Set(),
		missingWords,
		positions,
		weights,
		lengths: plan.words.map((word) => word.tokens.length),
	};
}

/**
 * A search in three phases, so that a caller can act between them (`sharded-search.ts`,
 * the worker): `prepareSearch` finds the exact results within the filters (enough to know
 * whether older shards are needed), `orderSearch` puts them in stage-1 order (or date
 * order), nothing fetched, and `finishSearch` loads what stage 2 and the filter counts
 * need. `search` runs all three; splitting them changes when work is done, not the outcome.
 */
export interface PreparedSearch {
	/** The outcome so far: `hits` unordered until `orderSearch`, `counts` empty until `finishSearch`. */
	outcome: SearchOutcome;
	/** Absent when the outcome already has its problem (nothing to order or count). */
	work?: {
		plan: QueryPlan;
		found: ExactPages;
		active: Record<string, string>;
		main: PagefindResponse;
		/** Whether `main` was searched with the filter data loaded, so that it carries counts. */
		counted: boolean;
		/** Stage-1 scores, best first (relevance only), for stage 2. */
		scored?: { hit: PagefindHit; score: number }[];
	};
}

/** Phase 1: the exact results within the filters, in no particular order, or the problem. */
export async function prepareSearch(
	pagefind: PagefindApi,
	request: SearchRequest,
): Promise<PreparedSearch> {
	const query = normalizeQuery(request.query);
	const filters = request.filters ?? {};
	const sort = request.sort ?? 'relevance';
	const outcome: SearchOutcome = {
		query,
		filters,
		sort,
		hits: [],
		counts: {},
		countsApproximate: false,
		missingWords: [],
		problem: undefined,
	};
	if (query.words.length === 0) return { outcome: { ...outcome, problem: 'empty-query' } };

	const plan = planQuery(query.words);
	const memo = searchMemo(pagefind);
	const found = await exactPages(plan, memo);
	const { exact, missingWords } = found;
	if (missingWords.length > 0) {
		return { outcome: { ...outcome, missingWords, problem: 'missing-words' } };
	}
	if (exact.size === 0) return { outcome: { ...outcome, problem: 'not-together' } };

	const active = activeFilters(filters);
	const filtered = Object.keys(active).length > 0;
	// Pagefind filters and counts filter values only once their data is loaded (small,
	// and cached). Without a filter chosen, that load waits for `finishSearch`: the
	// results do not depend on it, only the counts do.
	if (filtered) await pagefind.filters();
	// All words in one search: Pagefind's score then weighs every word, and its filter
	// counts cover the pages that have them all.
	const main = filtered
		? await run(pagefind, plan.term, { filters: active })
		: await memo(plan.term);
	outcome.hits = main.results.filter((hit) => exact.has(hit.id));
	return { outcome, work: { plan, found, active, main, counted: filtered } };
}

/** Phase 2: the results in stage-1 order (relevance) or date order; nothing fetched. */
export async function orderSearch(
	pagefind: PagefindApi,
	prepared: PreparedSearch,
	options: SearchOptions = {},
): Promise<void> {
	const { outcome, work } = prepared;
	if (!work) return;
	const { plan, found, active } = work;
	if (outcome.sort !== 'relevance' && outcome.hits.length > 0) {
		// Merged shards come back as one list ordered by score, so each shard (they hold
		// consecutive periods, newest first) is asked on its own. Pagefind leaves pages
		// without a date (people) out of a sorted search: they follow.
		const direction = outcome.sort === 'newest' ? 'desc' : 'asc';
		const shards = [...(options.shards ?? [0])];
		if (outcome.sort === 'oldest') shards.reverse();
		const sorted: PagefindHit[] = [];
		for (const shard of shards) {
			const shardFilters =
				shards.length > 1 ? { ...active, [SHARD_FILTER]: String(shard) } : active;
			const response = await run(pagefind, plan.term, {
				filters: shardFilters,
				sort: { date: direction },
			});
			sorted.push(...response.results);
		}
		const ids = new Set(outcome.hits.map((hit) => hit.id));
		const dated = sorted.filter((hit) => ids.has(hit.id));
		const datedIds = new Set(dated.map((hit) => hit.id));
		outcome.hits = [...dated, ...outcome.hits.filter((hit) => !datedIds.has(hit.id))];
	} else {
		work.scored = stageOne(outcome.hits, found, await pageCount(pagefind, found.exact.size));
		outcome.hits = work.scored.map((entry) => entry.hit);
	}
}

/** Phase 3: stage 2 of relevance (the first HEADLINE_DEPTH pages' data) and the filter counts. */
export async function finishSearch(
	pagefind: PagefindApi,
	prepared: PreparedSearch,
): Promise<SearchOutcome> {
	const { outcome, work } = prepared;
	if (!work) return outcome;
	const { plan, found, active, scored } = work;
	if (scored) outcome.hits = await stageTwo(scored, outcome.query.words);

	let main = work.main;
	if (!work.counted) {
		await pagefind.filters();
		main = await run(pagefind, plan.term, { filters: active });
	}
	for (const key of FILTER_KEYS) {
		const response = active[key]
			? await run(pagefind, plan.term, { filters: without(active, key) })
			: main;
		const { counts, approximate } = await exactCounts(response, key, found.exact);
		outcome.counts[key] = counts;
		outcome.countsApproximate ||= approximate;
	}

	if (outcome.hits.length === 0) return { ...outcome, problem: 'filtered-out' };
	return outcome;
}

/** Runs a search: the ranked exact results, filter counts, and what went wrong when nothing matched. */
export async function search(
	pagefind: PagefindApi,
	request: SearchRequest,
	options: SearchOptions = {},
): Promise<SearchOutcome> {
	const prepared = await prepareSearch(pagefind, request);
	await orderSearch(pagefind, prepared, options);
	return finishSearch(pagefind, prepared);
}

/** How many index words the headline block (kicker, headline, subtitle) takes at the start of a page. */
function headlineWordCount(data: PagefindFragment): number {
	return [data.meta.kicker, data.meta.heading ?? data.meta.title, data.meta.subtitle]
		.filter((part): part is string => Boolean(part))
		.reduce((sum, part) => sum + indexTokens(part).length, 0);
}

/**
 * Each fragment's readable text, made once: a result is checked, then shaped, and Pagefind
 * hands back the same object for a page each time its data is asked for.
 */
const readableTexts = new WeakMap<PagefindFragment, ReadableText & { content: string }>();

function readableOf(data: PagefindFragment): ReadableText {
	let readable = readableTexts.get(data);
	if (!readable || readable.content !== data.content) {
		readable = { ...readableText(data.content), content: data.content };
		readableTexts.set(data, readable);
	}
	return readable;
}

/** What a reader sees of one result: headline, kind, date, 版, and an excerpt with the words marked. */
export function resultView(
	hit: PagefindHit,
	data: PagefindFragment,
	words: readonly string[],
): ResultView {
	const { text, starts } = readableOf(data);
	const bodyStart = starts[headlineWordCount(data)] ?? 0;
	return {
		id: hit.id,
		url: data.url,
		title: data.meta.title ?? data.url,
		kind: data.meta.kind,
		date: data.meta.date,
		page: data.meta.page,
		section: data.filters.section?.[0],
		status: data.filters.status?.[0],
		excerpt: excerpt(text, words, { from: bodyStart }),
	};
}

/** Whether the page's text holds every word as written: the last check before a result is shown. */
export function holdsEveryWord(data: PagefindFragment, words: readonly string[]): boolean {
	const text = compactText(readableOf(data).text);
	return words.every((word) => text.includes(compactText(word)));
}

/**
 * Loads and shapes results `start` to `start + count` of an outcome. A page whose
 * positions lined up but whose text does not hold the words (a repeated pattern such
 * as ABAB) is left out.
 */
export async function resultViews(
	outcome: SearchOutcome,
	start: number,
	count: number,
): Promise<ResultView[]> {
	const slice = outcome.hits.slice(start, start + count);
	const loaded = await Promise.all(slice.map(async (hit) => ({ hit, data: await hit.data() })));
	return loaded
		.filter(({ data }) => holdsEveryWord(data, outcome.query.words))
		.map(({ hit, data }) => resultView(hit, data, outcome.query.words));
}

/**
 * The first `count` results of an outcome, as `resultViews` makes them, handed to `show`
 * in rank order as their data arrives: each call has every view so far, and comes once
 * the next result in rank order (and any after it that have already arrived) is shaped.
 * A reader then sees the first result as soon as its own data is in, not once the whole
 * page's is, and the shaping is spread over the arrivals. Returns the views of the last call.
 */
export async function streamResultViews(
	outcome: SearchOutcome,
	count: number,
	show: (views: ResultView[]) => void,
): Promise<ResultView[]> {
	const slice = outcome.hits.slice(0, count);
	const arrived: (PagefindFragment | undefined)[] = slice.map(() => undefined);
	const loads = slice.map((hit, at) =>
		hit.data().then((data) => {
			arrived[at] = data;
			return data;
		}),
	);
	// A failed load is thrown when its turn comes; the others must not be unhandled meanwhile.
	for (const load of loads) load.catch(() => {});
	const views: ResultView[] = [];
	let next = 0;
	while (next < slice.length) {
		await loads[next];
		const before = views.length;
		// Everything in rank order that is already here, shaped before one message.
		for (let data = arrived[next]; data !== undefined; data = arrived[++next]) {
			if (holdsEveryWord(data, outcome.query.words)) {
				views.push(resultView(slice[next]!, data, outcome.query.words));
			}
		}
		if (views.length > before) show([...views]);
	}
	return views;
}
