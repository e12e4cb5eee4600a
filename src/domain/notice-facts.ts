import { formatChineseDate, formatZonedDateTime } from './dates.ts';
import { formatYuan } from './money.ts';

/** The rows of a notice's fact table, in the order a bidder needs them. */
export interface NoticeFact {
	label: string;
	values: string[];
}

/** What each row of a notice's fact table is called; some rows differ by kind. */
export interface NoticeLabels {
	principal: string;
	issuer: string;
	lots: string;
	lotLocation: string;
	deposits: string;
	/** The notice's event: the auction (拍卖会) or the bid opening (开标). */
	event: NoticeEventLabels;
}

/** How a notice's event is named: in the fact table, a calendar entry, a summary. */
export interface NoticeEventLabels {
	/** What happens, e.g. 拍卖会 or 开标. */
	name: string;
	/** Its time row, e.g. 拍卖时间 or 开标时间. */
	time: string;
	/** Its place row, e.g. 拍卖地点 or 开标地点. */
	place: string;
}

const AUCTION_EVENT: NoticeEventLabels = { name: '拍卖会', time: '拍卖时间', place: '拍卖地点' };
const TENDER_EVENT: NoticeEventLabels = { name: '开标', time: '开标时间', place: '开标地点' };

/** The labels of a kind of notice (拍卖公告, 招标公告, …); other kinds share the auction's. */
export function noticeLabels(kind: string | undefined): NoticeLabels {
	if (kind === '招标公告') {
		return {
			principal: '招标人',
			issuer: '发布方',
			lots: '招标内容',
			lotLocation: '项目地点',
			deposits: '投标保证金',
			event: TENDER_EVENT,
		};
	}
	return {
		principal: '委托方',
		issuer: '发布方',
		lots: '标的',
		lotLocation: '标的所在地',
		deposits: '保证金',
		event: AUCTION_EVENT,
	};
}

/** The event labels of a kind of notice: 拍卖会/拍卖时间/拍卖地点 or 开标/开标时间/开标地点. */
export function noticeEventLabels(kind: string | undefined): NoticeEventLabels {
	return noticeLabels(kind).event;
}

/** A notice's event (the auction, or the bid opening of a tender), when it has one. */
export function noticeEvent(
	notice: Pick<NoticeFields, 'kind' | 'auction' | 'bidOpening'>,
): (NoticeEventLabels & { start: string; venue: string }) | undefined {
	const labels = noticeEventLabels(notice.kind);
	if (notice.kind === '招标公告') {
		return notice.bidOpening
			? { ...labels, start: notice.bidOpening.time, venue: notice.bidOpening.place }
			: undefined;
	}
	return notice.auction
		? { ...labels, start: notice.auction.time, venue: notice.auction.venue }
		: undefined;
}

interface NoticeFields {
	/** 拍卖公告, 招标公告, …; without it, the labels every kind shares. */
	kind?: string | undefined;
	principal?: string | undefined;
	issuer: string;
	lots: {
		description: string;
		quantity?: number | undefined;
		unit?: string | undefined;
		location?: string | undefined;
	}[];
	viewing?: { from?: string | undefined; until: string; place: string } | undefined;
	auction?: { time: string; venue: string } | undefined;
	bidOpening?: { time: string; place: string } | undefined;
	tenderDocuments?:
		{ from?: string | undefined; until?: string | undefined; place: string } | undefined;
	qualifications?: string[] | undefined;
	deposits: { name: string; amountYuan: number }[];
	registrationDeadline?: string | undefined;
	contacts: {
		person?: string | undefined;
		phones: string[];
		address?: string | undefined;
		label?: string | undefined;
	}[];
	signedDate?: string | undefined;
}

export function noticeFacts(notice: NoticeFields, timeZone: string): NoticeFact[] {
	const facts: NoticeFact[] = [];
	const labels = noticeLabels(notice.kind);
	const add = (label: string, values: (string | undefined)[]) => {
		const present = values.filter((value): value is string => Boolean(value));
		if (present.length > 0) facts.push({ label, values: present });
	};
	add(labels.principal, [notice.principal]);
	add(labels.issuer, [notice.issuer]);
	add(
		labels.lots,
		notice.lots.map((lot) =>
			[lot.description, lot.quantity !== undefined ? `${lot.quantity}${lot.unit ?? ''}` : undefined]
				.filter(Boolean)
				.join('，'),
		),
	);
	add(
		labels.lotLocation,
		notice.lots.map((lot) => lot.location),
	);
	if (notice.viewing) {
		const from = notice.viewing.from ? formatChineseDate(notice.viewing.from) : '公告发布之日';
		add('展示时间', [`${from}至${formatChineseDate(notice.viewing.until)}`]);
		add('展示地点', [notice.viewing.place]);
	}
	add('投标人资格要求', notice.qualifications ?? []);
	if (notice.tenderDocuments) {
		const { from, until, place } = notice.tenderDocuments;
		const when =
			from && until
				? `${formatChineseDate(from)}至${formatChineseDate(until)}`
				: until
					? `${formatChineseDate(until)}前`
					: from
						? `${formatChineseDate(from)}起`
						: undefined;
		add('招标文件获取时间', [when]);
		add('招标文件获取地点', [place]);
	}
	const event = noticeEvent(notice);
	if (event) {
		add(event.time, [formatZonedDateTime(event.start, timeZone)]);
		add(event.place, [event.venue]);
	}
	add(
		labels.deposits,
		notice.deposits.map((deposit) => `${deposit.name} ${formatYuan(deposit.amountYuan)}`),
	);
	add('报名及交款截止', [
		notice.registrationDeadline && formatZonedDateTime(notice.registrationDeadline, timeZone),
	]);
	for (const contact of notice.contacts) {
		add('联系地址', [contact.address]);
		add(contact.label ?? '联系电话', [
			[...contact.phones, contact.person].filter(Boolean).join(' '),
		]);
	}
	add('落款日期', [notice.signedDate && formatChineseDate(notice.signedDate)]);
	return facts;
}
