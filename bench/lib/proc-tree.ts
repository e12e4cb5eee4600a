import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time and resident memory of a process and all its descendants, read from Linux's
 * `/proc`. A build is a tree (time → astro → the Pagefind binary); GNU time reports only
 * the largest single process's peak, so the tree's sum is sampled here.
 */

/** Linux reports CPU in clock ticks (`getconf CLK_TCK`) and RSS in pages (`getconf PAGESIZE`). */
const CLOCK_TICKS_PER_SECOND = 100;
const PAGE_BYTES = 4096;

export interface ProcStat {
	pid: number;
	ppid: number;
	/** User + system CPU of the process itself plus that of its reaped children, seconds. */
	cpuSeconds: number;
	rssBytes: number;
}

/**
 * Parses one `/proc/<pid>/stat` line. The command name (field 2) may hold spaces and
 * parentheses, so fields are counted from the last `)`.
 */
export function parseProcStat(line: string): ProcStat | undefined {
	const close = line.lastIndexOf(')');
	if (close < 0) return undefined;
	const pid = Number.parseInt(line, 10);
	// After ") ": field 3 (state) is index 0, so field n is index n - 3.
	const fields = line.slice(close + 2).split(' ');
	const field = (n: number) => Number(fields[n - 3]);
	const ticks = field(14) + field(15) + field(16) + field(17);
	const stat = {
		pid,
		ppid: field(4),
		cpuSeconds: ticks / CLOCK_TICKS_PER_SECOND,
		rssBytes: field(24) * PAGE_BYTES,
	};
	return Object.values(stat).every(Number.isFinite) ? stat : undefined;
}

/** Every process's stat line, parsed. */
export function readAllStats(): ProcStat[] {
	const stats: ProcStat[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		try {
			const stat = parseProcStat(readFileSync(`/proc/${name}/stat`, 'utf8'));
			if (stat) stats.push(stat);
		} catch {
			// The process ended between listing and reading.
		}
	}
	return stats;
}

export interface TreeUsage {
	/** CPU seconds used so far by the tree, including descendants that already ended. */
	cpuSeconds: number;
	/** Sum of the resident memory of every live process in the tree. */
	rssBytes: number;
	processes: number;
}

/** The processes below `rootPid` (inclusive) in a list of stats. */
export function treeOf(rootPid: number, stats: readonly ProcStat[]): ProcStat[] {
	const children = new Map<number, ProcStat[]>();
	for (const stat of stats) {
		const siblings = children.get(stat.ppid) ?? [];
		siblings.push(stat);
		children.set(stat.ppid, siblings);
	}
	const root = stats.find((stat) => stat.pid === rootPid);
	if (!root) return [];
	const tree: ProcStat[] = [];
	const queue = [root];
	while (queue.length > 0) {
		const next = queue.pop()!;
		tree.push(next);
		queue.push(...(children.get(next.pid) ?? []));
	}
	return tree;
}

/** Sums CPU and memory over a tree; `undefined` when the root has ended. */
export function sumTree(tree: readonly ProcStat[]): TreeUsage | undefined {
	if (tree.length === 0) return undefined;
	return {
		cpuSeconds: tree.reduce((sum, stat) => sum + stat.cpuSeconds, 0),
		rssBytes: tree.reduce((sum, stat) => sum + stat.rssBytes, 0),
		processes: tree.length,
	};
}

/** The current usage of the tree rooted at `rootPid`. */
export function sampleTree(rootPid: number): TreeUsage | undefined {
	return sumTree(treeOf(rootPid, readAllStats()));
}
