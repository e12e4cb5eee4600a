/**
 * A query whose words are all rare, answered from its pages' fragments alone.
 *
 * The word table lists the pages of every index word on few pages (`word-map.ts`,
 * `POSTING_MAX_PAGES`). Every page that holds a query word holds that word's rarest index
 * word, so the postings of those rarest words name every page that can be a result, and
 * every page on which each query word can be found. Those pages' fragments (Pagefind's
 * stored data, a few KB each) are then all the search needs: `PostedPages` answers the
 * engine's calls as Pagefind would over those pages (the same index words at the same
 * positions, the same filters, the same date sort), so the engine (`engine.ts`) ranks,
 * filters and counts them with the same code, and no index chunk, metadata or WebAssembly
 * is waited for. Pagefind's index would instead cost, in every shard that holds the word,
 * its metadata and one index chunk of about 40 KB per index word.
 *
 * The statistics are those of the same shards as Pagefind's search would merge (shard 0
 * and every shard of the period that can hold every word): their page count from the
 * manifest, each word's pages among them from its fragments. The one difference: where
 * two pages tie in stage 1, Pagefind's search breaks the tie by its own score, which
 * cannot be had without its index; here the newer page comes first, then the page id,
 * as in stage 2 (`rank.ts`), so only pages beyond the first HEADLINE_DEPTH can come in
 * another order.
 */

import type {
	FilterCounts,
	PagefindApi,
	PagefindFragment,
	PagefindHit,
	PagefindResponse,
	PagefindSearchOptions,
} from './engine.ts';

/** A page named by the postings, with its fragment. */
export interface PostedPage {
	/** Pagefind's page id (its fragment file's name). */
	id: string;
	data: PagefindFragment;
}

/** A fragment's content as Pagefind's word positions: word `i` is the `i`th index word. */
function contentWords(content: string): string[] {
	// Pagefind ends each block of the page with a `.` glued to its last word; its index
	// holds the word without it (`readable.ts`).
	return content
		.split(/[^\S\uFEFF]+/)
		.filter((word) => word.length > 0)
		.map((word) => (word.length > 1 && word.endsWith('.') ? word.slice(0, -1) : word));
}

/** A page as the search reads it: where each of its index words stands. */
interface IndexedPage {
	id: string;
	data: PagefindFragment;
	positions: Map<string, number[]>;
}

function indexPage(page: PostedPage): IndexedPage {
	const positions = new Map<string, number[]>();
	for (const [position, word] of contentWords(page.data.content).entries()) {
		const at = positions.get(word);
		if (at) at.push(position);
		else positions.set(word, [position]);
	}
	return { id: page.id, data: page.data, positions };
}

/** Where `tokens` stand one after another on the page: the positions of each run's words. */
function phrasePositions(page: IndexedPage, tokens: readonly string[]): number[] {
	const found: number[] = [];
	for (const start of page.positions.get(tokens[0]!) ?? []) {
		if (tokens.every((token, offset) => page.positions.get(token)?.includes(start + offset))) {
			for (let offset = 0; offset < tokens.length; offset++) found.push(start + offset);
		}
	}
	return found;
}

/** Every position of any of `tokens`, when the page holds them all; else undefined. */
function allPositions(page: IndexedPage, tokens: readonly string[]): number[] | undefined {
	const found: number[] = [];
	for (const token of tokens) {
		const at = page.positions.get(token);
		if (!at) return undefined;
		found.push(...at);
	}
	return found.sort((a, b) => a - b);
}

function matchesFilters(data: PagefindFragment, filters: Record<string, string>): boolean {
	return Object.entries(filters).every(([key, value]) => data.filters[key]?.includes(value));
}

/** Each filter's values among `pages`, with how many of `counted` carry each (0 for none). */
function filterCounts(
	pages: readonly IndexedPage[],
	counted: readonly IndexedPage[],
): FilterCounts {
	const counts: FilterCounts = {};
	for (const page of pages) {
		for (const [key, values] of Object.entries(page.data.filters)) {
			const byValue = (counts[key] ??= {});
			for (const value of values ?? []) byValue[value] ??= 0;
		}
	}
	for (const page of counted) {
		for (const [key, values] of Object.entries(page.data.filters)) {
			for (const value of values ?? []) counts[key]![value]! += 1;
		}
	}
	return counts;
}

/** Newer first, then by id: a fixed order for pages Pagefind would order by its own score. */
function newestFirst(a: IndexedPage, b: IndexedPage): number {
	return (b.data.meta.date ?? '').localeCompare(a.data.meta.date ?? '') || a.id.localeCompare(b.id);
}

/**
 * Pagefind's search as the engine uses it, over the pages the postings name: a quoted term
 * (`"朱海 海义"`) finds its index words one after another, an unquoted one (`朱海 海义`)
 * every page that holds them all, `null` every page; filters and a sort by date as
 * Pagefind applies them.
 */
export class PostedPages implements PagefindApi {
	readonly #pages: IndexedPage[];
	readonly #total: number;

	/** `total`: the pages of the shards searched, of which `pages` are those that can matter. */
	constructor(pages: readonly PostedPage[], total: number) {
		this.#pages = pages.map(indexPage).sort(newestFirst);
		this.#total = total;
	}

	pageTotal(): Promise<number> {
		return Promise.resolve(this.#total);
	}

	filters(): Promise<FilterCounts> {
		return Promise.resolve(filterCounts(this.#pages, this.#pages));
	}

	search(term: string | null, options: PagefindSearchOptions = {}): Promise<PagefindResponse> {
		return Promise.resolve(this.#search(term, options));
	}

	#search(term: string | null, options: PagefindSearchOptions): PagefindResponse {
		const matched: { page: IndexedPage; words: number[] }[] = [];
		for (const page of this.#pages) {
			const words = this.#match(page, term);
			if (words) matched.push({ page, words });
		}
		const filtered = matched.filter(({ page }) => matchesFilters(page.data, options.filters ?? {}));
		let results = filtered;
		const direction = options.sort?.date;
		if (direction) {
			// Pagefind leaves out of a sorted search the pages without the sort's value.
			results = filtered
				.filter(({ page }) => page.data.meta.date !== undefined)
				.sort(
					(a, b) =>
						(direction === 'asc' ? 1 : -1) *
							a.page.data.meta.date!.localeCompare(b.page.data.meta.date!) ||
						a.page.id.localeCompare(b.page.id),
				);
		}
		return {
			results: results.map(({ page, words }) => this.#hit(page, words)),
			unfilteredResultCount: matched.length,
			filters: filterCounts(
				this.#pages,
				filtered.map(({ page }) => page),
			),
			totalFilters: filterCounts(
				this.#pages,
				matched.map(({ page }) => page),
			),
		};
	}

	#match(page: IndexedPage, term: string | null): number[] | undefined {
		if (term === null) return [];
		const quoted = /^"(.*)"$/.exec(term);
		const tokens = (quoted ? quoted[1]! : term).split(' ').filter(Boolean);
		if (tokens.length === 0) return undefined;
		if (!quoted) return allPositions(page, tokens);
		const found = phrasePositions(page, tokens);
		return found.length > 0 ? found : undefined;
	}

	#hit(page: IndexedPage, words: number[]): PagefindHit {
		// Pagefind scores every quoted match alike (measured); the engine uses the score only
		// to weigh a word's fields and, last, to break ties.
		return { id: page.id, score: 1, words, data: () => Promise.resolve(page.data) };
	}
}
