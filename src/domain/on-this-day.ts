/**
 * 历史上的今天: the issues of one day of the year (MM-DD) in every year the archive holds.
 * Pure and deterministic: it depends on the issue dates only; what counts as "today" is
 * the caller's (build time in the paper's zone, see notice-status.ts generationTime).
 */

/** `2021-11-11` → `11-11`. */
export function monthDayOf(date: string): string {
	return date.slice(5, 10);
}

/** `11-11` → `11月11日`. */
export function formatMonthDay(monthDay: string): string {
	const [month, day] = monthDay.split('-').map(Number) as [number, number];
	return `${month}月${day}日`;
}

/**
 * Every day of the year that has issues, in calendar order (01-01 first), with the dates
 * of its issues newest first.
 */
export function onThisDayIndex(dates: Iterable<string>): Map<string, string[]> {
	const byDay = new Map<string, string[]>();
	for (const date of new Set(dates)) {
		const key = monthDayOf(date);
		const list = byDay.get(key);
		if (list) list.push(date);
		else byDay.set(key, [date]);
	}
	for (const list of byDay.values()) list.sort((a, b) => b.localeCompare(a));
	return new Map([...byDay].sort(([a], [b]) => a.localeCompare(b)));
}

/** The issues of `today`'s day of the year from earlier dates, newest first; today's own issue is news, not history. */
export function onThisDayBefore(index: Map<string, string[]>, today: string): string[] {
	return (index.get(monthDayOf(today)) ?? []).filter((date) => date < today);
}
