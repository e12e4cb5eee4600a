import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { linkTree } from './link-tree.ts';
import { writeShards } from './search-shard-pool.ts';
import type { ShardJob } from './search-shard-writer.ts';
import { CheckCache, checkCacheFile, forEachFileResult } from '../cache/check-results.ts';
import { codeDigest, LOCK_FILE } from '../cache/code-digest.ts';
import { filesBelow } from '../cache/files-below.ts';
import { pinyin } from 'pinyin-pro';
import { urlOfBuiltFile } from '../domain/built-files.ts';
import { reportShardsIndexed } from './build-progress-events.ts';
import { indexedPageDate } from '../search/record.ts';
import { frequentNames, parseShardNameList, SHARD_NAMES_FILE } from '../search/frequent-names.ts';
import { NAMES_FILE, type KnownName, type NamesFile } from '../search/suggest.ts';
import { metadataFile, type PagefindEntry } from '../search/pagefind-files.ts';
import {
	POSTING_MAX_PAGES,
	POSTINGS_FOLDER,
	SHARD_WORDS_FILE,
	WORD_MAP_FOLDER,
	wordMapBuckets,
	type ShardWords,
	type WordMapPart,
	type WordMapSummary,
} from '../search/word-map.ts';
import {
	planShards,
	SHARD_MANIFEST_FILE,
	shardPath,
	summarizeShard,
	type PlannedShard,
	type ShardManifest,
	type ShardSizes,
	type ShardSummary,
} from '../search/shards.ts';

/**
 * The search index, written after every `astro build` through Pagefind's Node API (as
 * Starlight does) so that any indexing error fails the build.
 *
 * Each item page (the pages with a `data-pagefind-body` region) is handed to Pagefind
 * as a search record (`src/search/record.ts`): its text as the archive's own index
 * words, headline, kicker and subtitle weighted, date and 版 as metadata. Pages are cut
 * into shards by date (`src/search/shards.ts`), written in worker threads, one shard at a
 * time per worker, each by its own Pagefind process closed afterwards: Pagefind indexes on
 * one core and its memory grows with the text it holds (about 0.25 GB per 1,000
 * articles), so shards use every core while bounding the build's peak, and a reader's
 * first query loads only the newest shard. A closed shard whose pages are unchanged is
 * copied from the cache instead of indexed again. Design: `src/search/README.md`.
 */

/** Pages per shard unless `ARCHIVE_SEARCH_SHARD_PAGES` says otherwise. */
export const DEFAULT_SHARD_PAGES = 5_000;

/**
 * Pages per shard of the recent days (`planShards`) unless
 * `ARCHIVE_SEARCH_RECENT_SHARD_PAGES` says otherwise: about two weeks of a city daily,
 * what publishing one day re-indexes at most.
 */
export const DEFAULT_RECENT_SHARD_PAGES = 500;

export interface ShardCache {
	/** Folder of cached closed shards, one subfolder per shard key. */
	dir: string;
	/** Digest of the code and dependencies that write an index: a change empties the cache. */
	inputsDigest: string;
}

export interface WriteSearchIndexOptions {
	/** The built site (`dist/`). */
	siteDir: string;
	/** Most pages per shard. */
	shardPages?: number;
	/** Most pages per shard of the recent days; at most `shardPages`. */
	recentShardPages?: number;
	/**
	 * Most pages a word may be on and have postings (`POSTING_MAX_PAGES`); 0 writes none,
	 * so that every query searches Pagefind's index (tests of that search on a small site).
	 */
	postingPages?: number;
	/** Where closed shards are kept between builds; without it every shard is indexed. */
	cache?: ShardCache | undefined;
	/** What each built page was found to be, kept between builds; without it every page is read. */
	pagesStore?: CheckCache<IndexedPageFacts> | undefined;
	/**
	 * The site's files that may be pages (`/`-separated, below `siteDir`): Astro's outputs and
	 * `public/`. Without it the site is listed, item files and all.
	 */
	pageFiles?: readonly string[] | undefined;
	log?: (message: string) => void;
}

export interface SearchIndexSummary {
	pages: number;
	shards: ShardSummary[];
	/** Shards copied from the cache instead of indexed. */
	reused: number;
}

/**
 * What decides how a shard is written: the shard writer and every module it imports (the
 * search record, the index words), and the lock file (Pagefind's version).
 */
export const SEARCH_INDEX_CODE = [
	fileURLToPath(new URL('./search-shard-writer.ts', import.meta.url)),
] as const;

