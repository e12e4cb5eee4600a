/**
 * The search over a sharded index, newest shard first (`shards.ts`). A reader's first
 * query loads only shard 0 (the newest pages and the people); older shards are merged
 * in while the results found so far do not fill the first page or a word has not been
 * found yet, and when the reader asks for more results than the loaded shards hold:
 * one at a time, or all at once when the word table says all they can hold is wanted
 * (`shardsForRound`) or that the shards before them cannot fill the page (each shard's
 * count, `shardsSureNeeded`). Each search runs over every loaded shard, so the results are one
 * list with one ranking over the period searched; the outcome says which period that is.
 *
 * A search sorted oldest first, or filtered to a year, loads what it needs at once: all
 * shards, or the shards of that year.
 *
 * With the table of which shards hold which words (`word-map.ts`), only the shards that
 * can hold every query word are searched at all: a rare word opens the few shards that
 * hold it, and a word that no shard holds is named at once, without opening any. When
 * every word is rare enough for the table to list its pages, no shard is opened: those
 * pages are read and searched as Pagefind would search them (`posting-search.ts`).
 */

import {
	finishSearch,
	orderSearch,
	prepareSearch,
	type PagefindApi,
	type PagefindFragment,
	type SearchOutcome,
	type SearchRequest,
} from './engine.ts';
import { normalizeQuery } from './normalize.ts';
import { PostedPages } from './posting-search.ts';
import type { ShardManifest, ShardSummary } from './shards.ts';
import { nothingRuledOut, type PossibleShards } from './word-map.ts';

export interface ShardedIndex {
	/** Pagefind with shard 0 loaded. */
	api: PagefindApi;
	manifest: ShardManifest;
	/** Merges one more shard into `api` (Pagefind's `mergeIndex`). */
	merge(shard: ShardSummary): Promise<void>;
	/**
	 * Starts fetching what merging `shard` will need, without merging it: called for the
	 * shard likely to be merged next while the search goes on (`sure` when it will be
	 * merged whatever the results), so that its files are on their way when `merge` asks
	 * for them. Changes when files load, never what is searched.
	 */
	prefetch?(shard: ShardSummary, sure: boolean): void;
	/**
	 * Which shards can hold every query word (`WordMap` of `word-map.ts`); without it every
	 * shard can.
	 */
	words?: { possibleShards(words: readonly string[]): Promise<PossibleShards> } | undefined;
	/**
	 * A page's stored data (its fragment) in `shard`, read without Pagefind: a query whose
	 * words are all rare is answered from the pages their postings name
	 * (`posting-search.ts`); without it, every query searches Pagefind's index.
	 */
	fragment?: ((shard: ShardSummary, page: string) => Promise<PagefindFragment>) | undefined;
}

export interface Coverage {
	/** Whether every shard the request could find pages in was searched. */
	complete: boolean;
	/**
	 * When `complete` is false: the date from which every paper was searched (or is known
	 * to hold no result); older papers are not searched yet.
	 */
	searchedFrom: string | null;
	/** Shards searched and shards the request could need. */
	searched: number;
	needed: number;
}

export interface ShardedOutcome {
	outcome: SearchOutcome;
	coverage: Coverage;
}

/**
 * Called once the shards to search are settled and the results are in stage-1 order,
 * before stage 2 and the counts load what they need: the first results can be shown
 * then (the final order differs only within the first HEADLINE_DEPTH). Stage 2 waits
 * for the promise it returns, so that its page data does not compete with the first
 * results' for the connection.
 */
export type OnOrdered = (first: ShardedOutcome) => Promise<void> | void;

/**
 * Most shards merged in one round: a host serves six connections at once over HTTP/1.1,
 * and each shard merged costs its metadata and an index chunk per index word.
 */
export const MAX_SHARDS_A_ROUND = 6;

/**
 * How many more shards to merge in the next round, when `found` results are in and
 * `wanted` more are wanted: every one left (at most `available` and `MAX_SHARDS_A_ROUND`)
 * when all that the rest can hold is wanted, because everything is wanted or because no
 * more than `mostPages` pages in all can hold the words (the word table says); else one.
 * In the first case the one-at-a-time search would merge them all too, one round each:
 * a rare word's shards are read together instead. A rate of results per shard would
 * guess further, but shard 0 (recent pages and people) says little of the closed shards:
 * guessed from it, a common word (国有企业) opened six shards where one was enough.
 */
export function shardsForRound(
	wanted: number,
	found: number,
	available: number,
	mostPages?: number,
): number {
	if (wanted <= 0 || available <= 0) return 0;
	const allWanted =
		!Number.isFinite(wanted) || (mostPages !== undefined && mostPages - found <= wanted);
	return allWanted ? Math.min(available, MAX_SHARDS_A_ROUND) : 1;
}

