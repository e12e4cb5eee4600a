/**
 * How the index is cut into shards, and where they live.
 *
 * Dated pages are cut, oldest first, into blocks of whole days of at most `size` pages.
 * A block is cut greedily from the oldest day, so publishing a new day never moves an
 * older cut: every closed block keeps its pages, its number and its files from one build
 * to the next (the index writer reuses them), and only the newest, still open block is
 * indexed again. The open block and the pages without a date (people) form shard 0,
 * `/pagefind/` (it also holds Pagefind's JS and WebAssembly); closed block `n` (1 is the
 * oldest) is `/pagefind/shard-n/`. The search loads shard 0 first and older shards as it
 * needs them (`sharded-search.ts`); the manifest lists them, newest first.
 */

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
}

export interface ShardManifest {
	version: 2;
	/** Newest first: shard 0, then the closed blocks from the newest to the oldest. */
	shards: ShardSummary[];
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

/**
 * Cuts pages into shards, newest first (see the top of this file). Pages keep their
 * order within a shard; a day larger than `size` makes a block of its own.
 */
export function planShards<T extends DatedPage>(
	pages: readonly T[],
	size: number,
): PlannedShard<T>[] {
	if (!Number.isInteger(size) || size < 1) throw new Error(`bad shard size ${size}`);
	const undated = pages.filter((page) => !page.date);
	const days = new Map<string, T[]>();
	for (const page of pages) {
		if (!page.date) continue;
		const day = days.get(page.date);
		if (day) day.push(page);
		else days.set(page.date, [page]);
	}
	const blocks: T[][] = [];
	let open: T[] = [];
	for (const date of [...days.keys()].sort()) {
		const day = days.get(date)!;
		if (open.length > 0 && open.length + day.length > size) {
			blocks.push(open);
			open = [];
		}
		open.push(...day);
	}
	const closed = blocks.map((block, index) => ({ number: index + 1, pages: block }));
	return [{ number: 0, pages: [...open, ...undated] }, ...closed.reverse()];
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
