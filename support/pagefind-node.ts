/**
 * Runs a built site's own Pagefind bundle in Node, as docs/stack-facts.md ("Search can be tested
 * in Node") describes, for the tests, the archive's own search (`src/search/`) and
 * stock Pagefind side by side (`npm run eval:search`): each load is a fresh copy of the
 * module (a query string on its URL), `fetch` reads `file://` URLs from disk.
 *
 * - `loadSiteSearch` reads the archive's index with no page language, so Pagefind passes
 *   the query's index words through as given (as in the search page's worker, which has
 *   no document), or with `pageLanguage: 'zh-CN'` for stock Pagefind, which then segments
 *   queries as a Chinese page in a browser does. With `wordMap` the sharded index also
 *   reads the table of which shards hold which words, as the search page's worker does;
 *   with `fragments` too it reads pages' fragments from disk, so that a query whose words
 *   are all rare is answered from its postings, as in the worker (`posting-search.ts`).
 * - `loadPagefind` is the tests' view of one bundle: `document` says `<html lang>` for as
 *   long as it is open, and every result comes with its data loaded.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fragmentJson } from '../src/integrations/pagefind-fragments.ts';
import type { PagefindApi, PagefindFragment } from '../src/search/engine.ts';
import type { ShardedIndex } from '../src/search/sharded-search.ts';
import {
	SHARD_MANIFEST_FILE,
	singleShardManifest,
	type ShardManifest,
} from '../src/search/shards.ts';
import { WordMap } from '../src/search/word-map.ts';

export interface LoadedPagefind {
	api: PagefindApi;
	/** Numbers of the shards loaded, newest first (`[0]` for stock Pagefind). */
	shards: number[];
	/** With `lazy`: shard 0 alone, and the way to merge the others as a reader's browser does. */
	index: ShardedIndex;
	close(): Promise<void>;
}

