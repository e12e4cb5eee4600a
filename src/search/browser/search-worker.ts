/**
 * The search runs here, off the page's main thread. Pagefind's own bundle is loaded
 * into this worker, where there is no `document`: Pagefind then takes the query's
 * index words as given instead of cutting Chinese into single characters with
 * `Intl.Segmenter` (it does that only for a page whose `<html lang>` is `zh`).
 */

import {
	resultViews,
	streamResultViews,
	type PagefindFragment,
	type SearchOutcome,
	type SearchRequest,
} from '../engine.ts';
import { normalizeQuery } from '../normalize.ts';
import { ShardedSearch, type Coverage, type ShardedIndex } from '../sharded-search.ts';
import {
	SHARD_MANIFEST_FILE,
	singleShardManifest,
	type ShardManifest,
	type ShardSummary,
} from '../shards.ts';
import { queryWordTokens } from '../tokens.ts';
import { WordMap } from '../word-map.ts';
import {
	MAX_SUGGESTIONS,
	NAMES_FILE,
	suggestNames,
	type KnownName,
	type NamesFile,
} from '../suggest.ts';
import {
	RESULTS_PAGE_SIZE,
	type SearchSummary,
	type WorkerRequest,
	type WorkerResponse,
} from './search-protocol.ts';
import { fetchBundleEarly, installEarlyFetch, searchTerms, willSearch } from './early-fetch.ts';
import { pagefindBytes } from './pagefind-bytes.ts';
import { fragmentData } from '../pagefind-files.ts';

interface PagefindModule {
	options(options: Record<string, unknown>): Promise<void>;
	/** Starts loading the entry file, metadata and WebAssembly (otherwise the first search does). */
	init(): Promise<void>;
	mergeIndex(path: string): Promise<void>;
	filters: ShardedIndex['api']['filters'];
	search: ShardedIndex['api']['search'];
}

const BUNDLE = '/pagefind/';

/**
 * A mark on the worker's performance timeline (`search:…`), read by the bench's trace of a
 * cold query (`bench/trace-search.ts`): what waits for what before the first results.
 */
function mark(name: string): void {
	performance.mark(`search:${name}`);
}

/**
 * Pagefind's calls, each marked where it starts and ends, each waiting for Pagefind's
 * script: a query answered from its postings (`posting-search.ts`) never calls it.
 */
function marked(load: Promise<PagefindModule>): ShardedIndex['api'] {
	let calls = 0;
	return {
		search: async (term, options) => {
			const module = await load;
			const call = `pagefind.search#${++calls} ${term ?? '(everything)'}`;
			mark(call);
			try {
				return await module.search(term, options);
			} finally {
				mark(`${call} done`);
			}
		},
		filters: async () => {
			const module = await load;
			mark('pagefind.filters');
			try {
				return await module.filters();
			} finally {
				mark('pagefind.filters done');
			}
		},
	};
}

/** A page's fragment (its stored data), read without Pagefind. */
async function readFragment(shard: ShardSummary, page: string): Promise<PagefindFragment> {
	mark(`fragment ${page}`);
	const response = await fetch(`${shard.path}fragment/${page}.pf_fragment`);
	if (!response.ok) throw new Error(`fragment ${page}: ${response.status}`);
	return fragmentData(await pagefindBytes(response));
}

let sharded: Promise<ShardedSearch> | undefined;
let latest: { request: SearchRequest; outcome: SearchOutcome; shown: Set<string> } | undefined;

/**
 * Pagefind, its WebAssembly and shard 0's metadata, loading from the moment the worker
 * starts, all at once: Pagefind's script, the shard manifest, and Pagefind's entry
 * file, WebAssembly and (once the entry file names it) metadata, which Pagefind itself
 * would ask for only after its script has loaded and then after the entry file
 * (`early-fetch.ts`).
 */