/**
 * How many of `next` (the shards not merged yet, in the order they are merged) are sure to
 * be merged before `wanted` more results can be found: the shards before the first whose
 * pages, added to those before it, could make `wanted` (`pagesByShard`, the most pages of
 * each that can hold every word, from the word table), and that one. 0 when the table does
 * not say, or when nothing more is wanted. A search one shard a round would merge each of
 * them in turn; merged at once, their files load together and one search covers them.
 */
export function shardsSureNeeded(
	next: readonly ShardSummary[],
	wanted: number,
	pagesByShard: ReadonlyMap<number, number> | undefined,
): number {
	if (!pagesByShard || wanted <= 0) return 0;
	let most = 0;
	for (const [index, shard] of next.entries()) {
		most += pagesByShard.get(shard.number) ?? 0;
		if (most >= wanted) return index + 1;
	}
	return next.length;
}

/** The outcome of a query some of whose words are in no shard (as `prepareSearch` says it). */
function missingOutcome(request: SearchRequest, missingWords: string[]): SearchOutcome {
	return {
		query: normalizeQuery(request.query),
		filters: request.filters ?? {},
		sort: request.sort ?? 'relevance',
		hits: [],
		counts: {},
		countsApproximate: false,
		missingWords,
		problem: 'missing-words',
	};
}

function inYear(shard: ShardSummary, year: string): boolean {
	if (!shard.from || !shard.to) return false;
	return shard.from.slice(0, 4) <= year && year <= shard.to.slice(0, 4);
}

export class ShardedSearch {
	readonly #index: ShardedIndex;
	readonly #loaded = new Set<number>([0]);
	/** Fragments read for queries answered from their postings, by page id: read once. */
	readonly #fragments = new Map<string, Promise<PagefindFragment>>();
	/** The last operation queued: Pagefind's state is not safe for two searches at once. */
	#queue: Promise<unknown> = Promise.resolve();

	constructor(index: ShardedIndex) {
		this.#index = index;
	}

	/** Loads shard 0's metadata and filters before the first query. */
	async warm(): Promise<void> {
		await this.#exclusive(() => this.#index.api.filters());
	}

