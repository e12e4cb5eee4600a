/**
 * Fetches started ahead of the code that will ask for them, in the search worker.
 *
 * Pagefind asks for its files one after another: its entry file once its script has
 * loaded, its metadata and WebAssembly once the entry file has, a merged shard's
 * metadata once that shard's entry file has. The names of most of them are known
 * sooner (`pagefind-entry.json` and `wasm.unknown.pagefind` are fixed; the metadata's
 * is in the entry file), so the worker starts those fetches itself (`fetchEarly`) and
 * Pagefind's own `fetch` of the same path is handed the response already on its way
 * (`installEarlyFetch`). Pagefind has no option to fetch through a function of ours,
 * hence the worker's global `fetch` is wrapped; only same-origin paths fetched early
 * are answered from here, each once, and everything else goes to the network as before.
 *
 * The index chunks a query needs are named in a bundle's metadata (`index-chunks.ts`):
 * once the query's index words are known (`searchTerms`) and a bundle that will be
 * searched (`willSearch`) has its metadata here, its chunks for those words are fetched
 * too, while Pagefind's WebAssembly still compiles or its metadata is still being read.
 */

import { chunksFor, chunksFromMetadata, type IndexChunk } from '../index-chunks.ts';
import { metadataFile, type PagefindEntry } from '../pagefind-files.ts';
import { pagefindBytes } from './pagefind-bytes.ts';

/** Responses started early, by site path (the query string is not part of the key). */
const early = new Map<string, Promise<Response>>();

/** Paths already fetched through `fetch`: fetching them early again would load them twice. */
const requested = new Set<string>();

let network: typeof fetch | undefined;

function pathOf(input: RequestInfo | URL): string | undefined {
	const url = new URL(input instanceof Request ? input.url : String(input), self.location.href);
	return url.origin === self.location.origin ? url.pathname : undefined;
}

/**
 * Routes `fetch` through the responses started early. The first fetch of such a path
 * gets that response; a later one (a retry) goes to the network.
 */
export function installEarlyFetch(): void {
	if (network) return;
	const original = self.fetch.bind(self);
	network = original;
	self.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
		const path = pathOf(input);
		if (path !== undefined) requested.add(path);
		const started = path === undefined ? undefined : early.get(path);
		if (!started || (init?.method && init.method !== 'GET')) {
			return path === undefined ? original(input, init) : observed(path, original(input, init));
		}
		early.delete(path!);
		return started;
	};
}

/**
 * Starts fetching a site path now, unless it already is; the next `fetch` of the path
 * (by anyone) gets this response. Resolves to a copy for the caller's own use, or to
 * undefined when the path was fetched already (then that fetch has it).
 */
export function fetchEarly(path: string): Promise<Response | undefined> {
	let started = early.get(path);
	if (!started) {
		if (requested.has(path)) return Promise.resolve(undefined);
		started = observed(path, (network ?? fetch)(path));
		early.set(path, started);
		// A failed fetch is not kept: the code that asks for the file later tries again.
		started.catch(() => early.delete(path));
	}
	return started.then((response) => response.clone());
}

/** Site path of the metadata file Pagefind will load for a bundle, from its entry file. */
export function metadataPath(bundle: string, entry: PagefindEntry): string | undefined {
	const file = metadataFile(entry);
	return file && `${bundle}${file}`;
}

/** Bundles whose files were asked for early: each once, even after Pagefind took them. */
const bundlesStarted = new Set<string>();

/**
 * Starts loading a Pagefind bundle's entry file, then its metadata, before Pagefind asks
 * for them (`mergeIndex` of a shard, or Pagefind's start with `wasm` true for shard 0,
 * whose WebAssembly is fetched at once too). When the shard manifest names the metadata
 * file (`metadata`), it is fetched at once with the entry file, not one round trip after.
 */
export function fetchBundleEarly(bundle: string, wasm = false, metadata?: string): void {
	if (bundlesStarted.has(bundle)) return;
	bundlesStarted.add(bundle);
	if (wasm) void fetchEarly(`${bundle}wasm.unknown.pagefind`).catch(() => {});
	if (metadata) void fetchEarly(`${bundle}${metadata}`).catch(() => {});
	fetchEarly(`${bundle}pagefind-entry.json`)
		.then((response) => (response?.ok ? (response.json() as Promise<PagefindEntry>) : undefined))
		.then((entry) => {
			const path = entry && metadataPath(bundle, entry);
			if (path) void fetchEarly(path).catch(() => {});
		})
		.catch(() => {});
}

/** The query's index words, whose chunks are fetched early. */
let wanted: readonly string[] = [];
/** Bundles that will be searched: shard 0, shards merged or sure to be. */
const searched = new Set<string>();
/** Each bundle's chunk table, once its metadata has been read. */
const tables = new Map<string, IndexChunk[]>();
/** Bundles whose metadata is being read (once each). */
const reading = new Set<string>();

function bundleOf(path: string): string {
	return path.slice(0, path.lastIndexOf('/') + 1);
}

/** A metadata response is read for its chunk table on the way (a copy; the caller gets it whole). */
function observed(path: string, response: Promise<Response>): Promise<Response> {
	if (!path.endsWith('.pf_meta')) return response;
	const bundle = bundleOf(path);
	if (reading.has(bundle)) return response;
	reading.add(bundle);
	return response.then((whole) => {
		if (whole.ok) void readChunkTable(bundle, whole.clone()).catch(() => reading.delete(bundle));
		else reading.delete(bundle);
		return whole;
	});
}

async function readChunkTable(bundle: string, response: Response): Promise<void> {
	tables.set(bundle, chunksFromMetadata(await pagefindBytes(response)));
	fetchChunksEarly(bundle);
}

function fetchChunksEarly(bundle: string): void {
	const table = tables.get(bundle);
	if (!table || !searched.has(bundle) || wanted.length === 0) return;
	for (const hash of chunksFor(table, wanted)) {
		void fetchEarly(`${bundle}index/${hash}.pf_index`).catch(() => {});
	}
}

/** The index words of the query about to be searched: their chunks load as soon as known. */
export function searchTerms(terms: readonly string[]): void {
	wanted = [...new Set(terms)];
	for (const bundle of searched) fetchChunksEarly(bundle);
}

/** A bundle that will be searched (merged, or sure to be): its chunks for the query load early. */
export function willSearch(bundle: string): void {
	searched.add(bundle);
	fetchChunksEarly(bundle);
}