async function loadPagefind(): Promise<ShardedSearch> {
	installEarlyFetch();
	willSearch(BUNDLE);
	fetchBundleEarly(BUNDLE, true);
	const manifest = loadManifest();
	// The query the page was opened with, before the page's first message: a query of rare
	// words is answered from its postings, and Pagefind's start (its WebAssembly inflated
	// and compiled on this thread) would only hold it up; it then starts with its first
	// search. Every other query starts Pagefind as soon as its script is here.
	const opening = self.name ? fetchQueryEarly({ query: self.name }) : Promise.resolve(false);
	// The index is written after the site is bundled, so it is loaded at run time.
	const url = `${BUNDLE}pagefind.js`;
	const module = (async () => {
		const loaded = (await import(/* @vite-ignore */ url)) as PagefindModule;
		mark('pagefind.js loaded');
		await loaded.options({ basePath: BUNDLE, baseUrl: '/' });
		void opening.then((posted) => {
			if (!posted) void loaded.init();
		});
		return loaded;
	})();
	// A query answered from its postings does not wait for Pagefind's script at all.
	module.catch(() => {});
	const { shards, words } = await manifest;
	return new ShardedSearch({
		api: marked(module),
		manifest: shards,
		merge: async (shard) => {
			// Its entry file and metadata now (Pagefind asks once its WebAssembly is ready),
			// its index chunks for the query as soon as the metadata is here.
			willSearch(shard.path);
			fetchBundleEarly(shard.path, false, shard.metadata);
			mark(`merge ${shard.number}`);
			await (await module).mergeIndex(shard.path);
			mark(`merge ${shard.number} done`);
		},
		// The next older shard's entry file and metadata, while the one before it is searched.
		prefetch: (shard, sure) => {
			if (sure) willSearch(shard.path);
			fetchBundleEarly(shard.path, false, shard.metadata);
		},
		// Which shards hold which words: a query opens only the shards that can hold it.
		words,
		fragment: readFragment,
	});
}

/** The shard manifest, and the word table it describes (one instance, caching its buckets). */
function loadManifest(): Promise<{ shards: ShardManifest; words: WordMap | undefined }> {
	manifestLoad ??= fetch(`${BUNDLE}${SHARD_MANIFEST_FILE}`)
		.then((response) =>
			response.ok ? (response.json() as Promise<ShardManifest>) : singleShardManifest(BUNDLE),
		)
		.then((shards) => ({ shards, words: shards.words && new WordMap(shards.words, fetchText) }));
	return manifestLoad;
}

let manifestLoad: Promise<{ shards: ShardManifest; words: WordMap | undefined }> | undefined;

/**
 * Fetches what a query needs as soon as it is known, while Pagefind still loads: the word
 * table's buckets (the search reads them from the same `WordMap`), then, unless the
 * query's words are all rare enough to be answered from their postings (which the table
 * fetches then), the index chunks of its words in the shards to be searched
 * (`early-fetch.ts`: shard 0's as soon as its metadata is here, before Pagefind's
 * WebAssembly has started). Failures are left to the search, which fetches as it always did.
 * Resolves to whether the query will be answered from its postings.
 */
function fetchQueryEarly(request: SearchRequest): Promise<boolean> {
	const words = normalizeQuery(request.query).words;
	if (words.length === 0) return Promise.resolve(false);
	const terms = words.flatMap((word) => queryWordTokens(word).tokens);
	return loadManifest()
		.then(({ words: table }) => table?.possibleShards(words))
		.then((possible) => {
			const posted = possible !== undefined && possible.postings.size > 0;
			if (!posted) searchTerms(terms);
			return posted;
		})
		.catch(() => {
			searchTerms(terms);
			return false;
		});
}

async function fetchText(path: string): Promise<string> {
	const response = await fetch(path);
	if (!response.ok) throw new Error(`${path}: ${response.status}`);
	return response.text();
}

// Every page that starts this worker searches: start loading now, before the first message.
mark('worker started');
sharded = loadPagefind();
sharded.catch(() => {});

let names: Promise<KnownName[]> | undefined;

/**
 * Names like the words found nowhere: the names file and the pinyin dictionary are
 * loaded only now, when a query found nothing.
 */
