import { parentPort, workerData } from 'node:worker_threads';
import { unpackItemFiles, type UnpackReply } from './item-files.ts';

/**
 * A worker thread that unpacks the item-file bundles of the built site (`workerData`, its
 * folder) while the main thread goes on with the hooks after the pages (`itemFiles()` in
 * item-files.ts), and answers with the count and its time, or the error.
 */

const started = performance.now();
const cpu = process.threadCpuUsage();
unpackItemFiles(workerData as string).then(
	({ bundles, files }) => {
		const used = process.threadCpuUsage(cpu);
		parentPort?.postMessage({
			ok: true,
			bundles,
			files,
			seconds: (performance.now() - started) / 1000,
			cpuSeconds: (used.user + used.system) / 1e6,
		} satisfies UnpackReply);
	},
	(error: unknown) =>
		parentPort?.postMessage({
			ok: false,
			error: error instanceof Error ? error.message : String(error),
		} satisfies UnpackReply),
);
