/** What a bidder needs to know at a glance, in the order a notice passes through them. */
export const NOTICE_STATUSES = ['报名中', '已截止', '已拍卖'] as const;

/** Derived from the dates, never typed by hand. */
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export interface NoticeDates {
	kind: string;
	registrationDeadline?: string | undefined;
	auction?: { time: string } | undefined;
}

/**
 * The status of an auction notice at `now`: open for registration until the deadline,
 * closed from the deadline until the auction starts, auctioned after that.
 * Other kinds of notice have no status.
 */
export function noticeStatus(notice: NoticeDates, now: Date): NoticeStatus | undefined {
	if (notice.kind !== '拍卖公告') return undefined;
	const instant = now.getTime();
	if (notice.auction && instant >= Date.parse(notice.auction.time)) return '已拍卖';
	if (notice.registrationDeadline && instant >= Date.parse(notice.registrationDeadline))
		return '已截止';
	return '报名中';
}

/**
 * The moment the site is generated, which statuses are computed against.
 * `SOURCE_DATE_EPOCH` (seconds) pins it, so two builds of one commit agree byte for byte.
 */
export function generationTime(env: NodeJS.ProcessEnv = process.env): Date {
	const epoch = env.SOURCE_DATE_EPOCH?.trim();
	if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
	return new Date();
}
