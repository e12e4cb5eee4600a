import { describe, expect, test } from 'vitest';
import { formatMonthDay, onThisDayBefore, onThisDayIndex } from '../../src/domain/on-this-day.ts';

describe('历史上的今天', () => {
	const index = onThisDayIndex([
		'2021-11-11',
		'1998-01-01',
		'2023-11-11',
		'2022-11-12',
		'2021-11-11',
		'2000-02-29',
	]);

	test('one entry per day of the year with issues, in calendar order, years newest first', () => {
		expect([...index]).toEqual([
			['01-01', ['1998-01-01']],
			['02-29', ['2000-02-29']],
			['11-11', ['2023-11-11', '2021-11-11']],
			['11-12', ['2022-11-12']],
		]);
	});

	test('today lists earlier years only, and nothing on a day without issues', () => {
		expect(onThisDayBefore(index, '2023-11-11')).toEqual(['2021-11-11']);
		expect(onThisDayBefore(index, '2026-11-11')).toEqual(['2023-11-11', '2021-11-11']);
		expect(onThisDayBefore(index, '2026-12-05')).toEqual([]);
	});

	test('the day is shown as printed in Chinese', () => {
		expect(formatMonthDay('01-05')).toBe('1月5日');
	});
});
