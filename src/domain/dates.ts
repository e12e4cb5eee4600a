/**
 * Dates in the paper's own time zone. Calendar dates are kept as `YYYY-MM-DD`
 * strings end to end, so the build machine's time zone can never shift a day.
 */

const CHINESE_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

export interface CalendarDateParts {
	year: number;
	month: number;
	day: number;
}

export function calendarDateParts(date: string): CalendarDateParts {
	const [year, month, day] = date.split('-').map(Number) as [number, number, number];
	return { year, month, day };
}

/** `2021-11-11` → `2021年11月11日`. */
export function formatChineseDate(date: string): string {
	const { year, month, day } = calendarDateParts(date);
	return `${year}年${month}月${day}日`;
}

/** `2021-11` → `2021年11月`. */
export function formatChineseMonth(year: number, month: number): string {
	return `${year}年${month}月`;
}

/** Day of the week of a calendar date, e.g. 星期四. */
export function chineseWeekday(date: string): string {
	const { year, month, day } = calendarDateParts(date);
	const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
	return `星期${['日', '一', '二', '三', '四', '五', '六'][weekday]}`;
}

/** A moment with its offset shown in the paper's zone: `2021年11月25日 10:00`. */
export function formatZonedDateTime(isoWithOffset: string, timeZone: string): string {
	const parts = new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hourCycle: 'h23',
	}).formatToParts(new Date(isoWithOffset));
	const get = (type: Intl.DateTimeFormatPartTypes) =>
		parts.find((part) => part.type === type)?.value ?? '';
	const date = `${get('year')}-${get('month')}-${get('day')}`;
	return `${formatChineseDate(date)} ${get('hour')}:${get('minute')}`;
}

/** The calendar day of a moment in the paper's zone, as `YYYY-MM-DD`. */
export function calendarDateIn(moment: Date, timeZone: string): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).format(moment);
}

/** A page number the way the paper prints it in continuation lines: 1 → 一, 12 → 十二. */
export function chineseNumeral(value: number): string {
	if (!Number.isInteger(value) || value < 0) return String(value);
	if (value < 10) return CHINESE_DIGITS[value] ?? String(value);
	if (value < 20) return `十${value === 10 ? '' : CHINESE_DIGITS[value - 10]}`;
	if (value < 100) {
		const tens = Math.floor(value / 10);
		const ones = value % 10;
		return `${CHINESE_DIGITS[tens]}十${ones === 0 ? '' : CHINESE_DIGITS[ones]}`;
	}
	return String(value);
}

/** `2` → `第2版`. */
export function pageLabel(page: number): string {
	return `第${page}版`;
}
