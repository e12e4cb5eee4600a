/**
 * The search runs here, off the page's main thread. Pagefind's own bundle is loaded
 * into this worker, where there is no `document`: Pagefind then takes the query's
 * index words as given instead of cutting Chinese into single characters with
 * `Intl.Segmenter` (it does that only for a page whose `<html lang>` is `zh`).
 */

import { resultViews, search, type PagefindApi, type SearchOutcome } from '../search/engine.ts';
import { SHARD_MANIFEST_FILE, type ShardManifest } from '../search/shards.ts';
import { RESULTS_PAGE_SIZE, type WorkerRequest, type WorkerResponse } from './search-protocol.ts';

interface PagefindModule extends PagefindApi {
	options(options: Record<string, unknown>): Promise<void>;
	mergeIndex(path: string): Promise<void>;
}

const BUNDLE = '/pagefind/';

let pagefind: Promise<{ api: PagefindApi; shards: number }> | undefined;
let latest: SearchOutcome | undefined;

async function loadPagefind(): Promise<{ api: PagefindApi; shards: number }> {
	// The index is written after the site is bundled, so it is loaded at run time.
	const url = `${BUNDLE}pagefind.js`;
	const module = (await import(/* @vite-ignore */ url)) as PagefindModule;
	await module.options({ basePath: BUNDLE, baseUrl: '/' });
	const manifest = await fetch(`${BUNDLE}${SHARD_MANIFEST_FILE}`).then((response) =>
		response.ok ? (response.json() as Promise<ShardManifest>) : undefined,
	);
	for (const shard of manifest?.shards.slice(1) ?? []) await module.mergeIndex(shard.path);
	return { api: module, shards: manifest?.shards.length ?? 1 };
}

function reply(message: WorkerResponse): void {
	self.postMessage(message);
}

self.addEventListener('message', (event: MessageEvent<WorkerRequest>) => {
	const message = event.data;
	void (async () => {
		try {
			pagefind ??= loadPagefind();
			const { api, shards } = await pagefind;
			if (message.type === 'warm') {
				await api.filters();
			} else if (message.type === 'search') {
				const outcome = await search(api, message.request, { shards });
				latest = outcome;
				const views = await resultViews(outcome, 0, RESULTS_PAGE_SIZE);
				reply({
					id: message.id,
					type: 'results',
					views,
					summary: {
						words: outcome.query.words,
						ignoredWords: outcome.query.ignoredWords,
						total: outcome.hits.length,
						counts: outcome.counts,
						countsApproximate: outcome.countsApproximate,
						missingWords: outcome.missingWords,
						problem: outcome.problem,
					},
				});
			} else if (message.type === 'more' && latest) {
				const views = await resultViews(latest, message.start, RESULTS_PAGE_SIZE);
				reply({ id: message.id, type: 'more', views });
			}
		} catch (error) {
			reply({ id: message.id, type: 'error', message: String(error) });
		}
	})();
});
