import { parentPort, workerData } from 'node:worker_threads';
import {
	runContentChecks,
	type ContentCheckReply,
	type ContentCheckRequest,
} from './content-guard.ts';

/**
 * A worker thread that runs the content checks (`workerData`: the content folder, the
 * project folder and the cache file) while the main thread goes on with Astro's work up to
 * and through content sync (`contentGuard()` in content-guard.ts), and answers with the
 * problems found, or the error.
 */

runContentChecks(workerData as ContentCheckRequest).then(
	(reply) => parentPort?.postMessage(reply),
	(error: unknown) =>
		parentPort?.postMessage({
			ok: false,
			error: error instanceof Error ? error.message : String(error),
		} satisfies ContentCheckReply),
);
