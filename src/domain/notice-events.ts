/**
 * A notice's dates as calendar events, for bidders' calendars (`.ics`) and the 即将截止
 * list. Pure: it takes the notice's data and returns events; writing them as iCalendar
 * text is `notice-calendar.ts`'s job.
 *
 * Each kind of event is one row of `EVENT_KINDS` (its label, whether it is a deadline)
 * and one builder in `EVENT_BUILDERS` that reads it from the notice. A new kind of notice
 * with a date of its own (a tender's 开标 time, say) adds one row and one builder.
 */

/** Every kind of event, in the order a bidder meets them, with the label readers see. */
export const EVENT_KINDS = {
	viewing: { label: '标的展示', deadline: false },
	registration: { label: '报名及交款截止', deadline: true },
	auction: { label: '拍卖会', deadline: false },
} as const satisfies Record<string, { label: string; deadline: boolean }>;

export type NoticeEventKind = keyof typeof EVENT_KINDS;

/** What the events are read from: the fields of a notice that carry dates, and its id. */
export interface NoticeEventSource {
	id: string;
	title: string;
	/** The day it was printed: the first viewing day when the notice says 自本公告发布之日起. */
	date: string;
	viewing?: { from?: string | undefined; until: string; place: string } | undefined;
	auction?: { time: string; venue: string } | undefined;
	registrationDeadline?: string | undefined;
}

interface EventBase {
	kind: NoticeEventKind;
	/** e.g. 拍卖会：罚没石英石矿石拍卖公告. */
	summary: string;
	location?: string | undefined;
	/** Stable across builds: the notice id, the kind of event and the site's host. */
	uid: string;
}

/** A whole-day event: `start` to `end` inclusive, calendar dates in the paper's zone. */
export interface AllDayEvent extends EventBase {
	allDay: true;
	start: string;
	end: string;
}

/** A moment, written with its offset as in the notice (`2021-11-25T10:00+08:00`). */
export interface MomentEvent extends EventBase {
	allDay: false;
	at: string;
}

export type NoticeEvent = AllDayEvent | MomentEvent;

type Timing = { allDay: true; start: string; end: string } | { allDay: false; at: string };

/** How each kind of event is read from a notice: its timing and place, or nothing. */
const EVENT_BUILDERS: Record<
	NoticeEventKind,
	(notice: NoticeEventSource) => (Timing & { location?: string | undefined }) | undefined
> = {
	viewing: ({ viewing, date }) =>
		viewing && {
			allDay: true,
			start: viewing.from ?? date,
			end: viewing.until,
			location: viewing.place,
		},
	registration: ({ registrationDeadline }) =>
		registrationDeadline === undefined ? undefined : { allDay: false, at: registrationDeadline },
	auction: ({ auction }) => auction && { allDay: false, at: auction.time, location: auction.venue },
};

/** The uid of one event: `notice-2021-11-11-02-paimai-auction@archive.akrb.example`. */
export function noticeEventUid(noticeId: string, kind: NoticeEventKind, host: string): string {
	return `notice-${noticeId.replaceAll('/', '-')}-${kind}@${host}`;
}

/** The events of one notice, in `EVENT_KINDS` order; none for a notice without dates. */
export function noticeEvents(notice: NoticeEventSource, host: string): NoticeEvent[] {
	const events: NoticeEvent[] = [];
	for (const kind of Object.keys(EVENT_KINDS) as NoticeEventKind[]) {
		const built = EVENT_BUILDERS[kind](notice);
		if (!built) continue;
		const { location, ...timing } = built;
		events.push({
			kind,
			summary: `${EVENT_KINDS[kind].label}：${notice.title}`,
			...(location !== undefined && { location }),
			uid: noticeEventUid(notice.id, kind, host),
			...timing,
		});
	}
	return events;
}

/** The instant an event starts, for sorting and the 即将截止 window (whole days at 00:00 in the zone's offset). */
export function eventStart(event: NoticeEvent, utcOffset: string): number {
	return Date.parse(event.allDay ? `${event.start}T00:00${utcOffset}` : event.at);
}

/** How far ahead the 即将截止 list looks. */
export const UPCOMING_DEADLINE_DAYS = 7;

/**
 * Deadlines (events whose kind is a deadline) from `now` up to `days` days later, soonest
 * first; ties in notice-id order, so the list is the same in every build.
 */
export function upcomingDeadlines<T extends { id: string; events: NoticeEvent[] }>(
	notices: readonly T[],
	now: Date,
	utcOffset: string,
	days = UPCOMING_DEADLINE_DAYS,
): { notice: T; event: NoticeEvent; at: number }[] {
	const from = now.getTime();
	const until = from + days * 24 * 60 * 60 * 1000;
	const found: { notice: T; event: NoticeEvent; at: number }[] = [];
	for (const notice of notices) {
		for (const event of notice.events) {
			if (!EVENT_KINDS[event.kind].deadline) continue;
			const at = eventStart(event, utcOffset);
			if (at >= from && at <= until) found.push({ notice, event, at });
		}
	}
	return found.sort(
		(a, b) => a.at - b.at || (a.notice.id < b.notice.id ? -1 : a.notice.id > b.notice.id ? 1 : 0),
	);
}
