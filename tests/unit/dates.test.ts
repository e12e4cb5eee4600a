import { describe, expect, it } from 'vitest';
import {
	calendarDateIn,
	chineseNumeral,
	chineseWeekday,
	formatChineseDate,
	formatZonedDateTime,
	pageLabel,
} from '../../src/domain/dates.ts';

describe('dates in the paper’s time zone', () => {
	it('formats calendar dates the way the paper prints them', () => {
		expect(formatChineseDate('2021-11-11')).toBe('2021年11月11日');
		expect(formatChineseDate('1998-01-01')).toBe('1998年1月1日');
		expect(pageLabel(2)).toBe('第2版');
		expect(chineseWeekday('2021-11-11')).toBe('星期四');
	});

	it('shows a zoned time in China time whatever the offset it was written with', () => {
		expect(formatZonedDateTime('2021-11-25T10:00+08:00', 'Asia/Shanghai')).toBe(
			'2021年11月25日 10:00',
		);
		expect(formatZonedDateTime('2021-11-25T02:00Z', 'Asia/Shanghai')).toBe('2021年11月25日 10:00');
		expect(formatZonedDateTime('2021-11-24T20:30-05:00', 'Asia/Shanghai')).toBe(
			'2021年11月25日 09:30',
		);
	});

	it('takes the China calendar day of an instant, not the UTC one', () => {
		expect(calendarDateIn(new Date('2021-11-10T23:30:00Z'), 'Asia/Shanghai')).toBe('2021-11-11');
		expect(calendarDateIn(new Date('2021-11-11T15:59:00Z'), 'Asia/Shanghai')).toBe('2021-11-11');
	});

	it('writes page numbers in Chinese numerals for continuation lines', () => {
		expect([1, 2, 9, 10, 11, 12, 20, 24].map(chineseNumeral)).toEqual([
			'一',
			'二',
			'九',
			'十',
			'十一',
			'十二',
			'二十',
			'二十四',
		]);
	});
});
