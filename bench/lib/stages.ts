import type { TimelineEvent, TimelinePoint } from './monitor.ts';

/**
 * Splits one monitored build into stages from the marks it printed. Pure: a timeline in,
 * figures out, so the arithmetic is unit-tested without running a build.
 */

export interface StageFigures {
	name: string;
	wallSeconds: number;
	cpuSeconds: number;
	peakRssBytes: number;
}

/**
 * A stage is either the span between two marks (the first event matching `start`, then
 * the first after it matching `end`; `spawn` and `exit` are the command's own start and
 * end), or the summed time inside the hooks of integrations whose name matches `hooksOf`.
 */
export type StageRule =
	| { name: string; start: RegExp | 'spawn'; end: RegExp | 'exit' }
	| { name: string; hooksOf: RegExp };

export interface Timeline {
	events: readonly TimelineEvent[];
	samples: readonly TimelinePoint[];
	/** The command's end: wall time and total CPU. */
	end: TimelinePoint;
}

const ORIGIN: TimelinePoint = { t: 0, cpuSeconds: 0, rssBytes: 0 };
const HOOK_START = /^start (\S+) (\S+)$/;

type Interval = [start: TimelinePoint, end: TimelinePoint | undefined];

function findPoint(
	timeline: Timeline,
	matcher: RegExp | 'spawn' | 'exit',
	after: number,
): TimelinePoint | undefined {
	if (matcher === 'spawn') return ORIGIN;
	if (matcher === 'exit') return timeline.end;
	return timeline.events.find((event) => event.t >= after && matcher.test(event.label));
}

/** Every interval a rule covers; an interval whose end never came has `undefined` there. */
function intervalsOf(timeline: Timeline, rule: StageRule): Interval[] {
	if ('hooksOf' in rule) {
		const intervals: Interval[] = [];
		for (const event of timeline.events) {
			const match = HOOK_START.exec(event.label);
			if (!match || !rule.hooksOf.test(match[2]!)) continue;
			const endLabel = `end ${match[1]} ${match[2]}`;
			intervals.push([
				event,
				timeline.events.find((other) => other.t >= event.t && other.label === endLabel),
			]);
		}
		return intervals;
	}
	const start = findPoint(timeline, rule.start, 0);
	return start ? [[start, findPoint(timeline, rule.end, start.t)]] : [];
}

/**
 * The largest memory seen in [from, to], by samples and events. A stage shorter than the
 * sampling interval has no reading of its own: it gets the nearest one (the last before it,
 * what the process held as it began, or else the first after it) instead of a zero.
 */
export function peakBetween(timeline: Timeline, from: number, to: number): number {
	let peak = 0;
	let before: { t: number; rssBytes: number } | undefined;
	let after: { t: number; rssBytes: number } | undefined;
	for (const point of [...timeline.samples, ...timeline.events]) {
		if (point.rssBytes <= 0) continue;
		if (point.t >= from && point.t <= to) peak = Math.max(peak, point.rssBytes);
		else if (point.t < from && (!before || point.t > before.t)) before = point;
		else if (point.t > to && (!after || point.t < after.t)) after = point;
	}
	return peak > 0 ? peak : (before?.rssBytes ?? after?.rssBytes ?? 0);
}

/** One stage's figures, or undefined when it did not run to its end. */
export function measureStage(timeline: Timeline, rule: StageRule): StageFigures | undefined {
	const intervals = intervalsOf(timeline, rule);
	const complete = intervals.filter((interval): interval is [TimelinePoint, TimelinePoint] =>
		Boolean(interval[1]),
	);
	if (complete.length === 0 || complete.length < intervals.length) return undefined;
	return {
		name: rule.name,
		wallSeconds: complete.reduce((sum, [start, end]) => sum + end.t - start.t, 0),
		cpuSeconds: complete.reduce(
			(sum, [start, end]) => sum + Math.max(0, end.cpuSeconds - start.cpuSeconds),
			0,
		),
		peakRssBytes: Math.max(
			...complete.map(([start, end]) => peakBetween(timeline, start.t, end.t)),
		),
	};
}

/** The whole command as one stage. */
export function measureWhole(timeline: Timeline, name: string): StageFigures {
	return {
		name,
		wallSeconds: timeline.end.t,
		cpuSeconds: timeline.end.cpuSeconds,
		peakRssBytes: peakBetween(timeline, 0, timeline.end.t),
	};
}

/**
 * Every rule's stage (missing ones left out), plus `other`: the wall and CPU time no rule
 * covers (process start-up, type generation, writing files), so stages add up to the whole.
 */
export function splitStages(timeline: Timeline, rules: readonly StageRule[]): StageFigures[] {
	const stages = rules
		.map((rule) => measureStage(timeline, rule))
		.filter((stage): stage is StageFigures => stage !== undefined);
	const whole = measureWhole(timeline, 'other');
	const covered = (key: 'wallSeconds' | 'cpuSeconds') =>
		stages.reduce((sum, stage) => sum + stage[key], 0);
	return [
		...stages,
		{
			name: 'other',
			wallSeconds: Math.max(0, whole.wallSeconds - covered('wallSeconds')),
			cpuSeconds: Math.max(0, whole.cpuSeconds - covered('cpuSeconds')),
			peakRssBytes: whole.peakRssBytes,
		},
	];
}

/**
 * The stage running at `t` (the latest one started by then), for saying where a build
 * failed: its name, or `after <name>` when it had already finished; `startup` before any.
 */
export function stageAt(timeline: Timeline, rules: readonly StageRule[], t: number): string {
	let current = 'startup';
	let latest = -1;
	for (const rule of rules) {
		for (const [start, end] of intervalsOf(timeline, rule)) {
			if (start.t > t || start.t < latest) continue;
			latest = start.t;
			current = end && end.t <= t ? `after ${rule.name}` : rule.name;
		}
	}
	return current;
}

/** Adds runs made one after the other: times add up, memory is the larger peak. */
export function sequential(name: string, parts: readonly StageFigures[]): StageFigures {
	return {
		name,
		wallSeconds: parts.reduce((sum, part) => sum + part.wallSeconds, 0),
		cpuSeconds: parts.reduce((sum, part) => sum + part.cpuSeconds, 0),
		peakRssBytes: Math.max(0, ...parts.map((part) => part.peakRssBytes)),
	};
}
