/**
 * Where the index's shards live. The newest pages are `/pagefind/` (it also holds
 * Pagefind's JS and WebAssembly); older shards are `/pagefind/shard-1/`, `shard-2/`, …
 * and are merged into the first by the search (`mergeIndex`). The manifest lists them.
 */

export const SHARD_MANIFEST_FILE = 'archive-shards.json';

/** The filter that holds each page's shard number (`0` is the newest). */
export const SHARD_FILTER = 'shard';

export interface ShardSummary {
	/** Site path of the shard's bundle, e.g. `/pagefind/shard-1/`. */
	path: string;
	pages: number;
	/** First and last dates in the shard, `YYYY-MM-DD`; null when it holds only undated pages. */
	from: string | null;
	to: string | null;
}

export interface ShardManifest {
	version: 1;
	shards: ShardSummary[];
}

/** Path of shard `index` below the site root, without slashes at the ends. */
export function shardPath(index: number): string {
	return index === 0 ? 'pagefind' : `pagefind/shard-${index}`;
}
