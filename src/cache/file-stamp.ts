import type { BigIntStats } from 'node:fs';

/**
 * A file's stamp: its device, inode, size and status-change time (ctime), as one string.
 * The kernel sets ctime to the current time on every change to a file's bytes or metadata
 * (write, truncate, rename, link, chmod, setting its times), and no system call sets it
 * back, so a file that still has the stamp it had when it was read still has the bytes
 * read then. A cache may therefore keep what it learnt from a file's bytes under its stamp
 * and skip reading it again: the integrity record (`integrity.ts`) and every store of
 * per-file results (`check-results.ts`: the content guard, the search index's
 * page list, the post-build checks).
 */

/**
 * A file changed this close before it was read gets no stamp: a second change within the
 * same tick of the file system's clock would not move ctime (the "racy" case git knows).
 */
export const RACY_NS = 2_000_000_000n;

/** Now, in nanoseconds since the epoch, as ctime is given. */
export function nowNs(): bigint {
	return BigInt(Date.now()) * 1_000_000n;
}

/** The file's stamp, or undefined when it changed too recently for its stamp to be trusted. */
export function fileStamp(stat: BigIntStats, now: bigint = nowNs()): string | undefined {
	if (stat.ctimeNs >= now - RACY_NS) return undefined;
	return `${stat.dev}:${stat.ino}:${stat.size}:${stat.ctimeNs}`;
}
