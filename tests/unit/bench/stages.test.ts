import { describe, expect, it } from 'vitest';
import type { TimelineEvent, TimelinePoint } from '../../../bench/lib/monitor.ts';
import {
	measureStage,
	sequential,
	splitStages,
	stageAt,
	type StageRule,
	type Timeline,
} from '../../../bench/lib/stages.ts';

const GB = 1e9;

function event(t: number, cpuSeconds: number, rssBytes: number, label: string): TimelineEvent {
	return { t, cpuSeconds, rssBytes, label };
}
function sample(t: number, rssBytes: number, cpuSeconds = t): TimelinePoint {
	return { t, cpuSeconds, rssBytes };
}

/** A build as the marks tell it: checks, sync, rendering, then the index in a hook. */
const timeline: Timeline = {
	events: [
		event(1, 0.9, 0.2 * GB, 'start astro:config:setup bench:phases:first'),
		event(1.1, 1, 0.2 * GB, 'start astro:config:setup archive:content-guard'),
		event(3, 3, 0.5 * GB, 'end astro:config:setup archive:content-guard'),
		event(4, 4, 0.4 * GB, 'sync-start'),
		event(9, 10, 0.7 * GB, 'sync-end'),
		event(10, 11, 0.7 * GB, 'bundle-start'),
		event(12, 13, 0.9 * GB, 'render-start'),
		event(30, 30, 1 * GB, 'start astro:build:generated bench:phases:first'),
		event(31, 31, 1 * GB, 'start astro:build:done archive:pagefind'),
		event(60, 70, 2 * GB, 'end astro:build:done archive:pagefind'),
		event(61, 71, 1 * GB, 'start astro:build:done archive:post-build-checks'),
		event(64, 74, 1 * GB, 'end astro:build:done archive:post-build-checks'),
	],
	samples: [sample(2, 0.6 * GB), sample(20, 1.2 * GB), sample(45, 4 * GB), sample(62, 1.5 * GB)],
	end: { t: 65, cpuSeconds: 75, rssBytes: 0 },
};

const rules: StageRule[] = [
	{ name: 'startup', start: 'spawn', end: /^start astro:config:setup / },
	{ name: 'checks', hooksOf: /guard|check/ },
	{ name: 'content sync', start: /^sync-start$/, end: /^sync-end$/ },
	{ name: 'page rendering', start: /^render-start$/, end: /^start astro:build:generated / },
	{ name: 'search indexing', hooksOf: /pagefind/ },
];

describe('splitStages', () => {
	const stages = splitStages(timeline, rules);
	const byName = Object.fromEntries(stages.map((stage) => [stage.name, stage]));

	it('measures a span between two marks: wall, CPU used in it, and the peak seen in it', () => {
		expect(byName['content sync']).toEqual({
			name: 'content sync',
			wallSeconds: 5,
			cpuSeconds: 6,
			peakRssBytes: 0.7 * GB,
		});
		expect(byName['page rendering']).toMatchObject({ wallSeconds: 18, cpuSeconds: 17 });
		// The 1.2 GB sample at t = 20 lies inside rendering.
		expect(byName['page rendering']!.peakRssBytes).toBe(1.2 * GB);
		expect(byName.startup).toMatchObject({ wallSeconds: 1, cpuSeconds: 0.9 });
	});

	it('sums every hook of the matching integrations, wherever they run', () => {
		// The content guard before the build and the post-build checks after it.
		expect(byName.checks!.wallSeconds).toBeCloseTo(1.9 + 3);
		expect(byName.checks!.cpuSeconds).toBeCloseTo(2 + 3);
		expect(byName.checks!.peakRssBytes).toBe(1.5 * GB);
		expect(byName['search indexing']).toMatchObject({ wallSeconds: 29, cpuSeconds: 39 });
		expect(byName['search indexing']!.peakRssBytes).toBe(4 * GB);
	});

	it('puts what no stage covers into `other`, so the stages add up to the whole', () => {
		const wall = stages.reduce((sum, stage) => sum + stage.wallSeconds, 0);
		const cpu = stages.reduce((sum, stage) => sum + stage.cpuSeconds, 0);
		expect(wall).toBeCloseTo(65);
		expect(cpu).toBeCloseTo(75);
		expect(stages.at(-1)!.name).toBe('other');
		expect(stages.at(-1)!.peakRssBytes).toBe(4 * GB);
	});

	it('leaves out a stage whose end never came', () => {
		const cut: Timeline = { ...timeline, events: timeline.events.slice(0, 9) };
		expect(measureStage(cut, rules[4]!)).toBeUndefined();
		expect(measureStage(cut, rules[3]!)).toBeDefined();
		expect(splitStages(cut, rules).map((stage) => stage.name)).not.toContain('search indexing');
	});
});

describe('stageAt', () => {
	it('names the stage running when a build failed, or the last one finished', () => {
		expect(stageAt(timeline, rules, 0.5)).toBe('startup');
		expect(stageAt(timeline, rules, 2)).toBe('checks');
		expect(stageAt(timeline, rules, 3.5)).toBe('after checks');
		expect(stageAt(timeline, rules, 40)).toBe('search indexing');
		const cut: Timeline = { ...timeline, events: timeline.events.slice(0, 9) };
		expect(stageAt(cut, rules, 300)).toBe('search indexing');
	});
});

describe('sequential', () => {
	it('adds times of runs made one after another and keeps the larger peak', () => {
		expect(
			sequential('total', [
				{ name: 'build', wallSeconds: 10, cpuSeconds: 12, peakRssBytes: GB },
				{ name: 'index', wallSeconds: 5, cpuSeconds: 4, peakRssBytes: 3 * GB },
			]),
		).toEqual({ name: 'total', wallSeconds: 15, cpuSeconds: 16, peakRssBytes: 3 * GB });
	});
});
