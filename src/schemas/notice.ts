import { z } from 'astro/zod';
import { calendarDate, contactSchema, redirectFields, text, zonedDateTime } from './fields.ts';
import { printedItemFields } from './item.ts';

/**
 * Kinds of public notice. 拍卖公告 has the auction fields (auction, viewing,
 * registrationDeadline), 招标公告 the tender fields (bidOpening, tenderDocuments,
 * qualifications); the rest are shared by every kind.
 */
export const NOTICE_KINDS = ['拍卖公告', '招标公告', '遗失声明', '其他公告'] as const;

/** One lot (标的) put up for auction. */
export const lotSchema = z
	.object({
		/** What is sold, as printed, e.g. 石英石矿. */
		description: text,
		/** How much, as a number, e.g. 680.29. */
		quantity: z.number().positive().optional(),
		/** The unit of `quantity`, e.g. 吨. */
		unit: text.optional(),
		/** Where the lot lies, as printed. */
		location: text.optional(),
	})
	.strict();

/** A deposit a bidder must pay before the deadline. */
export const depositSchema = z
	.object({
		/** Its name as printed, e.g. 竞买保证金 or 履约保证金. */
		name: text,
		/** The amount in yuan (元), e.g. 20000 for 2万元. */
		amountYuan: z
			.number({
				error: '金额应为数字（单位：元），如 20000 / amount must be a number of yuan, e.g. 20000',
			})
			.nonnegative(),
	})
	.strict();

/** When and where a lot can be viewed before the auction. */
export const viewingSchema = z
	.object({
		/** First viewing day. Leave out when the notice says 自本公告发布之日起 (from publication). */
		from: calendarDate.optional(),
		/** Last viewing day, e.g. 2021-11-24. */
		until: calendarDate,
		/** Where, as printed, e.g. 标的所在地. */
		place: text,
	})
	.strict();

/** When and where the auction is held. */
export const auctionSchema = z
	.object({
		/** The start time with its offset, quoted: "2021-11-25T10:00+08:00". */
		time: zonedDateTime,
		/** The venue as printed. */
		venue: text,
	})
	.strict();

/** When and where the bids of a tender notice are opened (开标时间及地点). */
export const bidOpeningSchema = z
	.object({
		/** The bid opening (开标) time with its offset, quoted: "2021-12-02T09:30+08:00". */
		time: zonedDateTime,
		/** Where the bids are opened, as printed, e.g. 安康市公共资源交易中心开标室. */
		place: text,
	})
	.strict();

/** Where and when a bidder obtains the tender documents (招标文件的获取). */
export const tenderDocumentsSchema = z
	.object({
		/** First day the documents can be obtained, e.g. 2021-11-12. */
		from: calendarDate.optional(),
		/** Last day the documents can be obtained, e.g. 2021-11-18. */
		until: calendarDate.optional(),
		/** Where or how, as printed, e.g. 全国公共资源交易平台（陕西省·安康市）网站. */
		place: text,
	})
	.strict();

/** Fields that only a tender notice (招标公告) has, and those only an auction notice has. */
const TENDER_ONLY = ['bidOpening', 'tenderDocuments', 'qualifications'] as const;
const AUCTION_ONLY = ['auction', 'viewing', 'registrationDeadline'] as const;

/**
 * A public notice (公告). Its printed text stays as the body; these fields are
 * extracted from it so bidders can read them as a table. The status (报名中 / 已截止 /
 * 已拍卖) is computed from the dates and never written by hand.
 */
export const noticeSchema = z
	.object({
		/** The kind of notice: 拍卖公告, 招标公告, 遗失声明 or 其他公告. Each kind has its own fields. */
		kind: z.enum(NOTICE_KINDS, {
			error: `公告类型应为 ${NOTICE_KINDS.join('、')} 之一 / kind must be one of ${NOTICE_KINDS.join(', ')}`,
		}),
		/** The notice's headline as printed. */
		title: text,
		...printedItemFields,
		/** The principal (委托方) who asked for the auction, e.g. 旬阳市自然资源局. */
		principal: text.optional(),
		/** Who issues the notice: the auctioneer for an auction, e.g. 陕西昌盛永恒拍卖有限公司. */
		issuer: text,
		/** The lots (标的) for sale. */
		lots: z.array(lotSchema).default([]),
		/** Viewing period and place (标的展示时间及地点). */
		viewing: viewingSchema.optional(),
		/** Auction time and venue (拍卖时间及地点). */
		auction: auctionSchema.optional(),
		/** Tender notice only: bid opening time and place (开标时间及地点). */
		bidOpening: bidOpeningSchema.optional(),
		/** Tender notice only: where and when the tender documents are obtained (招标文件的获取). */
		tenderDocuments: tenderDocumentsSchema.optional(),
		/** Tender notice only: the bidders' qualification requirements (投标人资格要求), one per item. */
		qualifications: z.array(text).default([]),
		/** Deposits to pay (保证金). */
		deposits: z.array(depositSchema).default([]),
		/** Registration and deposit deadline with its offset, quoted: "2021-11-24T16:00+08:00". */
		registrationDeadline: zonedDateTime.optional(),
		/** Contacts as printed under the notice. */
		contacts: z.array(contactSchema).default([]),
		/** The date the notice is signed (落款日期), e.g. 2021-11-10. */
		signedDate: calendarDate.optional(),
		...redirectFields,
	})
	.strict()
	.superRefine((notice, ctx) => {
		// Each kind's own fields: a tender's opening time written as `auction` would be
		// shown as 拍卖时间.
		const written = (field: string) => {
			const value = (notice as Record<string, unknown>)[field];
			return Array.isArray(value) ? value.length > 0 : value !== undefined;
		};
		if (notice.kind === '招标公告') {
			for (const field of AUCTION_ONLY.filter(written)) {
				ctx.addIssue({
					code: 'custom',
					path: [field],
					message: `招标公告不写 ${field}（那是拍卖公告的字段），否则网站会显示成“拍卖时间” / a tender notice has no ${field} (an auction field); it would be shown as an auction`,
					params: {
						fix: '开标时间和地点写在 bidOpening（time、place），招标文件的获取写在 tenderDocuments / write the bid opening in bidOpening (time, place) and where to obtain the documents in tenderDocuments',
					},
				});
			}
			if (notice.bidOpening === undefined) {
				ctx.addIssue({
					code: 'custom',
					path: ['bidOpening'],
					message: '招标公告须填写 bidOpening（开标时间及地点）/ a tender notice needs bidOpening',
				});
			}
		} else {
			for (const field of TENDER_ONLY.filter(written)) {
				ctx.addIssue({
					code: 'custom',
					path: [field],
					message: `${field} 只用于招标公告，这则是${notice.kind} / ${field} belongs to a tender notice (招标公告); this is a ${notice.kind}`,
					params: {
						fix: `删去 ${field}，或把 kind 改成 招标公告 / remove ${field}, or change kind to 招标公告`,
					},
				});
			}
		}
		if (notice.kind !== '拍卖公告') return;
		for (const field of ['auction', 'registrationDeadline'] as const) {
			if (notice[field] === undefined) {
				ctx.addIssue({
					code: 'custom',
					path: [field],
					message: `拍卖公告须填写 ${field} / an auction notice needs ${field}`,
				});
			}
		}
		if (notice.lots.length === 0) {
			ctx.addIssue({
				code: 'custom',
				path: ['lots'],
				message: '拍卖公告至少要有一个标的 / an auction notice needs at least one lot',
			});
		}
	});

export type NoticeData = z.infer<typeof noticeSchema>;
export type NoticeKind = (typeof NOTICE_KINDS)[number];
