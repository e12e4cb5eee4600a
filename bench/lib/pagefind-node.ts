/**
 * Loads a built site's Pagefind bundle into this Node process, as docs/stack-facts.md ("Search
 * can be tested in Node") describes, for the archive's own search (`src/search/`) and
 * for stock Pagefind side by side: each load is a fresh copy of the module.
 *
 * - The archive's index is read with no page language, so Pagefind passes the query's
 *   index words through as given (as in the search page's worker, which has no document).
 * - Stock Pagefind is read with `<html lang="zh-CN">`, so it segments queries as a
 *   Chinese page in a browser does.
 */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { PagefindApi } from '../../src/search/engine.ts';
import type { ShardedIndex } from '../../src/search/sharded-search.ts';
import {
	SHARD_MANIFEST_FILE,
	singleShardManifest,
	type ShardManifest,
} from '../../src/search/shards.ts';

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
	destroy(): Promise<void>;
}

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
		try {
			return new Response(await readFile(fileURLToPath(url)));
		} catch {
			return new Response('not found', { status: 404, statusText: 'Not Found' });
		}
	};
}

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
	}: { pageLanguage?: string; bundle?: string; lazy?: boolean } = {},
): Promise<LoadedPagefind> {
	if ('window' in globalThis) throw new Error('Pagefind must be loaded without a `window` global');
	installFileFetch();
	const bundleDir = join(siteDir, bundle);
	const globals = globalThis as { document?: unknown };
	const hadDocument = 'document' in globals;
	const previous = globals.document;
	if (pageLanguage) globals.document = minimalDocument(pageLanguage);
	else delete globals.document;
	try {
		// A query string makes each load its own module instance with its own state.
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
		};
		if (!lazy) for (const shard of manifest.shards.slice(1)) await index.merge(shard);
		// The first search loads the metadata and the WebAssembly module.
		await module.search('');
		return {
			api: module,
			shards: lazy ? [0] : manifest.shards.map((shard) => shard.number),
			index,
			close: () => module.destroy(),
		};
	} finally {
		if (hadDocument) globals.document = previous;
		else delete globals.document;
	}
}
