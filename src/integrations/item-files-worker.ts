import { parentPort, workerData } from 'node:worker_threads';
import { readItemFilesRecord } from '../cache/item-files-record.ts';
import { unpackItemFiles, type UnpackReply, type UnpackRequest } from './item-files.ts';

/**
 * A worker thread that unpacks the item-file bundles of the built site (`workerData`: its
 * folder and the last build's record) while the main thread goes on with the hooks after the
 * pages (`itemFiles()` in item-files.ts), and answers with what it did and its time, or the
 * error.
 */

const started = performance.now();
const cpu = process.threadCpuUsage();
const { distDir, recordPath } = workerData as UnpackRequest;
const record = recordPath ? readItemFilesRecord(recordPath) : undefined;
unpackItemFiles(distDir, record).then(
	(summary) => {
		const used = process.threadCpuUsage(cpu);
		parentPort?.postMessage({
			ok: true,
			...summary,
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
