/**
 * Which pages an `astro build` rendered and which it took from its incremental cache, read
 * from Astro's page-by-page log: `├─ /x/index.html (+3ms)` for a page rendered,
 * `├─ /x/index.html (cached)` or `(restored)` for one reused. With `build.concurrency`
 * above 1, Astro prints a rendered page's name before rendering it and its time after, so
 * names share lines and times follow other names; a reused page's name and mark are printed
 * together. So each name is read up to whatever follows it, and a name without a cache mark
 * right after it was rendered.
 */

export interface PagesInLog {
	rendered: Set<string>;
	/** Kept in the output folder, where the build had put its cache copy (fresh-out-dir.ts). */
	cached: Set<string>;
	/** Copied from the cache by Astro. */
	restored: Set<string>;
}

/**
 * A page's name runs to its cache mark or time, to whatever else was printed right after it
 * (the next page's timestamp, another line), or to the line's end.
 */
const PAGE = /(?:├─|└─) (.+?)(?= \(|\s|\d\d:\d\d:\d\d|$)(?: \((cached|restored)\))?/gm;

export function pagesInLog(log: string): PagesInLog {
	const pages: PagesInLog = { rendered: new Set(), cached: new Set(), restored: new Set() };
	for (const [, name, mark] of log.matchAll(PAGE)) {
		(mark === 'cached' ? pages.cached : mark === 'restored' ? pages.restored : pages.rendered).add(
			name!,
		);
	}
	return pages;
}
