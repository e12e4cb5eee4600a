/**
 * The search page's script: starts the search worker first, with nothing to load before
 * it, so that the worker's own loading (Pagefind's script, WebAssembly, metadata, the
 * shard manifest) runs while the page's code (`search-page.ts`, imported after) loads.
 * A worker started from `search-page.ts` itself waited for that module and its imports.
 * Its name is the query the page was opened with (`?q=`), so that it can fetch what that
 * query needs before the page's first message arrives.
 */

performance.mark('search:page started');
const worker = new Worker(new URL('./search-worker.ts', import.meta.url), {
	type: 'module',
	name: new URLSearchParams(location.search).get('q') ?? '',
});
void import('./search-page.ts').then(({ startSearchPage }) => startSearchPage(worker));
