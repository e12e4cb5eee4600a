import { parentPort, workerData } from 'node:worker_threads';
import {
	discardOutput,
	placeCachedPages,
	type EarlyPlacementReply,
	type EarlyPlacementRequest,
} from './fresh-out-dir.ts';

/**
 * A worker thread that empties the output folder by moving it aside and puts the cached
 * pages in place (steps 1 and 2 of fresh-out-dir.ts) while the main thread is in content
 * sync, once the caches are checked and the content is valid; it answers with the pages
 * placed, or the error.
 */

const { outDir, discardDir, cachedPages, publicDir, keptFiles } =
	workerData as EarlyPlacementRequest;
let reply: EarlyPlacementReply;
try {
	const discarded = discardOutput(outDir, discardDir);
	const pages = placeCachedPages(
		cachedPages,
		outDir,
		discarded,
		publicDir,
		discarded ? new Set(keptFiles) : undefined,
	);
	reply = { ok: true, ...pages, placed: [...pages.placed] };
} catch (error) {
	reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(reply);
