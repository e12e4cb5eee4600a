import { describe, expect, test } from 'vitest';
import {
	estimateRemaining,
	formatDuration,
	formatProgressLine,
	lineDue,
	logInterval,
	progressMode,
	TTY_REDRAW_MS,
} from '../../src/domain/build-progress.ts';
import {
	onShardsIndexed,
	reportShardsIndexed,
} from '../../src/integrations/build-progress-events.ts';

describe('formatDuration', () => {
	test.each([
		[0, '0:00'],
		[499, '0:00'],
		[500, '0:01'],
		[59_400, '0:59'],
		[61_000, '1:01'],
		[3_599_000, '59:59'],
		[3_600_000, '1:00:00'],
		[3_725_000, '1:02:05'],
		[-5_000, '0:00'],
		[Number.NaN, '0:00'],
	])('%d ms reads %s', (ms, text) => {
		expect(formatDuration(ms)).toBe(text);
	});
});

describe('estimateRemaining', () => {
	const stage = { stage: 'pages' as const, done: 100, total: 400, startedAt: 1_000 };

	test('the rest at the rate so far', () => {
		// 100 pages in 20 s: 300 more take 60 s.
		expect(estimateRemaining(stage, 21_000)).toBe(60_000);
	});

	test('no guess from too few items or too short a time', () => {
		expect(estimateRemaining({ ...stage, done: 2 }, 60_000)).toBeUndefined();
		expect(estimateRemaining(stage, 1_500)).toBeUndefined();
	});

	test('nothing left once every item is done', () => {
		expect(estimateRemaining({ ...stage, done: 400 }, 1_001)).toBe(0);
	});
});

describe('formatProgressLine', () => {
	test('pages: count of total, percent, elapsed since the build began, time left', () => {
		const line = formatProgressLine({
			buildStartedAt: 0,
			now: 42_000,
			current: { stage: 'pages', done: 1234, total: 3465, startedAt: 30_000 },
		});
		// 1,234 pages in 12 s: 2,231 more take 21.7 s.
		expect(line).toBe(
			'页面 pages rendered 1,234/3,465 (35%) · 用时 elapsed 0:42 · 本阶段约剩 stage left ~0:22',
		);
	});

	test('shards, before an estimate means anything', () => {
		const line = formatProgressLine({
			buildStartedAt: 1_000,
			now: 91_000,
			current: { stage: 'shards', done: 1, total: 23, startedAt: 90_500 },
		});
		expect(line).toBe(
			'索引分片 shards indexed 1/23 (4%) · 用时 elapsed 1:30 · 本阶段约剩 stage left …',
		);
	});

	test('between counted stages, the activity and elapsed time only', () => {
		expect(formatProgressLine({ buildStartedAt: 0, now: 5_000, activity: 'search index' })).toBe(
			'search index · 用时 elapsed 0:05',
		);
	});

	test('an empty stage reads as complete', () => {
		expect(
			formatProgressLine({
				buildStartedAt: 0,
				now: 0,
				current: { stage: 'shards', done: 0, total: 0, startedAt: 0 },
			}),
		).toContain('0/0 (100%)');
	});
});

describe('progressMode', () => {
	test('a terminal gets the redrawn line, a pipe or CI the periodic log', () => {
		expect(progressMode({}, true)).toBe('tty');
		expect(progressMode({}, false)).toBe('log');
		expect(progressMode({ CI: 'true' }, true)).toBe('log');
		expect(progressMode({ CI: '1' }, true)).toBe('log');
		expect(progressMode({ CI: 'false' }, true)).toBe('tty');
		expect(progressMode({ CI: '' }, true)).toBe('tty');
	});

	test('ARCHIVE_PROGRESS forces a mode, whatever the output', () => {
		expect(progressMode({ ARCHIVE_PROGRESS: 'off' }, true)).toBe('off');
		expect(progressMode({ ARCHIVE_PROGRESS: 'TTY', CI: 'true' }, false)).toBe('tty');
		expect(progressMode({ ARCHIVE_PROGRESS: 'log' }, true)).toBe('log');
	});

	test('a mistyped mode is an error naming the variable, in Chinese and English', () => {
		expect(() => progressMode({ ARCHIVE_PROGRESS: 'quiet' }, true)).toThrow(
			/ARCHIVE_PROGRESS 只能是 tty、log 或 off .*"quiet"/,
		);
	});
});

describe('logInterval and lineDue', () => {
	test('ten seconds unless set; a bad value is refused', () => {
		expect(logInterval({})).toBe(10_000);
		expect(logInterval({ ARCHIVE_PROGRESS_INTERVAL_MS: '0' })).toBe(0);
		expect(logInterval({ ARCHIVE_PROGRESS_INTERVAL_MS: '2500' })).toBe(2_500);
		expect(() => logInterval({ ARCHIVE_PROGRESS_INTERVAL_MS: '10s' })).toThrow(
			/ARCHIVE_PROGRESS_INTERVAL_MS .*"10s"/,
		);
	});

	test('a log line every interval, and always at a stage end', () => {
		expect(lineDue('log', undefined, 0, 10_000, false)).toBe(true);
		expect(lineDue('log', 0, 9_999, 10_000, false)).toBe(false);
		expect(lineDue('log', 0, 10_000, 10_000, false)).toBe(true);
		expect(lineDue('log', 0, 1, 10_000, true)).toBe(true);
	});

	test('a terminal redraws at most every few hundred milliseconds; off never writes', () => {
		expect(lineDue('tty', 0, TTY_REDRAW_MS - 1, 10_000, false)).toBe(false);
		expect(lineDue('tty', 0, TTY_REDRAW_MS, 10_000, false)).toBe(true);
		expect(lineDue('off', undefined, 0, 0, true)).toBe(false);
	});
});

describe('shard progress events', () => {
	test('every listener hears each report until it stops listening', () => {
		const heard: string[] = [];
		const stop = onShardsIndexed((done, total) => heard.push(`${done}/${total}`));
		reportShardsIndexed(1, 3);
		reportShardsIndexed(2, 3);
		stop();
		reportShardsIndexed(3, 3);
		expect(heard).toEqual(['1/3', '2/3']);
	});
});
