import { paper } from '../config/paper.ts';
import { calendarDateIn, formatChineseDate, formatZonedDateTime } from '../domain/dates.ts';
import { calendarDate, zonedDateTime } from '../schemas/fields.ts';
import type { RawEntry } from './load.ts';
import type { ContentProblem } from './problem.ts';
import { problemAt } from './validate.ts';

/**
 * Dates in a notice that cannot all be true: a bidder reads them as a timetable, and
 * the notice status (报名中 / 已截止 / 已拍卖) is computed from them. Each field is read
 * on its own, so one bad field does not hide a contradiction between two good ones.
 */

function day(value: unknown): string | undefined {
	const result = calendarDate.safeParse(value);
	return result.success ? result.data : undefined;
}

function instant(value: unknown): string | undefined {
	const result = zonedDateTime.safeParse(value);
	return result.success ? result.data : undefined;
}

function field(data: Record<string, unknown>, ...path: string[]): unknown {
	let value: unknown = data;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[key];
	}
	return value;
}

const dayIn = (moment: string) => calendarDateIn(new Date(moment), paper.timeZone);
const showDay = (date: string) => formatChineseDate(date);
const showTime = (moment: string) => formatZonedDateTime(moment, paper.timeZone);

export function findNoticeDateContradictions(entries: readonly RawEntry[]): ContentProblem[] {
	const problems: ContentProblem[] = [];
	for (const notice of entries) {
		if (notice.collection !== 'notices' || !notice.readable) continue;
		const data = notice.data;
		const printed = day(data.date);
		const signed = day(data.signedDate);
		const viewingFrom = day(field(data, 'viewing', 'from'));
		const viewingUntil = day(field(data, 'viewing', 'until'));
		const auction = instant(field(data, 'auction', 'time'));
		const deadline = instant(data.registrationDeadline);
		const opening = instant(field(data, 'bidOpening', 'time'));
		const documentsUntil = day(field(data, 'tenderDocuments', 'until'));
		const documentsFrom = day(field(data, 'tenderDocuments', 'from'));
		const add = (path: string[], message: string, fix: string) =>
			problems.push(problemAt(notice, path, { code: 'notice-dates', message, fix }));

		if (deadline && auction && Date.parse(deadline) > Date.parse(auction)) {
			add(
				['registrationDeadline'],
				`报名截止（${showTime(deadline)}）晚于拍卖开始（${showTime(auction)}）/ registration closes after the auction starts`,
				'核对原文：截止时间应在拍卖之前 / check the print: registration must close before the auction',
			);
		}
		if (signed && printed && signed > printed) {
			add(
				['signedDate'],
				`落款日期（${showDay(signed)}）晚于刊登日期（${showDay(printed)}）/ signed after the date it was printed`,
				'核对落款日期和期的日期 / check the signature date and the issue date',
			);
		}
		if (viewingUntil && auction && viewingUntil > dayIn(auction)) {
			add(
				['viewing', 'until'],
				`展示截止（${showDay(viewingUntil)}）晚于拍卖日（${showDay(dayIn(auction))}）/ viewing ends after the auction day`,
				'核对原文中的展示时间 / check the viewing period in the print',
			);
		}
		if (viewingFrom && viewingUntil && viewingFrom > viewingUntil) {
			add(
				['viewing', 'from'],
				`展示开始（${showDay(viewingFrom)}）晚于展示截止（${showDay(viewingUntil)}）/ viewing starts after it ends`,
				'核对 viewing.from 和 viewing.until 是否写反 / check whether viewing.from and viewing.until are swapped',
			);
		}
		if (auction && printed && dayIn(auction) < printed) {
			add(
				['auction', 'time'],
				`拍卖（${showTime(auction)}）在刊登日期（${showDay(printed)}）之前 / the auction is before the date the notice was printed`,
				'核对拍卖时间和期的日期 / check the auction time and the issue date',
			);
		}
		if (opening && printed && dayIn(opening) < printed) {
			add(
				['bidOpening', 'time'],
				`开标（${showTime(opening)}）在刊登日期（${showDay(printed)}）之前 / the bids are opened before the notice was printed`,
				'核对开标时间和期的日期 / check the bid opening time and the issue date',
			);
		}
		if (opening && documentsUntil && documentsUntil > dayIn(opening)) {
			add(
				['tenderDocuments', 'until'],
				`招标文件获取截止（${showDay(documentsUntil)}）晚于开标日（${showDay(dayIn(opening))}）/ the documents can be obtained until after the bids are opened`,
				'核对原文中获取招标文件的时间 / check when the documents can be obtained in the print',
			);
		}
		if (documentsFrom && documentsUntil && documentsFrom > documentsUntil) {
			add(
				['tenderDocuments', 'from'],
				`招标文件获取开始（${showDay(documentsFrom)}）晚于截止（${showDay(documentsUntil)}）/ obtaining the documents starts after it ends`,
				'核对 tenderDocuments.from 和 tenderDocuments.until 是否写反 / check whether from and until are swapped',
			);
		}
		if (deadline && printed && dayIn(deadline) < printed) {
			add(
				['registrationDeadline'],
				`报名截止（${showTime(deadline)}）在刊登日期（${showDay(printed)}）之前 / registration closes before the notice was printed`,
				'核对截止时间和期的日期 / check the deadline and the issue date',
			);
		}
	}
	return problems;
}
