/**
 * A tiny channel from the build's stages to the progress reporter
 * (`src/integrations/build-progress.ts`). Any integration of the same build may report
 * how far it has got; without a reporter listening, a report costs a function call.
 * Module state is per process, which is one `astro build`.
 */

export type ShardProgressListener = (done: number, total: number) => void;

const shardListeners = new Set<ShardProgressListener>();

/** Called by the search index each time a shard is written: `done` of `total` to write. */
export function reportShardsIndexed(done: number, total: number): void {
	for (const listener of shardListeners) listener(done, total);
}

/** Listens for shard reports; returns the function that stops listening. */
export function onShardsIndexed(listener: ShardProgressListener): () => void {
	shardListeners.add(listener);
	return () => shardListeners.delete(listener);
}
