/**
 * The search runs here, off the page's main thread. Pagefind's own bundle is loaded
 * into this worker, where there is no `document`: Pagefind then takes the query's
 * index words as given instead of cutting Chinese into single characters with
 * `Intl.Segmenter` (it does that only for a page whose `<html lang>` is `zh`).
 */

import { resultViews, type SearchOutcome, type SearchRequest } from '../engine.ts';
import { toSimplified } from '../normalize.ts';
import { ShardedSearch, type Coverage, type ShardedIndex } from '../sharded-search.ts';
import { SHARD_MANIFEST_FILE, singleShardManifest, type ShardManifest } from '../shards.ts';
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

interface PagefindModule {
	options(options: Record<string, unknown>): Promise<void>;
	/** Starts loading the entry file, metadata and WebAssembly (otherwise the first search does). */
	init(): Promise<void>;
	mergeIndex(path: string): Promise<void>;
	filters: ShardedIndex['api']['filters'];
	search: ShardedIndex['api']['search'];
}

const BUNDLE = '/pagefind/';

let sharded: Promise<ShardedSearch> | undefined;
let latest: { request: SearchRequest; outcome: SearchOutcome; shown: Set<string> } | undefined;

/**
 * Pagefind, its WebAssembly and shard 0's metadata, loading from the moment the worker
 * starts: the manifest is fetched beside Pagefind's script, and Pagefind's own files
 * (entry, metadata, WebAssembly) are asked for as soon as its options are set, not by
 * the first search.
 */
async function loadPagefind(): Promise<ShardedSearch> {
	const manifest = fetch(`${BUNDLE}${SHARD_MANIFEST_FILE}`).then((response) =>
		response.ok ? (response.json() as Promise<ShardManifest>) : singleShardManifest(BUNDLE),
	);
	// The index is written after the site is bundled, so it is loaded at run time.
	const url = `${BUNDLE}pagefind.js`;
	const module = (await import(/* @vite-ignore */ url)) as PagefindModule;
	await module.options({ basePath: BUNDLE, baseUrl: '/' });
	void module.init();
	// The traditional → simplified tables, while Pagefind's entry, metadata and WebAssembly load.
	toSimplified('');
	const shards = await manifest;
	return new ShardedSearch({
		api: module,
		manifest: shards,
		merge: (shard) => module.mergeIndex(shard.path),
		// Which shards hold which words: a query opens only the shards that can hold it.
		words: shards.words && new WordMap(shards.words, fetchText),
	});
}

async function fetchText(path: string): Promise<string> {
	const response = await fetch(path);
	if (!response.ok) throw new Error(`${path}: ${response.status}`);
	return response.text();
}

// Every page that starts this worker searches: start loading now, before the first message.
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
	if (message.type === 'search') newestSearch = message.id;
	turn = turn.then(async () => {
		if (message.type === 'search' && message.id !== newestSearch) return;
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
						const views = await resultViews(early.outcome, 0, RESULTS_PAGE_SIZE);
						if (message.id !== newestSearch || views.length === 0) return;
						reply({ id: message.id, type: 'first', views, words: early.outcome.query.words });
					},
				);
				const shown = new Set<string>();
				latest = { request: message.request, outcome, shown };
				const views = await nextViews(outcome, shown);
				const suggestions = await suggestionsFor(outcome);
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