function searchIndexCodeDigest(): Promise<string> {
	return codeDigest(SEARCH_INDEX_CODE, [LOCK_FILE]);
}

/** The cache's folder below Astro's `cacheDir`. */
export const SHARD_CACHE_FOLDER = 'archive-search-shards';

/** `articles/x/index.html` → `/articles/x/`, as Pagefind computes URLs. */
interface PageEntry {
	file: string;
	url: string;
	/** The date, or '' for pages without one (people). */
	date: string;
	/** Digest of the built page: its shard's cache key is made of these. */
	digest: string;
}

/** An indexed page's date ('' for none) and digest; null for a page not indexed. */
export type IndexedPageFacts = [date: string, digest: string] | null;

/**
 * Every indexed page of the built site. With a store, a page untouched since the last build
 * (by its stamp, `file-stamp.ts`) is not read again: at 100,000 articles reading every page
 * was most of a minute of each rebuild, though it changed only the day's pages. The pages
 * are `pageFiles` where given: listing the site would walk the item files beside every page
 * (four an item). The post-build checks list it whole and fail the build over any page marked
 * for search that the index lacks.
 */
function indexedPages(
	siteDir: string,
	store?: CheckCache<IndexedPageFacts>,
	pageFiles: readonly string[] = filesBelow(siteDir),
): PageEntry[] {
	const files = [...new Set(pageFiles)].filter(
		(file) => file.endsWith('.html') && !file.split('/').includes('pagefind'),
	);
	const pages: PageEntry[] = [];
	forEachFileResult(
		siteDir,
		files,
		store,
		(_, html, digest): IndexedPageFacts => {
			const indexed = indexedPageDate(html.toString('utf8'));
			return indexed && [indexed.date ?? '', digest];
		},
		(file, facts) => {
			if (!facts) return;
			const [date, digest] = facts;
			pages.push({ file: join(siteDir, file), url: urlOfBuiltFile(file), date, digest });
		},
	);
	return pages.sort((a, b) => a.date.localeCompare(b.date) || a.url.localeCompare(b.url));
}

function pagesSetting(requested: number | undefined, variable: string, fallback: number): number {
	const fromEnvironment = Number(process.env[variable]);
	const size = requested ?? (fromEnvironment > 0 ? fromEnvironment : fallback);
	if (!Number.isInteger(size) || size < 1) throw new Error(`bad shard size ${size}`);
	return size;
}

function shardSizes(options: WriteSearchIndexOptions): ShardSizes {
	const size = pagesSetting(options.shardPages, 'ARCHIVE_SEARCH_SHARD_PAGES', DEFAULT_SHARD_PAGES);
	const recentSize = pagesSetting(
		options.recentShardPages,
		'ARCHIVE_SEARCH_RECENT_SHARD_PAGES',
		DEFAULT_RECENT_SHARD_PAGES,
	);
	return { size, recentSize: Math.min(size, recentSize) };
}

/**
 * A closed shard's cache key: the index code, its number, the postings' page limit, and
 * each page's URL and digest.
 */
function shardKey(cache: ShardCache, shard: PlannedShard<PageEntry>, postingPages: number): string {
	const hash = createHash('sha256').update(
		`${cache.inputsDigest}\0${shard.number}\0${postingPages}\0`,
	);
	for (const page of shard.pages) hash.update(`${page.url}\0${page.digest}\0`);
	return hash.digest('hex');
}

/**
 * A cache entry is complete once renamed into place, so a half-written one is never used;
 * it must hold Pagefind's entry file and the shard's word and name lists.
 */
async function cachedShard(cache: ShardCache, key: string): Promise<string | undefined> {
	const dir = join(cache.dir, key);
	try {
		const entry = JSON.parse(await readFile(join(dir, 'pagefind-entry.json'), 'utf8')) as unknown;
		await readFile(join(dir, SHARD_WORDS_FILE));
		await readFile(join(dir, SHARD_NAMES_FILE));
		return entry && typeof entry === 'object' ? dir : undefined;
	} catch {
		return undefined;
	}
}

async function storeShard(cache: ShardCache, key: string, outputPath: string): Promise<void> {
	const staging = join(cache.dir, `${key}.partial`);
	await rm(staging, { recursive: true, force: true });
	await linkTree(outputPath, staging);
	await rm(join(cache.dir, key), { recursive: true, force: true });
	await rename(staging, join(cache.dir, key));
}

