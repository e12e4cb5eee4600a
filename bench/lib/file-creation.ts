import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * What creating a file costs on this machine right now, measured before each build.
 *
 * On these machines `/` is ext4 without a journal. There, the kernel's inode allocator
 * (`find_inode_bit`) skips every inode freed in the last few minutes (`recently_deleted`,
 * 5 s, or 305 s while its inode-table block is dirty), scanning past each one for every new
 * file. After a mass deletion (a bench run removing its sites, a test suite's folders) a new
 * file costs some 110–300 µs of kernel time instead of about 16 µs, for about five minutes
 * (docs/benchmarks.md, "Making files after deleting files"). A build that makes three times
 * the baseline's files pays three times that, so a figure taken in that state says more
 * about the disk's last minutes than about the build.
 */

export interface FileCreationProbe {
	/** Process CPU (user + system) per file made, in µs, in the last probe. */
	cpuMicrosPerFile: number;
	/** Seconds spent waiting for it to come down (`--settle`). */
	waitedSeconds: number;
	/** Probes taken (one, unless waiting). */
	probes: number;
}

/** Files made per probe: enough to average out, few enough to cost milliseconds. */
const PROBE_FILES = 2000;
/** How `--settle` waits: what counts as settled, how often to probe, and for how long at most. */
export interface SettleRule {
	/** Above this the disk is still paying for recent deletions (20–30 µs of CPU when settled). */
	settledMicrosPerFile: number;
	pollMs: number;
	limitMs: number;
}

export const SETTLE_RULE: SettleRule = {
	settledMicrosPerFile: 50,
	pollMs: 20_000,
	limitMs: 8 * 60_000,
};

/**
 * Makes `PROBE_FILES` small files in a new folder below `folder` and returns the process CPU
 * per file. Synchronous on purpose: the kernel's work lands on this thread, where
 * `process.cpuUsage()` counts it. The files are left in place (the run's folder goes at its
 * end): deleting them would itself slow the next files.
 */
export function probeFileCreation(folder: string): number {
	const target = join(folder, `probe-${process.hrtime.bigint()}`);
	mkdirSync(target, { recursive: true });
	const body = 'x'.repeat(2000);
	const before = process.cpuUsage();
	for (let index = 0; index < PROBE_FILES; index++) {
		if (index % 100 === 0) mkdirSync(join(target, String(index / 100)));
		writeFileSync(join(target, String(Math.floor(index / 100)), `${index}.html`), body);
	}
	const used = process.cpuUsage(before);
	return (used.user + used.system) / PROBE_FILES;
}

/**
 * Probes once; with `settle`, probes again every 20 s until a file costs at most 50 µs (or
 * 8 minutes have passed: `SETTLE_RULE`), so that every site of a run is built on a file
 * system in the same state.
 */
export async function fileCreationBeforeBuild(
	folder: string,
	settle: boolean,
	log: (message: string) => void = () => {},
	rule: SettleRule = SETTLE_RULE,
): Promise<FileCreationProbe> {
	const started = Date.now();
	let probes = 1;
	let micros = probeFileCreation(folder);
	while (settle && micros > rule.settledMicrosPerFile && Date.now() - started < rule.limitMs) {
		log(
			`making a file costs ${micros.toFixed(0)} µs (recent deletions); waiting for the file system to settle`,
		);
		await sleep(rule.pollMs);
		micros = probeFileCreation(folder);
		probes++;
	}
	return {
		cpuMicrosPerFile: Math.round(micros * 10) / 10,
		waitedSeconds: Math.round((Date.now() - started) / 100) / 10,
		probes,
	};
}