interface PagefindModule extends PagefindApi {
	options(options: Record<string, unknown>): Promise<void>;
	init(): Promise<void>;
	mergeIndex(path: string, options?: Record<string, unknown>): Promise<void>;
	filters(): Promise<PagefindFilterCounts>;
	destroy(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
	'.js': 'text/javascript',
	'.json': 'application/json',
	'.pagefind': 'application/wasm',
};

let fetchInstalled = false;

/** Lets Pagefind `fetch` its files from disk (`file://` URLs); other URLs go to the real fetch. */
function installFileFetch(): void {
	if (fetchInstalled) return;
	fetchInstalled = true;
	const original = globalThis.fetch;
	globalThis.fetch = async (input, init) => {
		const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
		if (!href.startsWith('file:')) return original(input, init);
		const url = new URL(href);
		url.search = '';
		url.hash = '';
		const path = fileURLToPath(url);
		try {
			const extension = path.slice(path.lastIndexOf('.'));
			return new Response(await readFile(path), {
				status: 200,
				headers: { 'content-type': CONTENT_TYPES[extension] ?? 'application/octet-stream' },
			});
		} catch {
			return new Response(`not found: ${path}`, { status: 404, statusText: 'Not Found' });
		}
	};
}

/** The minimal document Pagefind looks at: no current script, and the page language. */
function minimalDocument(lang: string) {
	const html = { lang, getAttribute: (name: string) => (name === 'lang' ? lang : null) };
	return {
		currentScript: null,
		documentElement: html,
		querySelector: (selector: string) => (selector === 'html' ? html : null),
	};
}

let loads = 0;

/**
 * Loads `<siteDir>/pagefind/`, merging the other shards the manifest lists.
 * `pageLanguage` is the `<html lang>` Pagefind sees; leave it out for the archive's search.
 */
export async function loadSiteSearch(
	siteDir: string,
	{
		pageLanguage,
		bundle = 'pagefind',
		lazy = false,
		wordMap = false,
		fragments = false,
	}: {
		pageLanguage?: string;
		bundle?: string;
		lazy?: boolean;
		wordMap?: boolean;
		fragments?: boolean;
	} = {},
): Promise<LoadedPagefind & { module: PagefindModule }> {
	if ('window' in globalThis) throw new Error('Pagefind must be loaded without a `window` global');
	installFileFetch();
	const bundleDir = join(siteDir, bundle);
	const globals = globalThis as { document?: unknown };
	const hadDocument = 'document' in globals;
	const previous = globals.document;
	if (pageLanguage) globals.document = minimalDocument(pageLanguage);
	else delete globals.document;
	try {
		const url = `${pathToFileURL(join(bundleDir, 'pagefind.js')).href}?load=${++loads}`;
		const module = (await import(/* @vite-ignore */ url)) as PagefindModule;
		await module.options({ basePath: `${pathToFileURL(bundleDir).href}/`, baseUrl: '/' });
		await module.init();
		const manifest = await readFile(join(bundleDir, SHARD_MANIFEST_FILE), 'utf8').then(
			(text) => JSON.parse(text) as ShardManifest,
			() => singleShardManifest(`/${bundle}/`),
		);
		const index: ShardedIndex = {
			api: module,
			manifest,
			merge: (shard) =>
				module.mergeIndex(`${pathToFileURL(join(siteDir, shard.path)).href}`, { baseUrl: '/' }),
			words:
				wordMap && manifest.words
					? new WordMap(manifest.words, (path) => readFile(join(siteDir, path), 'utf8'))
					: undefined,
			fragment: fragments
				? async (shard, page) =>
						JSON.parse(
							fragmentJson(
								await readFile(join(siteDir, shard.path, 'fragment', `${page}.pf_fragment`)),
							),
						) as PagefindFragment
				: undefined,
		};
		if (!lazy) for (const shard of manifest.shards.slice(1)) await index.merge(shard);
		// The first search loads the metadata and the WebAssembly module.
		await module.search('');
		return {
			api: module,
			module,
			shards: lazy ? [0] : manifest.shards.map((shard) => shard.number),
			index,
			close: () => module.destroy(),
		};
	} finally {
		if (hadDocument) globals.document = previous;
		else delete globals.document;
	}
}

export interface PagefindSubResult {
	title: string;
	url: string;
	excerpt: string;
}

export interface PagefindData {
	url: string;
	content: string;
	excerpt: string;
	word_count: number;
	filters: Record<string, string[]>;
	meta: Record<string, string>;
	sub_results?: PagefindSubResult[];
}

export interface PagefindResult {
	id: string;
	score: number;
	words: number[];
	/** The page's data, already loaded. */
	data: PagefindData;
}

export interface PagefindSearchOptions {
	filters?: Record<string, unknown>;
	sort?: Record<string, 'asc' | 'desc'>;
}

export type PagefindFilterCounts = Record<string, Record<string, number>>;

export interface PagefindSearchResponse {
	results: PagefindResult[];
	unfilteredResultCount: number;
	filters: PagefindFilterCounts;
	totalFilters: PagefindFilterCounts;
}

export interface NodePagefind {
	search(query: string | null, options?: PagefindSearchOptions): Promise<PagefindSearchResponse>;
	/** Every filter and how many pages carry each value. */
	filters(): Promise<PagefindFilterCounts>;
	/** URLs of every result of a query, data loaded. */
	urls(query: string | null, options?: PagefindSearchOptions): Promise<string[]>;
	/** Puts `document` back as it was. */
	close(): Promise<void>;
}

/**
 * Loads `<distDir>/pagefind/` (shard 0 alone) with `document` saying `<html lang>` for as
 * long as it is open, so that queries are segmented as in a page of that language.
 * Only one should be open at a time.
 */
export async function loadPagefind(
	distDir: string,
	{ lang = 'zh-CN' } = {},
): Promise<NodePagefind> {
	const globals = globalThis as { document?: unknown };
	const hadDocument = 'document' in globals;
	const previous = globals.document;
	globals.document = minimalDocument(lang);
	const { module } = await loadSiteSearch(distDir, { pageLanguage: lang, lazy: true });

	const search = async (
		query: string | null,
		options?: PagefindSearchOptions,
	): Promise<PagefindSearchResponse> => {
		// Pagefind takes any filter shape (arrays, any/all/not); the engine's type is narrower.
		const response = await module.search(query, options as never);
		if (!response) return { results: [], unfilteredResultCount: 0, filters: {}, totalFilters: {} };
		const results = await Promise.all(
			response.results.map(async (result) => ({
				id: result.id,
				score: result.score,
				words: result.words,
				data: (await result.data()) as unknown as PagefindData,
			})),
		);
		return {
			results,
			unfilteredResultCount: response.unfilteredResultCount,
			filters: response.filters,
			totalFilters: response.totalFilters,
		};
	};

	return {
		search,
		filters: () => module.filters(),
		urls: async (query, options) =>
			(await search(query, options)).results.map((result) => result.data.url),
		close: async () => {
			await module.destroy();
			if (hadDocument) globals.document = previous;
			else delete globals.document;
		},
	};
}
