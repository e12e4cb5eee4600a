/**
 * Every cache the build keeps between builds, below Astro's `cacheDir` (by default
 * `node_modules/.astro/`). Each is an optimisation only: with the folder deleted, the next
 * build is slower and byte for byte the same. `docs/caches.md` says what each holds, how it
 * is keyed and how it heals.
 */
export const CACHE_LOCATIONS = {
	/** Astro's content layer: every entry parsed and rendered (`data-store.json`, or chunks). */
	contentStore: 'data-store',
	/** Ours: a digest of what decides how entries are parsed (src/cache/content-store.ts). */
	contentInputs: 'archive-content-inputs.txt',
	/** Astro's `experimental.incrementalBuild`: which page was rendered from which key. */
	renderedPagesManifest: 'incremental-build.json',
	/** Astro's copies of rendered pages, reused while their key is unchanged. */
	renderedPages: 'dist',
	/** Ours: results of the checks on single files (src/cache/check-results.ts). */
	checkResults: 'archive-checks',
	/** Ours: closed search shards, by digest of their pages and code (src/integrations/pagefind.ts). */
	searchShards: 'archive-search-shards',
	/**
	 * Ours: each item-file bundle the last build unpacked, with the stamps of the files it
	 * wrote into the output folder, which the next build keeps (src/cache/item-files-record.ts).
	 */
	itemFilesRecord: 'archive-item-files.json',
	/**
	 * Ours: the yearly downloads' gzip members, by year, member name and key
	 * (src/cache/download-members.ts).
	 */
	downloadMembers: 'archive-download-members',
	/** Ours: the digest of every cached file as the last finished build left it. */
	integrity: 'archive-cache-integrity.json',
	/**
	 * Ours: the last build's output, moved here to be deleted while the build runs
	 * (src/integrations/fresh-out-dir.ts). Not a cache: never read, never recorded.
	 */
	discardedOutput: 'archive-discarded-output',
} as const;

/**
 * The unit a cached file is trusted or dropped with: a file whose digest fails takes its
 * whole group with it, so nothing is kept that was written together with a bad file.
 *
 * - the content store and its inputs digest: one group;
 * - the rendered-pages manifest: one group, which takes every rendered page with it;
 * - a rendered page: its own group (Astro renders a page again when its copy is missing);
 * - a search shard: its folder;
 * - anything else: its file.
 */
export function cacheGroupOf(file: string): string {
	const [top = '', second] = file.split('/');
	if (top.startsWith(CACHE_LOCATIONS.contentStore) || top === CACHE_LOCATIONS.contentInputs)
		return 'content-store';
	if (top === CACHE_LOCATIONS.renderedPagesManifest) return 'rendered-pages';
	if (top === CACHE_LOCATIONS.searchShards && second !== undefined) return `${top}/${second}`;
	return file;
}

/** Groups whose loss makes other files useless: the rendered-pages manifest and its pages. */
export function dependsOn(group: string, file: string): boolean {
	return group === 'rendered-pages' && file.startsWith(`${CACHE_LOCATIONS.renderedPages}/`);
}

/**
 * Stores that prove themselves: the check results carry a digest of their own text and are
 * written whole by rename (src/cache/check-results.ts), so they are not listed again. This
 * also keeps them across a build that stops on an editor's mistake, when no integrity
 * record is written.
 */
export function verifiesItself(file: string): boolean {
	return file.startsWith(`${CACHE_LOCATIONS.checkResults}/`);
}
