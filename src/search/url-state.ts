/**
 * The search page's state as it appears in the address: `/search/?q=朱海义&kind=person
 * &year=2021&sort=date`. A link or a reload restores the same search; the defaults
 * (all kinds, relevance) are left out of the address.
 */

import { FILTER_KEYS, type Filters, type SortOrder } from './options.ts';

export interface SearchState {
	q: string;
	filters: Filters;
	sort: SortOrder;
}

/** `sort=` values in the address; `date` is the newest first. */
const SORT_PARAMS: Record<SortOrder, string | null> = {
	relevance: null,
	newest: 'date',
	oldest: 'oldest',
};

function sortFromParam(value: string | null): SortOrder {
	if (value === 'date' || value === 'newest') return 'newest';
	if (value === 'oldest' || value === 'date-asc') return 'oldest';
	return 'relevance';
}

export function stateFromParams(params: URLSearchParams): SearchState {
	const filters: Filters = {};
	for (const key of FILTER_KEYS) {
		const value = params.get(key)?.trim();
		if (value) filters[key] = value;
	}
	return { q: params.get('q') ?? '', filters, sort: sortFromParam(params.get('sort')) };
}

export function paramsFromState(state: SearchState): URLSearchParams {
	const params = new URLSearchParams();
	if (state.q.trim()) params.set('q', state.q.trim());
	for (const key of FILTER_KEYS) {
		const value = state.filters[key];
		if (value) params.set(key, value);
	}
	const sort = SORT_PARAMS[state.sort];
	if (sort) params.set('sort', sort);
	return params;
}

/** Whether two states ask for the same search. */
export function sameState(a: SearchState, b: SearchState): boolean {
	return paramsFromState(a).toString() === paramsFromState(b).toString();
}

/**
 * A result's address with the words to mark on the item page (`?highlight=`), which
 * `highlightWords` (`browser/search-everywhere.ts`) reads there.
 */
export function highlightUrl(url: string, words: readonly string[]): string {
	if (words.length === 0) return url;
	const [path, hash] = url.split('#', 2) as [string, string | undefined];
	const separator = path.includes('?') ? '&' : '?';
	const query = `highlight=${encodeURIComponent(words.join(' '))}`;
	return `${path}${separator}${query}${hash === undefined ? '' : `#${hash}`}`;
}
