import { parentPort, workerData } from 'node:worker_threads';
import { healCaches, verifiedFiles } from '../cache/integrity.ts';
import type { LateHealReply } from './cache-integrity.ts';

/**
 * A worker thread that checks the late part of the caches (`workerData`: Astro's cache
 * folder) while the main thread starts Astro and loads content (`healCachesFirst()` in
 * cache-integrity.ts), and answers with its report and the digests it verified.
 */

let reply: LateHealReply;
try {
	const report = healCaches(workerData as string, 'late');
	reply = { ok: true, report, verified: verifiedFiles('late') };
} catch (error) {
	reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(reply);
