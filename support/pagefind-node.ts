import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { scratchDir } from './build-site.ts';

/**
 * Runs a built site's own Pagefind bundle in Node, as docs/stack-facts.md ("Search can be tested
 * in Node") describes: the bundle is loaded from a folder whose package.json says
 * `"type": "module"`, `fetch` reads `file://` URLs from disk, and a minimal `document`
 * says `<html lang="zh-CN">` so that queries are segmented as in a browser. `window`
 * is left undefined, so Pagefind does not take the browser (worker) path.
 */

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
	/** Puts `fetch` and `document` back as they were and removes the bundle's copy. */
	close(): Promise<void>;
}

interface PagefindModule {
	options(options: Record<string, unknown>): Promise<void>;
	init(): Promise<void>;
	search(
		query: string | null,
		options?: PagefindSearchOptions,
	): Promise<{
		results: { id: string; score: number; words: number[]; data: () => Promise<PagefindData> }[];
		unfilteredResultCount: number;
		filters: PagefindFilterCounts;
		totalFilters: PagefindFilterCounts;
	} | null>;
	filters(): Promise<PagefindFilterCounts>;
	destroy?(): Promise<void>;
}

const CONTENT_TYPES: Record<string, string> = {
	'.js': 'text/javascript',
	'.json': 'application/json',
	'.pagefind': 'application/wasm',
};

/** A `fetch` that serves `file://` URLs from disk and hands every other URL to the original. */
function fileFetch(original: typeof fetch): typeof fetch {
	return async (input, init) => {
		const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
		if (!href.startsWith('file:')) return original(input, init);
		const url = new URL(href);
		url.search = '';
		url.hash = '';
		const path = fileURLToPath(url);
		try {
			const body = await readFile(path);
			const extension = path.slice(path.lastIndexOf('.'));
			return new Response(body, {
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
	const html = {
		lang,
		getAttribute: (name: string) => (name === 'lang' ? lang : null),
	};
	return {
		currentScript: null,
		documentElement: html,
		querySelector: (selector: string) => (selector === 'html' ? html : null),
	};
}

/**
 * Loads `<distDir>/pagefind/pagefind.js` in this process. Only one instance should be
 * open at a time (it sets `globalThis.fetch` and `globalThis.document`).
 */
export async function loadPagefind(
	distDir: string,
	{ lang = 'zh-CN', baseUrl = '/' } = {},
): Promise<NodePagefind> {
	if ('window' in globalThis) throw new Error('Pagefind must be loaded without a `window` global');
	const folder = await scratchDir('pagefind-node');
	const bundle = join(folder, 'pagefind');
	await cp(join(distDir, 'pagefind'), bundle, { recursive: true });
	await writeFile(join(folder, 'package.json'), JSON.stringify({ type: 'module' }));

	const globals = globalThis as { fetch: typeof fetch; document?: unknown };
	const originalFetch = globals.fetch;
	const hadDocument = 'document' in globalThis;
	const originalDocument = globals.document;
	globals.fetch = fileFetch(originalFetch);
	globals.document = minimalDocument(lang);

	const pagefind = (await import(
		/* @vite-ignore */ pathToFileURL(join(bundle, 'pagefind.js')).href
	)) as PagefindModule;
	await pagefind.options({ basePath: `${pathToFileURL(bundle).href}/`, baseUrl });
	await pagefind.init();
	// The first search loads the index and the WebAssembly module.
	await pagefind.search('');

	const search = async (
		query: string | null,
		options?: PagefindSearchOptions,
	): Promise<PagefindSearchResponse> => {
		const response = await pagefind.search(query, options);
		if (!response) return { results: [], unfilteredResultCount: 0, filters: {}, totalFilters: {} };
		const results = await Promise.all(
			response.results.map(async (result) => ({
				id: result.id,
				score: result.score,
				words: result.words,
				data: await result.data(),
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
		filters: () => pagefind.filters(),
		urls: async (query, options) =>
			(await search(query, options)).results.map((result) => result.data.url),
		close: async () => {
			await pagefind.destroy?.();
			globals.fetch = originalFetch;
			if (hadDocument) globals.document = originalDocument;
			else delete globals.document;
			await rm(folder, { recursive: true, force: true });
		},
	};
}