	/** Shards of the request's period (its year filter), newest first. */
	#inPeriod(request: SearchRequest): ShardSummary[] {
		const year = request.filters?.year;
		return this.#index.manifest.shards.filter(
			(shard) => shard.number === 0 || !year || inYear(shard, year),
		);
	}

	/**
	 * Shards that can hold results for the request, in the order they are loaded: those of
	 * its period that can hold every word (`possible`, from the word table; shard 0 is
	 * always searched, it is loaded first anyway).
	 */
	candidates(request: SearchRequest, possible?: ReadonlySet<number>): ShardSummary[] {
		return this.#inPeriod(request).filter(
			(shard) => shard.number === 0 || !possible || possible.has(shard.number),
		);
	}

	/**
	 * What the word table says of the request's words; nothing without a table, or when it
	 * cannot be read (then every shard is searched, as without one).
	 */
	async #possible(request: SearchRequest): Promise<PossibleShards> {
		const nothing = nothingRuledOut();
		const table = this.#index.words;
		if (!table) return nothing;
		return table.possibleShards(normalizeQuery(request.query).words).catch(() => nothing);
	}

	async #load(shard: ShardSummary): Promise<void> {
		if (this.#loaded.has(shard.number)) return;
		await this.#index.merge(shard);
		this.#loaded.add(shard.number);
	}

	/**
	 * Runs `operation` after every operation queued before it. Two searches at once on
	 * one Pagefind can lose index chunks each loads (and a shard could be merged twice),
	 * so searches take turns.
	 */
	#exclusive<T>(operation: () => Promise<T>): Promise<T> {
		const result = this.#queue.then(operation);
		this.#queue = result.catch(() => {});
		return result;
	}

	#coverage(request: SearchRequest, possible?: ReadonlySet<number>): Coverage {
		const candidates = this.candidates(request, possible);
		const searched = candidates.filter((shard) => this.#loaded.has(shard.number));
		const complete = searched.length === candidates.length;
		// The newest shards of the period that were searched or can hold nothing: from the
		// oldest of them on, every paper was looked at.
		const covered: ShardSummary[] = [];
		for (const shard of this.#inPeriod(request)) {
			const ruledOut = possible !== undefined && shard.number !== 0 && !possible.has(shard.number);
			if (!this.#loaded.has(shard.number) && !ruledOut) break;
			covered.push(shard);
		}
		const dates = covered.map((shard) => shard.from).filter((date) => date !== null);
		return {
			complete,
			searchedFrom: complete ? null : (dates.sort()[0] ?? null),
			searched: searched.length,
			needed: candidates.length,
		};
	}

	/**
	 * Shards not searched yet that hold a word the outcome calls missing: no page searched
	 * holds all the words, and a word is called missing only once every shard that can
	 * hold it was searched (the word table leaves out shards that cannot hold all of them).
	 */
	#unsureMissing(
		request: SearchRequest,
		outcome: SearchOutcome,
		byWord: ReadonlyMap<string, ReadonlySet<number>>,
	): ShardSummary[] {
		if (outcome.problem !== 'missing-words') return [];
		return this.#inPeriod(request).filter(
			(shard) =>
				!this.#loaded.has(shard.number) &&
				outcome.missingWords.some((word) => byWord.get(word)?.has(shard.number) ?? true),
		);
	}

	/** The candidate shards not loaded yet, in the order they are loaded. */
	#nextShards(request: SearchRequest, possible?: ReadonlySet<number>): ShardSummary[] {
		return this.candidates(request, possible).filter((shard) => !this.#loaded.has(shard.number));
	}

	/**
	 * Merges `shards` at once, while the files of `after` start loading: the shard likely
	 * to follow (`sure` when it will follow whatever the results). Pagefind takes each
	 * merged index in the order it is asked to, so the order of `shards` is kept.
	 */
	async #loadAhead(shards: readonly ShardSummary[], after: ShardSummary | undefined, sure = false) {
		if (after && !this.#loaded.has(after.number)) this.#index.prefetch?.(after, sure);
		await Promise.all(shards.map((shard) => this.#load(shard)));
	}

	/** The first shard of `shards` after `shard` that is not loaded yet. */
	#after(shards: readonly ShardSummary[], shard: ShardSummary): ShardSummary | undefined {
		const at = shards.indexOf(shard);
		return shards.slice(at + 1).find((next) => !this.#loaded.has(next.number));
	}

	/**
	 * Searches, loading older shards while `wanted` says more results are wanted (a
	 * number, 0 when the outcome has enough; asked with no outcome before the first
	 * search) and some shard the request could need is not loaded; each round merges one
	 * shard, or every one left when the word table says all they can hold is wanted
	 * (`shardsForRound`). Only the last round orders the results and loads what ranking
	 * and counts need: the rounds before it only ask whether the results are enough.
	 */
	async #searchUntil(
		request: SearchRequest,
		wanted: (outcome: SearchOutcome | undefined) => number,
		onOrdered?: OnOrdered,
	): Promise<ShardedOutcome> {
		const api = this.#index.api;
		// The word table's buckets (the worker fetches them as the query arrives, while
		// Pagefind loads) say which shards to search before the first search.
		const table = this.#possible(request);
		const before = await table;
		const posted = await this.#postedSearch(request, before, onOrdered);
		if (posted) return posted;
		if (request.sort !== 'oldest' && before.missingWords.length === 0 && before.shards) {
			// The shards loaded cannot fill the first page: none can hold every word, or the
			// word table says they have too few pages that can. A search of them alone would
			// only decide to merge the next shard that can: merged now (with every other one
			// the table says is needed too, or that can when all they can hold is wanted), the
			// first search covers them (the same shards are searched in the end).
			const possible = before.shards;
			const next = this.#nextShards(request, possible);
			const loaded = [...this.#loaded].filter((number) => possible.has(number));
			const inLoaded = loaded.reduce(
				(sum, number) => sum + (before.pagesByShard?.get(number) ?? Infinity),
				0,
			);
			const stillWanted = wanted(undefined) - inLoaded;
			if (next.length > 0 && (loaded.length === 0 || stillWanted > 0)) {
				const round = Math.min(
					MAX_SHARDS_A_ROUND,
					Math.max(
						1,
						shardsForRound(wanted(undefined), 0, next.length, before.mostPages),
						shardsSureNeeded(next, stillWanted, before.pagesByShard),
					),
				);
				await this.#loadAhead(next.slice(0, round), next[round]);
			}
		}
		if (request.sort === 'oldest') {
			const all = this.candidates(request, (await table).shards);
			for (const shard of all) await this.#loadAhead([shard], this.#after(all, shard), true);
		}
		for (;;) {
			const prepared = await prepareSearch(api, request);
			const { shards: possible, missingWords, byWord, mostPages, pagesByShard } = await table;
			if (missingWords.length > 0) {
				// Some word is in no shard: named at once, no older shard opened to look for it.
				return {
					outcome: missingOutcome(request, missingWords),
					coverage: { complete: true, searchedFrom: null, searched: 0, needed: 0 },
				};
			}
			const next = this.#nextShards(request, possible);
			const still = wanted(prepared.outcome);
			const round = Math.min(
				MAX_SHARDS_A_ROUND,
				Math.max(
					shardsForRound(still, prepared.outcome.hits.length, next.length, mostPages),
					shardsSureNeeded(next, still, pagesByShard),
				),
			);
			if (round > 0) {
				const shards = next.slice(0, round);
				await this.#loadAhead(shards, next[round]);
				continue;
			}
			const unsure = this.#unsureMissing(request, prepared.outcome, byWord);
			if (unsure.length > 0) {
				for (const shard of unsure)
					await this.#loadAhead([shard], this.#after(unsure, shard), true);
				continue;
			}
			const shards = this.#index.manifest.shards
				.filter((shard) => this.#loaded.has(shard.number))
				.map((shard) => shard.number);
			await orderSearch(api, prepared, { shards });
			const coverage = this.#coverage(request, possible);
			await onOrdered?.({
				outcome: { ...prepared.outcome, hits: [...prepared.outcome.hits] },
				coverage,
			});
			return { outcome: await finishSearch(api, prepared), coverage };
		}
	}

	/**
	 * The whole answer from the pages the postings name, when every query word has postings
	 * (`PossibleShards.postings`) and the index can read fragments: the shards Pagefind's
	 * search would merge in the end (shard 0 and those of the period that can hold every
	 * word) are those searched, and their pages counted. Undefined, to search Pagefind's
	 * index instead, when no page holds every word: whether a word is missing or only not
	 * together with the others is then Pagefind's search to say, over every shard that
	 * holds it.
	 */
	async #postedSearch(
		request: SearchRequest,
		possible: PossibleShards,
		onOrdered?: OnOrdered,
	): Promise<ShardedOutcome | undefined> {
		const read = this.#index.fragment;
		const words = normalizeQuery(request.query).words;
		if (!read || words.length === 0 || words.some((word) => !possible.postings.has(word))) {
			return undefined;
		}
		const shards = this.candidates(request, possible.shards);
		const byNumber = new Map(shards.map((shard) => [shard.number, shard]));
		const pages = new Map<string, ShardSummary>();
		for (const word of words) {
			for (const posting of possible.postings.get(word)!) {
				const shard = byNumber.get(posting.shard);
				if (shard) pages.set(posting.page, shard);
			}
		}
		// A fragment that cannot be read leaves the query to Pagefind's index (and is asked
		// for again by the next query).
		const readOnce = (id: string, shard: ShardSummary) => {
			let fragment = this.#fragments.get(id);
			if (!fragment) {
				fragment = read(shard, id);
				this.#fragments.set(id, fragment);
				fragment.catch(() => this.#fragments.delete(id));
			}
			return fragment;
		};
		const posted = await Promise.all(
			[...pages].map(async ([id, shard]) => ({ id, data: await readOnce(id, shard) })),
		).catch(() => undefined);
		if (!posted) return undefined;
		const total = shards.reduce((sum, shard) => sum + shard.pages, 0);
		const api = new PostedPages(posted, total);
		const prepared = await prepareSearch(api, request);
		const problem = prepared.outcome.problem;
		if (problem === 'missing-words' || problem === 'not-together') return undefined;
		await orderSearch(api, prepared, { shards: shards.map((shard) => shard.number) });
		const coverage: Coverage = {
			complete: true,
			searchedFrom: null,
			searched: shards.length,
			needed: shards.length,
		};
		await onOrdered?.({
			outcome: { ...prepared.outcome, hits: [...prepared.outcome.hits] },
			coverage,
		});
		return { outcome: await finishSearch(api, prepared), coverage };
	}

	/**
	 * The first results: enough to fill `pageSize`, or everything there is. `onOrdered`
	 * gets them in stage-1 order before stage 2 and the counts are done.
	 */
	async search(
		request: SearchRequest,
		pageSize: number,
		onOrdered?: OnOrdered,
	): Promise<ShardedOutcome> {
		return this.#exclusive(() =>
			this.#searchUntil(
				request,
				(outcome) =>
					outcome?.problem === 'empty-query'
						? 0
						: outcome?.problem === undefined
							? Math.max(0, pageSize - (outcome?.hits.length ?? 0))
							: pageSize,
				onOrdered,
			),
		);
	}

	/** Searches again until `count` results beyond those in `shown` are found, or all shards are searched. */
	async more(
		request: SearchRequest,
		shown: ReadonlySet<string>,
		count: number,
	): Promise<ShardedOutcome> {
		return this.#exclusive(() =>
			this.#searchUntil(request, (outcome) =>
				Math.max(0, count - (outcome?.hits.filter((hit) => !shown.has(hit.id)).length ?? 0)),
			),
		);
	}

	/** Loads every shard the request could need, then searches: a complete answer. */
	async searchAll(request: SearchRequest): Promise<ShardedOutcome> {
		return this.#exclusive(() => this.#searchUntil(request, () => Infinity));
	}
}
