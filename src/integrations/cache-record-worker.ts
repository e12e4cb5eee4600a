import { parentPort, workerData } from 'node:worker_threads';
import { adoptVerified, settledRecordedFiles } from '../cache/integrity.ts';
import type { RecordReply, RecordRequest } from './cache-integrity.ts';

/**
 * A worker thread that takes the integrity record's entries of every cached file
 * (`workerData`: the cache folder, the digests the build verified, the files to leave to
 * the main thread, when the build asked) while the main thread checks the built site
 * (`cacheRecord()` in cache-integrity.ts), and answers with them.
 */

const { cacheDir, verified, except, askedAtMs } = workerData as RecordRequest;
let reply: RecordReply;
try {
	adoptVerified(undefined, verified);
	reply = { ok: true, files: await settledRecordedFiles(cacheDir, new Set(except), askedAtMs) };
} catch (error) {
	reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(reply);
