import { formatChineseDate, formatZonedDateTime } from './dates.ts';
import { formatYuan } from './money.ts';

/** The rows of a notice's fact table, in the order a bidder needs them. */
export interface NoticeFact {
	label: string;
	values: string[];
}

interface NoticeFields {
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
	const add = (label: string, values: (string | undefined)[]) => {
		const present = values.filter((value): value is string => Boolean(value));
		if (present.length > 0) facts.push({ label, values: present });
	};
	add('委托方', [notice.principal]);
	add('发布方', [notice.issuer]);
	add(
		'标的',
		notice.lots.map((lot) =>
			[lot.description, lot.quantity !== undefined ? `${lot.quantity}${lot.unit ?? ''}` : undefined]
				.filter(Boolean)
				.join('，'),
		),
	);
	add(
		'标的所在地',
		notice.lots.map((lot) => lot.location),
	);
	if (notice.viewing) {
		const from = notice.viewing.from ? formatChineseDate(notice.viewing.from) : '公告发布之日';
		add('展示时间', [`${from}至${formatChineseDate(notice.viewing.until)}`]);
		add('展示地点', [notice.viewing.place]);
	}
	if (notice.auction) {
		add('拍卖时间', [formatZonedDateTime(notice.auction.time, timeZone)]);
		add('拍卖地点', [notice.auction.venue]);
	}
	add(
		'保证金',
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
