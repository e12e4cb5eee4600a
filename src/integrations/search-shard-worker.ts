import { parentPort } from 'node:worker_threads';
import { writeShard, type ShardJob } from './search-shard-writer.ts';

/**
 * A worker thread that writes shards of the search index, one at a time, each with its
 * own Pagefind process: Pagefind indexes on one core, so shards written in two workers
 * take about half the time on two cores (`search-shard-pool.ts`).
 */

export type ShardWorkerReply = { ok: true } | { ok: false; error: string };

parentPort?.on('message', (job: ShardJob) => {
	writeShard(job).then(
		() => parentPort?.postMessage({ ok: true } satisfies ShardWorkerReply),
		(error: unknown) =>
			parentPort?.postMessage({
				ok: false,
				error: error instanceof Error ? (error.stack ?? error.message) : String(error),
			} satisfies ShardWorkerReply),
	);
});