/** Removes cached shards this build did not use, so the cache holds one archive's shards. */
async function pruneCache(cache: ShardCache, used: ReadonlySet<string>): Promise<void> {
	for (const name of await readdir(cache.dir).catch(() => [])) {
		if (!used.has(name)) await rm(join(cache.dir, name), { recursive: true, force: true });
	}
}

/** Writes the search index of a built site into `<siteDir>/pagefind/`. */
export async function writeSearchIndex(
	options: WriteSearchIndexOptions,
): Promise<SearchIndexSummary> {
	const pages = indexedPages(options.siteDir, options.pagesStore, options.pageFiles);
	if (pages.length === 0) throw new Error('Pagefind indexed no pages');
	const shards = planShards(pages, shardSizes(options));
	const { cache } = options;
	const postingPages = options.postingPages ?? POSTING_MAX_PAGES;
	if (cache) await mkdir(cache.dir, { recursive: true });
	// Shards are written side by side and moved into place at the end: shard 0 is the
	// folder that holds the others.
	const staging = join(options.siteDir, '.pagefind-staging');
	await rm(staging, { recursive: true, force: true });
	const stagedPath = (number: number) => join(staging, String(number));
	/** Closed shards' cache keys by shard number. */
	const keys = new Map<number, string>();
	const jobs: ShardJob[] = [];
	let reused = 0;
	for (const shard of shards) {
		const key = cache && shard.number > 0 ? shardKey(cache, shard, postingPages) : undefined;
		const cached = cache && key ? await cachedShard(cache, key) : undefined;
		if (key) keys.set(shard.number, key);
		if (cached) {
			// Linked here, not while the other shards are written: their thousands of links then
			// queued on the thread pool ahead of the writer's reads, and no day was faster.
			await linkTree(cached, stagedPath(shard.number));
			reused++;
			continue;
		}
		jobs.push({
			outputPath: stagedPath(shard.number),
			number: shard.number,
			pages: shard.pages.map(({ file, url }) => ({ file, url })),
			postingPages,
		});
	}
	if (reused > 0) options.log?.(`reused ${reused} of ${shards.length} shards from the cache`);
	let written = 0;
	await writeShards(jobs, (job) => {
		written++;
		reportShardsIndexed(written, jobs.length);
		options.log?.(`indexed shard ${written}/${jobs.length}: ${job.pages.length} pages`);
	});
	for (const job of jobs) {
		const key = keys.get(job.number);
		if (cache && key) await storeShard(cache, key, job.outputPath);
	}
	// The table of which shards hold which words is made of the shards' word lists (written
	// with each shard, or cached with it), which then leave the published folder. Its closed
	// shards' part is read from the cache when they are all unchanged.
	const closedPart =
		cache && shards.length > 1
			? await cachedWordPart(cache, shards, keys, postingPages)
			: undefined;
	const wordLists: ShardWords[] = [];
	const nameLists: Map<string, number>[] = [];
	/** Each shard's metadata file, named in the manifest so the search fetches it early. */
	const metadataFiles = new Map<number, string | undefined>();
	for (const shard of shards) {
		const entry = JSON.parse(
			await readFile(join(stagedPath(shard.number), 'pagefind-entry.json'), 'utf8'),
		) as PagefindEntry;
		metadataFiles.set(shard.number, metadataFile(entry));
		const file = join(stagedPath(shard.number), SHARD_WORDS_FILE);
		if (shard.number === 0 || !closedPart?.cached) {
			wordLists.push({ number: shard.number, text: await readFile(file, 'utf8') });
		}
		await rm(file);
		const namesFile = join(stagedPath(shard.number), SHARD_NAMES_FILE);
		nameLists.push(parseShardNameList(await readFile(namesFile, 'utf8')));
		await rm(namesFile);
	}
	await rm(join(options.siteDir, 'pagefind'), { recursive: true, force: true });
	await rename(stagedPath(0), join(options.siteDir, 'pagefind'));
	for (const shard of shards.slice(1)) {
		await rename(
			stagedPath(shard.number),
			join(options.siteDir, ...shardPath(shard.number).split('/')),
		);
	}
	await rm(staging, { recursive: true, force: true });
	const words = await writeWordMap(options.siteDir, wordLists, postingPages, closedPart);
	if (cache) {
		const used = new Set(keys.values());
		if (closedPart) used.add(closedPart.name);
		await pruneCache(cache, used);
	}
	const summaries = shards.map((shard) => {
		const metadata = metadataFiles.get(shard.number);
		return { ...summarizeShard(shard), ...(metadata ? { metadata } : {}) };
	});
	const manifest: ShardManifest = { version: 2, shards: summaries, words };
	await writeFile(
		join(options.siteDir, 'pagefind', SHARD_MANIFEST_FILE),
		`${JSON.stringify(manifest, null, '\t')}\n`,
	);
	await writeNamesFile(options.siteDir, pages, frequentNames(nameLists));
	return { pages: pages.length, shards: manifest.shards, reused };
}

