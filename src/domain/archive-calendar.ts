import { calendarDateParts } from './dates.ts';

export interface ArchiveMonth {
	year: number;
	month: number;
	/** Issue dates in the month, oldest first. */
	dates: string[];
}

export interface ArchiveYear {
	year: number;
	months: ArchiveMonth[];
}

/** Issue dates grouped into years → months → days, newest year and month first. */
export function archiveCalendar(issueDates: readonly string[]): ArchiveYear[] {
	const years = new Map<number, Map<number, string[]>>();
	for (const date of [...new Set(issueDates)].sort()) {
		const { year, month } = calendarDateParts(date);
		const months = years.get(year) ?? new Map<number, string[]>();
		months.set(month, [...(months.get(month) ?? []), date]);
		years.set(year, months);
	}
	return [...years.entries()]
		.sort(([a], [b]) => b - a)
		.map(([year, months]) => ({
			year,
			months: [...months.entries()]
				.sort(([a], [b]) => b - a)
				.map(([month, dates]) => ({ year, month, dates })),
		}));
}

/** The neighbours of `date` in a sorted list of dates, for previous/next links. */
export function neighbours<T>(items: readonly T[], index: number): { previous?: T; next?: T } {
	const previous = index > 0 ? items[index - 1] : undefined;
	const next = index >= 0 && index < items.length - 1 ? items[index + 1] : undefined;
	return { ...(previous !== undefined && { previous }), ...(next !== undefined && { next }) };
}
