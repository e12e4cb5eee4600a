import { availableParallelism } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import sharp from 'sharp';
import { fillCache, type FillReply, type FillRequest } from './page-images.ts';

/**
 * A worker thread that fills the page-image cache while Astro builds the pages
 * (`startFilling` in page-images.ts): one libvips thread until told to widen, then one per
 * core. libvips' thread count is per process, and the main thread only reads image sizes.
 */

const { root, cacheDir } = workerData as FillRequest;
sharp.concurrency(1);
const wide = new Promise<void>((resolve) => {
	parentPort?.once('message', () => {
		sharp.concurrency(availableParallelism());
		resolve();
	});
});
fillCache(root, cacheDir, wide).then(
	(filled) => parentPort?.postMessage({ ok: true, filled } satisfies FillReply),
	(error: unknown) =>
		parentPort?.postMessage({
			ok: false,
			error: error instanceof Error ? (error.stack ?? error.message) : String(error),
		} satisfies FillReply),
);
