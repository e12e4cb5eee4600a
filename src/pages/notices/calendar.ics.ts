import type { APIRoute } from 'astro';
import { paper } from '../../config/paper.ts';
import { loadArchive } from '../../data/archive.ts';
import { calendarOf, calendarResponse } from '../../data/notice-calendars.ts';
import { compareNewestFirst } from '../../domain/print-order.ts';

/** Every notice's dates in one calendar readers can subscribe to, newest notice first. */
export const GET: APIRoute = async () => {
	const { notices } = await loadArchive();
	const sorted = [...notices].sort((a, b) =>
		compareNewestFirst({ id: a.id, ...a.data }, { id: b.id, ...b.data }),
	);
	return calendarResponse(calendarOf(sorted, `${paper.name}公告日程`));
};