async function suggestionsFor(outcome: SearchOutcome): Promise<string[]> {
	if (outcome.problem !== 'missing-words') return [];
	names ??= fetch(`${BUNDLE}${NAMES_FILE}`)
		.then((response) => (response.ok ? (response.json() as Promise<NamesFile>) : undefined))
		.then((file) => file?.names ?? []);
	const known = await names;
	if (known.length === 0) return [];
	const { pinyin } = await import('pinyin-pro');
	const found = outcome.missingWords.flatMap((word) =>
		suggestNames(word, pinyin(word, { toneType: 'none' }), known),
	);
	return [...new Set(found)].slice(0, MAX_SUGGESTIONS);
}

function summaryOf(
	outcome: SearchOutcome,
	coverage: Coverage,
	suggestions: string[] = [],
): SearchSummary {
	return {
		words: outcome.query.words,
		ignoredWords: outcome.query.ignoredWords,
		total: outcome.hits.length,
		counts: outcome.counts,
		countsApproximate: outcome.countsApproximate,
		missingWords: outcome.missingWords,
		suggestions,
		problem: outcome.problem,
		complete: coverage.complete,
		searchedFrom: coverage.searchedFrom,
	};
}

function reply(message: WorkerResponse): void {
	self.postMessage(message);
}

/** Views of the next results not shown yet, which are then counted as shown. */
async function nextViews(outcome: SearchOutcome, shown: Set<string>) {
	const fresh = { ...outcome, hits: outcome.hits.filter((hit) => !shown.has(hit.id)) };
	const views = await resultViews(fresh, 0, RESULTS_PAGE_SIZE);
	for (const hit of fresh.hits.slice(0, RESULTS_PAGE_SIZE)) shown.add(hit.id);
	return views;
}

/** Messages are handled one at a time; a search that a newer one replaced is skipped. */
let turn: Promise<void> = Promise.resolve();
let newestSearch = -1;

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
	const message = event.data;
	if (message.type === 'search') {
		newestSearch = message.id;
		void fetchQueryEarly(message.request);
	}
	turn = turn.then(async () => {
		if (message.type === 'search' && message.id !== newestSearch) return;
		mark(`message ${message.type}`);
		try {
			sharded ??= loadPagefind();
			const archive = await sharded;
			if (message.type === 'warm') {
				await archive.warm();
			} else if (message.type === 'search') {
				// The first results, in stage-1 order, as soon as the shards to search are
				// settled; the final list follows once stage 2 and the counts are done.
				const { outcome, coverage } = await archive.search(
					message.request,
					RESULTS_PAGE_SIZE,
					async (early) => {
						if (early.outcome.hits.length === 0 || early.outcome.sort !== 'relevance') return;
						mark('ordered');
						// Each result as soon as it and those ranked above it are in.
						let sent = 0;
						await streamResultViews(early.outcome, RESULTS_PAGE_SIZE, (views) => {
							if (message.id !== newestSearch) return;
							if (sent++ === 0) mark('first sent');
							reply({ id: message.id, type: 'first', views, words: early.outcome.query.words });
						});
					},
				);
				const shown = new Set<string>();
				latest = { request: message.request, outcome, shown };
				const views = await nextViews(outcome, shown);
				const suggestions = await suggestionsFor(outcome);
				mark('results sent');
				reply({
					id: message.id,
					type: 'results',
					views,
					summary: summaryOf(outcome, coverage, suggestions),
				});
			} else if (message.type === 'more' && latest) {
				const current = latest;
				const { outcome, coverage } = await archive.more(
					current.request,
					current.shown,
					RESULTS_PAGE_SIZE,
				);
				current.outcome = outcome;
				const views = await nextViews(outcome, current.shown);
				reply({ id: message.id, type: 'more', views, summary: summaryOf(outcome, coverage) });
			}
		} catch (error) {
			reply({ id: message.id, type: 'error', message: String(error) });
		}
	});
});
