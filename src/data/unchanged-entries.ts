import type { LoaderContext } from 'astro/loaders';
import { readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CheckCache, checkCacheFile } from '../cache/check-results.ts';
import { CONTENT_CACHE_KEY_FILE } from '../cache/content-store.ts';
import { fileStamp, nowNs } from '../cache/file-stamp.ts';
import { isIgnoredContentPath } from '../config/content-files.ts';

/**
 * Which of a collection's entry files are unchanged since the last build, known from their
 * stamps (`src/cache/file-stamp.ts`) without reading them. Astro's glob loader reads every
 * file on every build to find the few that changed: at 100,000 articles that was about 8 s
 * of a day's rebuild (opening, reading and closing 101,000 files, and parsing each one's
 * front matter), for 48 new files.
 *
 * A record beside the check results keeps, for each file the loader read, its stamp and the
 * digest Astro stored its entry under. A file whose stamp is the recorded one still has the
 * bytes of that digest, so where Astro's store holds its entry under that digest, the entry
 * is kept exactly as Astro's loader keeps an unchanged one, and the file is not read. The
 * record is valid only with the store it describes: its code is the content store's inputs
 * digest, so it goes stale whenever the store is dropped for a change of schema, plugin,
 * dependency or content folder; a store dropped for damage has no entries, and every file is
 * read. Like every check-results store it proves itself and is written whole by rename.
 */

/** Bumped when what the record holds changes. */
const RECORD_FORMAT = 'entry-digests 1';

/** The extensions Astro's glob loader is given (`ENTRY_PATTERNS`), case as written. */
const ENTRY_FILE = /\.mdx?$/;

/**
 * Past this many changed files, literal patterns cost more than reading every file (tinyglobby
 * over 100,000 files: 57 ms for 48 patterns, 0.26 s for 500, 1.8 s for 2,000).
 */
export const MAX_LITERAL_PATTERNS = 500;

/** A collection's entry files, as the glob loader's patterns select them. */
export interface EntryFiles {
	/** `/`-separated paths below the collection folder, sorted. */
	entries: string[];
	/**
	 * Whether the folder holds a symbolic link: the glob loader follows links and this listing
	 * does not, so such a folder is left to the glob loader whole.
	 */
	hasLinks: boolean;
}

/** Lists the entry files below `base` the way `ENTRY_PATTERNS` does: `.md` and `.mdx`, no drafts or hidden files. */
export async function entryFilesBelow(base: string): Promise<EntryFiles> {
	const found = await readdir(base, { recursive: true, withFileTypes: true }).catch(
		(error: NodeJS.ErrnoException) => {
			if (error.code === 'ENOENT') return [];
			throw error;
		},
	);
	let hasLinks = false;
	const entries: string[] = [];
	for (const item of found) {
		if (item.isSymbolicLink()) hasLinks = true;
		if (!item.isFile() || !ENTRY_FILE.test(item.name)) continue;
		const entry = posixRelative(base, join(item.parentPath, item.name));
		if (!isIgnoredContentPath(entry)) entries.push(entry);
	}
	return { entries: entries.sort(), hasLinks };
}

/** `/`-separated path of `path` below `root`, as Astro's glob loader writes them. */
export function posixRelative(root: string, path: string): string {
	return relative(root, path).split(sep).join('/');
}

/** A path as a glob pattern that matches only itself. */
export function literalPattern(path: string): string {
	return path.replace(/[\\*?[\]{}()!+@|]/g, '\\$&');
}

/** The record of one collection's entry files: path → the digest of its entry, by stamp. */
export async function openEntryDigests(context: LoaderContext): Promise<CheckCache<string>> {
	const cacheDir = fileURLToPath(context.config.cacheDir);
	let inputs = '';
	try {
		inputs = readFileSync(join(cacheDir, CONTENT_CACHE_KEY_FILE), 'utf8').trim();
	} catch {
		// No inputs digest: a store of unknown origin, which content-store.ts drops.
	}
	const file = checkCacheFile(cacheDir, `entry-digests-${context.collection}`);
	// Without an inputs digest the record is never used: an empty code matches nothing stored.
	return CheckCache.open<string>(file, inputs === '' ? '' : `${RECORD_FORMAT} ${inputs}`);
}

/** Astro's store of one collection, as a loader is given it. */
type DataStore = LoaderContext['store'];

/** What `keepUnchanged` found. */
export interface UnchangedEntries {
	/** Ids of the entries kept as stored. */
	kept: Set<string>;
	/** The files to read, with the stamp each had before it was read. */
	changed: { entry: string; stamp: string | undefined }[];
}

/** Astro's store as its glob loader uses it (`addAssetImports` is not in its public type). */
type StoreWithAssets = DataStore & {
	addAssetImports?: (assets: string[], fileName: string) => void;
};

/**
 * Keeps the entry of every file that still has its recorded stamp and whose stored entry is
 * the one recorded, as the glob loader keeps an unchanged entry (its module and asset imports
 * declared again), and lists the files left to read.
 */
export function keepUnchanged(
	context: LoaderContext,
	record: CheckCache<string>,
	base: string,
	entries: readonly string[],
	idOf: (entry: string) => string,
): UnchangedEntries {
	const store = context.store as StoreWithAssets;
	const root = fileURLToPath(context.config.root);
	const now = nowNs();
	const kept = new Set<string>();
	const changed: UnchangedEntries['changed'] = [];
	for (const entry of entries) {
		const path = join(base, entry);
		let stamp: string | undefined;
		try {
			stamp = fileStamp(statSync(path, { bigint: true }), now);
		} catch {
			// Gone since the listing: the glob loader will not find it either.
			continue;
		}
		const digest = record.getByStamp(entry, stamp);
		const stored = digest === undefined ? undefined : store.get(idOf(entry));
		if (
			stored !== undefined &&
			stored.digest === digest &&
			stored.filePath === posixRelative(root, path)
		) {
			if (stored.deferredRender) store.addModuleImport(stored.filePath);
			if (stored.assetImports?.length)
				store.addAssetImports?.(stored.assetImports, stored.filePath);
			kept.add(stored.id);
			continue;
		}
		changed.push({ entry, stamp });
	}
	return { kept, changed };
}

/** Records the digest each changed file's entry now has, under the stamp taken before it was read. */
export function recordLoaded(
	context: LoaderContext,
	record: CheckCache<string>,
	base: string,
	changed: UnchangedEntries['changed'],
	idOf: (entry: string) => string,
): void {
	const root = fileURLToPath(context.config.root);
	for (const { entry, stamp } of changed) {
		const stored = context.store.get(idOf(entry));
		const filePath = posixRelative(root, join(base, entry));
		if (stamp === undefined || stored?.digest === undefined || stored.filePath !== filePath)
			continue;
		const digest = String(stored.digest);
		record.set(entry, digest, digest, stamp);
	}
}

/** The store seen without the kept entries, so that the glob loader does not delete them as untouched. */
export function storeWithout(store: DataStore, kept: ReadonlySet<string>): DataStore {
	return { ...store, keys: () => store.keys().filter((id) => !kept.has(id)) };
}
