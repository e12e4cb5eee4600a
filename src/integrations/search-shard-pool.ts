import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { envWithoutSecrets } from './child-env.ts';
import type { ShardWorkerReply } from './search-shard-worker.ts';
import { writeShard, type ShardJob } from './search-shard-writer.ts';

/**
 * Writes shards in parallel, in worker threads, each worker one shard at a time: memory
 * stays bounded by `workers` shards. With one worker the shards are written in this
 * process. `ARCHIVE_SEARCH_WORKERS` sets the number; by default one per core, at most 4.
 */

export const MAX_DEFAULT_WORKERS = 4;

export function shardWorkers(jobs: number): number {
	const fromEnvironment = Number(process.env.ARCHIVE_SEARCH_WORKERS);
	const wanted =
		Number.isInteger(fromEnvironment) && fromEnvironment > 0
			? fromEnvironment
			: Math.min(availableParallelism(), MAX_DEFAULT_WORKERS);
	return Math.max(1, Math.min(wanted, jobs));
}

function runInWorker(worker: Worker, job: ShardJob): Promise<void> {
	return new Promise((resolve, reject) => {
		const onError = (error: Error) => {
			worker.off('message', onMessage);
			reject(error);
		};
		const onMessage = (reply: ShardWorkerReply) => {
			worker.off('error', onError);
			if (reply.ok) resolve();
			else reject(new Error(`search shard ${job.number}: ${reply.error}`));
		};
		worker.once('message', onMessage);
		worker.once('error', onError);
		worker.postMessage(job);
	});
}

/** Writes every job; `onDone` is told of each as it finishes. Rejects on the first failure. */
export async function writeShards(
	jobs: readonly ShardJob[],
	onDone: (job: ShardJob) => void = () => {},
): Promise<void> {
	const workers = shardWorkers(jobs.length);
	// The largest first, so that no worker is left with a large shard at the end.
	const queue = [...jobs].sort((a, b) => b.pages.length - a.pages.length);
	if (workers <= 1) {
		for (const job of queue) {
			await writeShard(job);
			onDone(job);
		}
		return;
	}
	const pool = Array.from(
		{ length: workers },
		() =>
			new Worker(new URL('./search-shard-worker.ts', import.meta.url), {
				env: envWithoutSecrets(),
			}),
	);
	try {
		await Promise.all(
			pool.map(async (worker) => {
				for (let job = queue.shift(); job; job = queue.shift()) {
					await runInWorker(worker, job);
					onDone(job);
				}
			}),
		);
	} finally {
		await Promise.all(pool.map((worker) => worker.terminate()));
	}
}