/** The bucket folders of each part of the table, below `/pagefind/`. */
const WORD_PART_FOLDERS = {
	whole: { words: WORD_MAP_FOLDER, postings: POSTINGS_FOLDER },
	recent: { words: `recent-${WORD_MAP_FOLDER}`, postings: `recent-${POSTINGS_FOLDER}` },
} as const;

/** What a cached closed part records of itself beside its two bucket folders. */
const WORD_PART_FILE = 'archive-word-part.json';

/** The closed shards' part of the table in the cache: its entry's folder, and what it holds once there. */
interface ClosedWordPart {
	cache: ShardCache;
	name: string;
	cached?: WordMapPart | undefined;
}

/**
 * The cache entry of the table's closed part: named by a digest of every closed shard's key
 * (each covers the code, the shard's pages and the postings' limit), so it is used only
 * with the very shards it was made from.
 */
async function cachedWordPart(
	cache: ShardCache,
	shards: readonly PlannedShard<PageEntry>[],
	keys: ReadonlyMap<number, string>,
	postingPages: number,
): Promise<ClosedWordPart> {
	const hash = createHash('sha256').update(`words\0${cache.inputsDigest}\0${postingPages}\0`);
	for (const shard of shards.slice(1)) hash.update(`${shard.number}\0${keys.get(shard.number)}\0`);
	const name = `words-${hash.digest('hex')}`;
	try {
		const part = JSON.parse(
			await readFile(join(cache.dir, name, WORD_PART_FILE), 'utf8'),
		) as WordMapPart;
		const complete = await Promise.all([
			hasBuckets(join(cache.dir, name, WORD_PART_FOLDERS.whole.words), part.buckets),
			hasBuckets(join(cache.dir, name, WORD_PART_FOLDERS.whole.postings), part.postings?.buckets),
		]);
		return complete.every(Boolean) ? { cache, name, cached: part } : { cache, name };
	} catch {
		return { cache, name };
	}
}

/** Whether `dir` holds bucket files `0.txt` to `<count - 1>.txt` and nothing else. */
async function hasBuckets(dir: string, count: number | undefined): Promise<boolean> {
	if (count === undefined) return false;
	const names = new Set(await readdir(dir));
	if (names.size !== count) return false;
	for (let number = 0; number < count; number++) if (!names.has(`${number}.txt`)) return false;
	return true;
}

/** Writes one part of the table (bucket files and postings) below `/pagefind/`. */
function writeWordPart(
	siteDir: string,
	folders: { words: string; postings: string },
	lists: readonly ShardWords[],
	postingPages: number,
): WordMapPart {
	const { words, buckets, postingBuckets } = wordMapBuckets(lists, { postingPages });
	for (const [folder, files] of [
		[folders.words, buckets],
		[folders.postings, postingBuckets],
	] as const) {
		const dir = join(siteDir, 'pagefind', folder);
		mkdirSync(dir, { recursive: true });
		// Thousands of small files (15,000 articles: 7,500), one after another: synchronous
		// calls take a fraction of what a promise each on the thread pool takes (0.2–1.1 s
		// against 2.7 s in a day's rebuild there).
		for (const [number, text] of files.entries()) {
			writeFileSync(join(dir, `${number}.txt`), text);
		}
	}
	return {
		path: `/${shardPath(0)}/${folders.words}/`,
		buckets: buckets.length,
		words,
		postings: {
			path: `/${shardPath(0)}/${folders.postings}/`,
			buckets: postingBuckets.length,
			maxPages: postingPages,
		},
	};
}

/**
 * `/pagefind/words/<n>.txt` and `/pagefind/postings/<n>.txt`: which shards hold each index
 * word (`src/search/word-map.ts`). With closed shards, in two parts: theirs (linked from the
 * cache when `closed` holds it, else written and then cached) and shard 0's
 * (`recent-words/`, `recent-postings/`), so that a day's build merges and writes only the
 * newest shard's words.
 */
