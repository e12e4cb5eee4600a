/** Messages between the search page and its worker (`search-worker.ts`). */

import type { FilterKey, ResultView, SearchProblem, SearchRequest } from '../engine.ts';

/** Results shown at once; more are loaded on request. */
export const RESULTS_PAGE_SIZE = 10;

export type WorkerRequest =
	/** Load Pagefind and its metadata before the first query, while the reader starts typing. */
	| { id: number; type: 'warm' }
	| { id: number; type: 'search'; request: SearchRequest }
	/** The next results after those shown, searching older shards if need be. */
	| { id: number; type: 'more' };

export interface SearchSummary {
	words: string[];
	ignoredWords: string[];
	total: number;
	counts: Partial<Record<FilterKey, Record<string, number>>>;
	countsApproximate: boolean;
	missingWords: string[];
	/** Names that sound like a missing word or are one character off it (您是否要找). */
	suggestions: string[];
	problem: SearchProblem | undefined;
	/** Whether every shard was searched; if not, papers before `searchedFrom` are not yet. */
	complete: boolean;
	searchedFrom: string | null;
}

export type WorkerResponse =
	/**
	 * The first results of a search, in stage-1 order, before stage 2 and the counts: shown
	 * at once, while the list stays busy; `results` follows with the final list. Sent as
	 * the results' data arrives, each message with the views of the one before it and more.
	 */
	| { id: number; type: 'first'; words: string[]; views: ResultView[] }
	| { id: number; type: 'results'; summary: SearchSummary; views: ResultView[] }
	| { id: number; type: 'more'; summary: SearchSummary; views: ResultView[] }
	| { id: number; type: 'error'; message: string };
