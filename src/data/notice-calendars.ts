import { paper } from '../config/paper.ts';
import { noticeCalendar } from '../domain/notice-calendar.ts';
import { noticeEvents, type NoticeEvent } from '../domain/notice-events.ts';
import { generationTime } from '../domain/notice-status.ts';
import { itemPath } from '../domain/routes.ts';
import type { Notice } from './archive-model.ts';

/** The events of a notice entry, with uids on the site's host. */
export function eventsOfNotice(notice: Notice): NoticeEvent[] {
	return noticeEvents({ id: notice.id, ...notice.data }, new URL(paper.siteUrl).host);
}

/** The `.ics` text of some notices' events; each event links to its notice's page. */
export function calendarOf(notices: readonly Notice[], name: string): string {
	const pageOf = new Map<string, string>();
	const events: NoticeEvent[] = [];
	for (const notice of notices) {
		const url = new URL(itemPath('notice', notice.id), paper.siteUrl).href;
		for (const event of eventsOfNotice(notice)) {
			pageOf.set(event.uid, url);
			events.push(event);
		}
	}
	return noticeCalendar(events, {
		name,
		stamp: generationTime(),
		urlOf: (event) => pageOf.get(event.uid),
	});
}

export function calendarResponse(text: string): Response {
	return new Response(text, { headers: { 'Content-Type': 'text/calendar; charset=utf-8' } });
}
