import { createEvents, type DateArray, type EventAttributes } from 'ics';
import type { NoticeEvent } from './notice-events.ts';

/**
 * Notice events written as an iCalendar file (RFC 5545) with the `ics` package. Moments
 * are written in UTC (`DTSTART:20211125T020000Z`), which every calendar shows in its
 * reader's zone: 10:00 in Asia/Shanghai is 02:00Z. Whole-day events (a viewing period)
 * are dates with an exclusive end, as the standard wants. `DTSTAMP` is the build time,
 * pinned by SOURCE_DATE_EPOCH, so two builds of one commit write the same bytes.
 */

export interface CalendarOptions {
	/** The calendar's name in the reader's app (X-WR-CALNAME). */
	name: string;
	/** Build time: DTSTAMP of every event. */
	stamp: Date;
	/** The page each event links to, absolute. */
	urlOf: (event: NoticeEvent) => string | undefined;
}

function dateArray(date: string, addDays = 0): DateArray {
	const [year, month, day] = date.split('-').map(Number) as [number, number, number];
	const moved = new Date(Date.UTC(year, month - 1, day + addDays));
	return [moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate()];
}

function attributes(event: NoticeEvent, options: CalendarOptions): EventAttributes {
	const url = options.urlOf(event);
	const common = {
		uid: event.uid,
		title: event.summary,
		timestamp: options.stamp.getTime(),
		...(event.location !== undefined && { location: event.location }),
		...(url !== undefined && { url, description: url }),
	};
	if (event.allDay) {
		return { ...common, start: dateArray(event.start), end: dateArray(event.end, 1) };
	}
	const at = Date.parse(event.at);
	// A deadline or an auction's start is a moment: without DTEND or DURATION the event ends
	// when it starts (RFC 5545, 3.6.1). The package's types want one of them; its writer does not.
	const moment: Omit<EventAttributes, 'end' | 'duration'> = {
		...common,
		start: at,
		startInputType: 'utc',
		startOutputType: 'utc',
	};
	return moment as EventAttributes;
}

/** The text of one `.ics` file holding `events`; throws when the package refuses one. */
export function noticeCalendar(events: readonly NoticeEvent[], options: CalendarOptions): string {
	const { error, value } = createEvents(
		events.map((event) => attributes(event, options)),
		{ productId: '-//news-archive//notices//ZH', calName: options.name },
	);
	if (error || value === null) throw error ?? new Error('ics: no calendar written');
	return value;
}
