import type { APIRoute, GetStaticPaths } from 'astro';
import { loadArchive, type Notice } from '../../data/archive.ts';
import { calendarOf, calendarResponse, eventsOfNotice } from '../../data/notice-calendars.ts';

/** One notice's dates as a calendar file, for notices that have any. */
export const getStaticPaths = (async () => {
	const { notices } = await loadArchive();
	return notices
		.filter((notice) => eventsOfNotice(notice).length > 0)
		.map((notice) => ({ params: { id: notice.id }, props: { notice } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ notice: Notice }> = ({ props }) =>
	calendarResponse(calendarOf([props.notice], props.notice.data.title));
