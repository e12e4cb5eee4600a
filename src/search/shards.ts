/**
 * How the index is cut into shards, and where they live.
 *
 * Dated pages are cut, oldest first, into blocks of whole days of at most `size` pages,
 * and the recent days that do not fill one yet into smaller blocks (`planShards`). Blocks
 * are cut greedily from the oldest day, so publishing a new day never moves an older cut:
 * every closed block keeps its pages, its number and its files from one build to the next
 * (the index writer reuses them), and only the newest, still open block is indexed again.
 * The open block and the pages without a date (people) form shard 0,
 * `/pagefind/` (it also holds Pagefind's JS and WebAssembly); closed block `n` (1 is the
 * oldest) is `/pagefind/shard-n/`. The search loads shard 0 first and older shards as it
 * needs them (`sharded-search.ts`); the manifest lists them, newest first.
 */

import type { WordMapSummary } from './word-map.ts';

export const SHARD_MANIFEST_FILE = 'archive-shards.json';

/** The filter that holds each page's shard number (`0` is the newest). */
export const SHARD_FILTER = 'shard';

export interface ShardSummary {
	/** Shard number: 0 the newest, then closed blocks numbered from the oldest (1). */
	number: number;
	/** Site path of the shard's bundle, e.g. `/pagefind/shard-1/`. */
	path: string;
	pages: number;
	/** First and last dates in the shard, `YYYY-MM-DD`; null when it holds only undated pages. */
	from: string | null;
	to: string | null;
	/**
	 * The name of the metadata file Pagefind loads for the shard (`metadataFile`), so that
	 * the search fetches it with the shard's entry file, not after; absent in older indexes.
	 */
	metadata?: string;
}

export interface ShardManifest {
	version: 2;
	/** Newest first: shard 0, then the closed blocks from the newest to the oldest. */
	shards: ShardSummary[];
	/** The table of which shards hold which words (`word-map.ts`); absent in older indexes. */
	words?: WordMapSummary | undefined;
}

/** The manifest of an index written as one bundle at `path` (no manifest file, or stock Pagefind). */
export function singleShardManifest(path: string): ShardManifest {
	return { version: 2, shards: [{ number: 0, path, pages: 0, from: null, to: null }] };
}

/** Path of shard `number` below the site root, without slashes at the ends. */
export function shardPath(number: number): string {
	return number === 0 ? 'pagefind' : `pagefind/shard-${number}`;
}

export interface DatedPage {
	/** `YYYY-MM-DD`, or '' for a page without a date. */
	date: string;
}

export interface PlannedShard<T> {
	number: number;
	pages: T[];
}

/** Whole days cut greedily from the oldest into closed blocks of at most `size` pages, and the open rest. */
function cutDays<T>(days: readonly T[][], size: number): { closed: T[][][]; open: T[][] } {
	const closed: T[][][] = [];
	let open: T[][] = [];
	let pages = 0;
	for (const day of days) {
		if (pages > 0 && pages + day.length > size) {
			closed.push(open);
			open = [];
			pages = 0;
		}
		open.push(day);
		pages += day.length;
	}
	return { closed, open };
}

export interface ShardSizes {
	/** Most pages in a closed block of the older archive. */
	size: number;
	/** Most pages in a block of the recent days, which are not yet a whole block of `size`. */
	recentSize: number;
}

/**
 * Cuts pages into shards, newest first (see the top of this file). Pages keep their
 * order within a shard; a day larger than a block makes a block of its own.
 *
 * Two sizes, so that publishing a day re-indexes little: the archive is cut into blocks
 * of `size` pages; the recent days that do not fill one yet are cut again into blocks of
 * `recentSize`, the last of which, still open, is shard 0. A day then changes shard 0 and
 * at most one recent block that closes; once the recent days fill a block of `size`,
 * they become one, indexed once.
 */
export function planShards<T extends DatedPage>(
	pages: readonly T[],
	{ size, recentSize }: ShardSizes,
): PlannedShard<T>[] {
	for (const value of [size, recentSize]) {
		if (!Number.isInteger(value) || value < 1) throw new Error(`bad shard size ${value}`);
	}
	const undated = pages.filter((page) => !page.date);
	const byDate = new Map<string, T[]>();
	for (const page of pages) {
		if (!page.date) continue;
		const day = byDate.get(page.date);
		if (day) day.push(page);
		else byDate.set(page.date, [page]);
	}
	const days = [...byDate.keys()].sort().map((date) => byDate.get(date)!);
	const archive = cutDays(days, size);
	const recent = cutDays(archive.open, recentSize);
	const closed = [...archive.closed, ...recent.closed].map((block, index) => ({
		number: index + 1,
		pages: block.flat(),
	}));
	return [{ number: 0, pages: [...recent.open.flat(), ...undated] }, ...closed.reverse()];
}

/** The shard's summary for the manifest. */
export function summarizeShard<T extends DatedPage>(shard: PlannedShard<T>): ShardSummary {
	const dates = shard.pages
		.map((page) => page.date)
		.filter(Boolean)
		.sort();
	return {
		number: shard.number,
		path: `/${shardPath(shard.number)}/`,
		pages: shard.pages.length,
		from: dates[0] ?? null,
		to: dates[dates.length - 1] ?? null,
	};
}