async function writeWordMap(
	siteDir: string,
	lists: readonly ShardWords[],
	postingPages: number,
	closed: ClosedWordPart | undefined,
): Promise<WordMapSummary> {
	const recentList = lists.filter((list) => list.number === 0);
	const closedLists = lists.filter((list) => list.number > 0);
	if (!closed?.cached && closedLists.length === 0) {
		return writeWordPart(siteDir, WORD_PART_FOLDERS.whole, recentList, postingPages);
	}
	let part = closed?.cached;
	if (closed && part) {
		for (const folder of Object.values(WORD_PART_FOLDERS.whole)) {
			await linkTree(
				join(closed.cache.dir, closed.name, folder),
				join(siteDir, 'pagefind', folder),
			);
		}
	} else {
		part = writeWordPart(siteDir, WORD_PART_FOLDERS.whole, closedLists, postingPages);
		if (closed) await storeWordPart(closed, siteDir, part);
	}
	const recent = writeWordPart(siteDir, WORD_PART_FOLDERS.recent, recentList, postingPages);
	return { ...part, recent };
}

/** Keeps the closed part just written, renamed into place once complete (as a shard is). */
async function storeWordPart(
	{ cache, name }: ClosedWordPart,
	siteDir: string,
	part: WordMapPart,
): Promise<void> {
	const staging = join(cache.dir, `${name}.partial`);
	await rm(staging, { recursive: true, force: true });
	for (const folder of Object.values(WORD_PART_FOLDERS.whole)) {
		await linkTree(join(siteDir, 'pagefind', folder), join(staging, folder));
	}
	await writeFile(join(staging, WORD_PART_FILE), `${JSON.stringify(part)}\n`);
	await rm(join(cache.dir, name), { recursive: true, force: true });
	await rename(staging, join(cache.dir, name));
}

/**
 * `/pagefind/names.json`: names with their pinyin, for suggesting a name that sounds like a
 * word found nowhere (`src/search/suggest.ts`): the people's first, then the names the
 * text mentions most (`frequent-names.ts`). A few dozen bytes a name.
 */
async function writeNamesFile(
	siteDir: string,
	pages: readonly PageEntry[],
	mentioned: readonly string[],
): Promise<void> {
	const names: KnownName[] = [];
	for (const page of pages) {
		if (!/^\/people\/[^/]+\/$/.test(page.url)) continue;
		const html = await readFile(page.file, 'utf8');
		const title = /<meta property="og:title" content="([^"]+)"/.exec(html)?.[1];
		if (!title) continue;
		const name = title.trim();
		names.push({ name, pinyin: pinyin(name, { toneType: 'none' }) });
	}
	const people = new Set(names.map((entry) => entry.name));
	for (const name of mentioned) {
		if (!people.has(name)) names.push({ name, pinyin: pinyin(name, { toneType: 'none' }) });
	}
	const file: NamesFile = { version: 1, names };
	await writeFile(join(siteDir, 'pagefind', NAMES_FILE), `${JSON.stringify(file)}\n`);
}

/** Builds the search index over the rendered pages after every `astro build`. */
export function pagefindIndex(): AstroIntegration {
	let cacheDir: string | undefined;
	let publicDir = '';
	return {
		name: 'archive:pagefind',
		hooks: {
			'astro:config:done': ({ config }) => {
				cacheDir = fileURLToPath(config.cacheDir);
				publicDir = fileURLToPath(config.publicDir);
			},
			'astro:build:done': async ({ dir, assets, logger }) => {
				const siteDir = fileURLToPath(dir);
				// Astro's outputs (kept and rendered pages) and public/: nothing before this hook
				// writes a page.
				const pageFiles = filesBelow(publicDir);
				for (const urls of assets.values())
					for (const url of urls)
						pageFiles.push(relative(siteDir, fileURLToPath(url)).split(sep).join('/'));
				const inputsDigest = await searchIndexCodeDigest();
				const cache = cacheDir
					? { dir: join(cacheDir, SHARD_CACHE_FOLDER), inputsDigest }
					: undefined;
				const pagesStore = cacheDir
					? await CheckCache.open<IndexedPageFacts>(
							checkCacheFile(cacheDir, 'search-pages'),
							await codeDigest([fileURLToPath(import.meta.url)], [LOCK_FILE], [inputsDigest]),
						)
					: undefined;
				const summary = await writeSearchIndex({
					siteDir,
					cache,
					pagesStore,
					pageFiles,
					log: (message) => logger.info(message),
				});
				await pagesStore?.save().catch((error: unknown) => {
					logger.warn(`page store not saved: ${(error as Error).message}`);
				});
				logger.info(
					`indexed ${summary.pages} pages in ${summary.shards.length} shard(s), ${summary.reused} reused`,
				);
			},
		},
	};
}
