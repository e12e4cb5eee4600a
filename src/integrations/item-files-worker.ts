import { parentPort, workerData } from 'node:worker_threads';
import { unpackItemFiles, type UnpackReply } from './item-files.ts';

/**
 * A worker thread that unpacks the item-file bundles of the built site (`workerData`, its
 * folder) while the main thread goes on with the hooks after the pages (`itemFiles()` in
 * item-files.ts), and answers with the count or the error.
 */

unpackItemFiles(workerData as string).then(
	({ bundles, files }) =>
		parentPort?.postMessage({ ok: true, bundles, files } satisfies UnpackReply),
	(error: unknown) =>
		parentPort?.postMessage({
			ok: false,
			error: error instanceof Error ? error.message : String(error),
		} satisfies UnpackReply),
);
