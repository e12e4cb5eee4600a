import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { readAllStats, sampleTree, treeOf, type TreeUsage } from './proc-tree.ts';

/**
 * Runs one command the way a build server would, and watches it: wall time, CPU time and
 * resident memory of its whole process tree, sampled from `/proc` and taken again at every
 * output line that marks a stage, so each stage gets its own figures. GNU time wraps the
 * command for exact totals. A watchdog stops the tree before it can take the shared
 * machine down (the kernel's OOM killer would pick whoever is largest, maybe a colleague).
 */

const GNU_TIME = '/usr/bin/time';

export interface TimelinePoint {
	/** Seconds since the command started. */
	t: number;
	cpuSeconds: number;
	rssBytes: number;
}

export interface TimelineEvent extends TimelinePoint {
	label: string;
}

export interface MonitorOptions {
	command: string;
	args: string[];
	cwd: string;
	env: NodeJS.ProcessEnv;
	/** The tree is stopped when its resident memory passes this. */
	memoryLimitBytes?: number;
	/** The tree is stopped after this long. */
	timeoutMs?: number;
	sampleMs?: number;
	/** Names an output line that marks a stage boundary, or returns undefined. */
	classify?: (line: string) => string | undefined;
	/** Every output line, e.g. to echo progress. */
	onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
}

export interface MonitorResult {
	exitCode: number | null;
	signal: string | null;
	/** Why the watchdog stopped the command, if it did. */
	stoppedFor?: 'memory' | 'timeout';
	stoppedAt?: TimelinePoint;
	wallSeconds: number;
	/** User + system CPU of the whole tree: GNU time's, or the last sample's if that is more. */
	cpuSeconds: number;
	/** Largest single process's peak (GNU time's %M), bytes. */
	maxProcessRssBytes?: number;
	/** Largest sampled sum over the tree, bytes. */
	peakTreeRssBytes: number;
	samples: TimelinePoint[];
	events: TimelineEvent[];
	/** The last lines the command printed, for failure reports. */
	tail: string[];
}

const TAIL_LINES = 40;
const TAIL_LINE_CHARS = 400;

// eslint-disable-next-line no-control-regex -- strips terminal colour codes
const ANSI = /\u001b\[[0-9;]*m/g;

interface GnuTimeFigures {
	wallSeconds: number;
	cpuSeconds: number;
	maxRssBytes: number;
}

/** GNU time's `-f '%e %U %S %M'` line: wall, user, system seconds and peak RSS in KiB. */
export function parseGnuTime(text: string): GnuTimeFigures | undefined {
	const line = text
		.trim()
		.split('\n')
		.reverse()
		.find((candidate) => /^[\d.]+ [\d.]+ [\d.]+ \d+$/.test(candidate.trim()));
	if (!line) return undefined;
	const [wall, user, system, kib] = line.trim().split(' ').map(Number) as [
		number,
		number,
		number,
		number,
	];
	return { wallSeconds: wall, cpuSeconds: user + system, maxRssBytes: kib * 1024 };
}

export async function runMonitored(options: MonitorOptions): Promise<MonitorResult> {
	const scratch = await mkdtemp(join(tmpdir(), 'bench-time-'));
	const timeFile = join(scratch, 'time.txt');
	const useGnuTime = existsSync(GNU_TIME);
	const [command, args] = useGnuTime
		? [GNU_TIME, ['-o', timeFile, '-f', '%e %U %S %M', options.command, ...options.args]]
		: [options.command, options.args];

	const started = performance.now();
	const elapsed = () => (performance.now() - started) / 1000;
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	const rootPid = child.pid;
	if (rootPid === undefined) throw new Error(`could not start ${options.command}`);

	const samples: TimelinePoint[] = [];
	const events: TimelineEvent[] = [];
	const tail: string[] = [];
	let last: TreeUsage = { cpuSeconds: 0, rssBytes: 0, processes: 1 };
	let peak = 0;
	let stoppedFor: MonitorResult['stoppedFor'];
	let stoppedAt: TimelinePoint | undefined;

	const take = (): TimelinePoint => {
		const usage = sampleTree(rootPid);
		if (usage) last = usage;
		peak = Math.max(peak, last.rssBytes);
		return { t: elapsed(), cpuSeconds: last.cpuSeconds, rssBytes: last.rssBytes };
	};

	// Stops everything below GNU time, so that time itself still reports how it ended.
	const stop = (reason: 'memory' | 'timeout', point: TimelinePoint) => {
		if (stoppedFor) return;
		stoppedFor = reason;
		stoppedAt = point;
		const victims = useGnuTime
			? treeOf(rootPid, readAllStats()).filter((stat) => stat.pid !== rootPid)
			: [{ pid: rootPid }];
		for (const { pid } of victims) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}
	};

	const sampler = setInterval(() => {
		const point = take();
		samples.push(point);
		if (options.memoryLimitBytes !== undefined && point.rssBytes > options.memoryLimitBytes) {
			stop('memory', point);
		}
	}, options.sampleMs ?? 250);
	const timer =
		options.timeoutMs === undefined
			? undefined
			: setTimeout(() => stop('timeout', take()), options.timeoutMs);

	const watch = (stream: NodeJS.ReadableStream, name: 'stdout' | 'stderr') => {
		const lines = createInterface({ input: stream, crlfDelay: Infinity });
		lines.on('line', (raw) => {
			const line = raw.replace(ANSI, '');
			const label = options.classify?.(line);
			if (label !== undefined) events.push({ ...take(), label });
			tail.push(line.length > TAIL_LINE_CHARS ? `${line.slice(0, TAIL_LINE_CHARS)}…` : line);
			if (tail.length > TAIL_LINES) tail.shift();
			options.onLine?.(line, name);
		});
		return new Promise<void>((resolve) => lines.on('close', resolve));
	};
	const outputs = Promise.all([watch(child.stdout, 'stdout'), watch(child.stderr, 'stderr')]);

	const [exitCode, signal] = await new Promise<[number | null, NodeJS.Signals | null]>(
		(resolve, reject) => {
			child.on('error', reject);
			child.on('close', (code, sig) => resolve([code, sig]));
		},
	);
	await outputs;
	clearInterval(sampler);
	if (timer) clearTimeout(timer);
	const wallSeconds = elapsed();

	const timed = useGnuTime
		? parseGnuTime(await readFile(timeFile, 'utf8').catch(() => ''))
		: undefined;
	await rm(scratch, { recursive: true, force: true });

	return {
		exitCode,
		signal,
		...(stoppedFor ? { stoppedFor } : {}),
		...(stoppedAt ? { stoppedAt } : {}),
		wallSeconds,
		// GNU time counts only what was waited for: processes the watchdog killed are missing
		// from its figure but not from the last sample.
		cpuSeconds: Math.max(timed?.cpuSeconds ?? 0, last.cpuSeconds),
		...(timed ? { maxProcessRssBytes: timed.maxRssBytes } : {}),
		peakTreeRssBytes: peak,
		samples,
		events,
		tail,
	};
}
