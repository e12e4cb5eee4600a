import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGnuTime, runMonitored } from '../../../bench/lib/monitor.ts';
import { BIN_DIR, childEnvironment, PROJECT_ROOT } from '../../../support/paths.ts';
import {
	parseProcStat,
	sampleTree,
	sumTree,
	treeOf,
	type ProcStat,
} from '../../../bench/lib/proc-tree.ts';

/** Real processes, real /proc: the monitor is only worth its figures if these hold. */

const NODE = `${BIN_DIR}/node`;
const MB = 1024 * 1024;

describe('parseProcStat', () => {
	it('reads this process from /proc', () => {
		const stat = parseProcStat(readFileSync('/proc/self/stat', 'utf8'))!;
		expect(stat.pid).toBeGreaterThan(0);
		expect(stat.ppid).toBeGreaterThan(0);
		expect(stat.rssBytes).toBeGreaterThan(10 * MB);
		expect(stat.cpuSeconds).toBeGreaterThan(0);
	});

	it('counts fields after the command name even when it holds spaces and parentheses', () => {
		const fields = Array.from({ length: 50 }, (_, index) => String(index + 3));
		fields[4 - 3] = '7'; // ppid
		fields[14 - 3] = '100'; // utime
		fields[15 - 3] = '50'; // stime
		fields[16 - 3] = '30'; // cutime
		fields[17 - 3] = '20'; // cstime
		fields[24 - 3] = '256'; // rss in pages
		const stat = parseProcStat(`42 (a (b) c) ${fields.join(' ')}`)!;
		expect(stat).toEqual({ pid: 42, ppid: 7, cpuSeconds: 2, rssBytes: 256 * 4096 });
		expect(parseProcStat('garbage')).toBeUndefined();
	});
});

describe('treeOf / sumTree', () => {
	const stat = (pid: number, ppid: number): ProcStat => ({
		pid,
		ppid,
		cpuSeconds: 1,
		rssBytes: MB,
	});

	it('takes a process and all its descendants, and nothing else', () => {
		const stats = [stat(1, 0), stat(10, 1), stat(11, 10), stat(12, 11), stat(20, 1), stat(13, 10)];
		expect(
			treeOf(10, stats)
				.map((entry) => entry.pid)
				.sort(),
		).toEqual([10, 11, 12, 13]);
		expect(sumTree(treeOf(10, stats))).toEqual({ cpuSeconds: 4, rssBytes: 4 * MB, processes: 4 });
		expect(sumTree(treeOf(99, stats))).toBeUndefined();
	});

	it('samples the running test process', () => {
		const usage = sampleTree(process.pid)!;
		expect(usage.processes).toBeGreaterThanOrEqual(1);
		expect(usage.rssBytes).toBeGreaterThan(10 * MB);
	});
});

describe('parseGnuTime', () => {
	it('reads wall, CPU and peak memory, after any note GNU time adds', () => {
		expect(parseGnuTime('Command terminated by signal 9\n12.50 3.25 1.75 204800\n')).toEqual({
			wallSeconds: 12.5,
			cpuSeconds: 5,
			maxRssBytes: 204800 * 1024,
		});
		expect(parseGnuTime('')).toBeUndefined();
	});
});

// Child processes on a shared, busy machine: give them time.
describe('runMonitored', { timeout: 30_000 }, () => {
	// A child that prints marks around holding ~300 MB and using a second of CPU (counted
	// in CPU time, not wall time: the machine is shared and may give it less than a core).
	const script = `
		console.log('mark begin');
		const hold = Buffer.alloc(300 * 1024 * 1024, 1);
		const start = process.cpuUsage();
		let x = 0;
		while (process.cpuUsage(start).user < 1e6) for (let i = 0; i < 1e5; i++) x += Math.sqrt(i);
		console.log('mark end ' + hold.length);
	`;

	it('times a command, samples its memory and CPU, and marks its lines', async () => {
		const result = await runMonitored({
			command: NODE,
			args: ['-e', script],
			cwd: PROJECT_ROOT,
			env: childEnvironment(),
			sampleMs: 100,
			classify: (line) => (line.startsWith('mark ') ? line.split(' ')[1] : undefined),
		});
		expect(result.exitCode).toBe(0);
		expect(result.events.map((event) => event.label)).toEqual(['begin', 'end']);
		const [begin, end] = result.events;
		expect(end!.t - begin!.t).toBeGreaterThan(0.9);
		expect(end!.cpuSeconds - begin!.cpuSeconds).toBeGreaterThan(0.9);
		expect(result.peakTreeRssBytes).toBeGreaterThan(300 * MB);
		expect(result.maxProcessRssBytes).toBeGreaterThan(300 * MB);
		expect(result.cpuSeconds).toBeGreaterThan(1);
		expect(result.wallSeconds).toBeGreaterThanOrEqual(end!.t);
		expect(result.samples.length).toBeGreaterThan(5);
	});

	it('stops a tree that passes the memory limit, and says so', async () => {
		const result = await runMonitored({
			command: NODE,
			args: ['-e', `${script}; setTimeout(() => {}, 20000);`],
			cwd: PROJECT_ROOT,
			env: childEnvironment(),
			sampleMs: 100,
			memoryLimitBytes: 200 * MB,
		});
		expect(result.stoppedFor).toBe('memory');
		expect(result.stoppedAt!.rssBytes).toBeGreaterThan(200 * MB);
		expect(result.exitCode).not.toBe(0);
		expect(result.wallSeconds).toBeLessThan(15);
	});

	it('stops a command that runs past its time limit', async () => {
		const result = await runMonitored({
			command: NODE,
			args: ['-e', 'setTimeout(() => {}, 20000)'],
			cwd: PROJECT_ROOT,
			env: childEnvironment(),
			timeoutMs: 500,
		});
		expect(result.stoppedFor).toBe('timeout');
		expect(result.wallSeconds).toBeLessThan(10);
	});
});
