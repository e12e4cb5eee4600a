import { z } from 'astro/zod';
import { redirectFields, text } from './fields.ts';

export const HONOUR_LEVELS = ['县级', '市级', '省级', '全国'] as const;
export const HONOUR_CATEGORIES = [
	'助人为乐',
	'见义勇为',
	'诚实守信',
	'敬业奉献',
	'孝老爱亲',
] as const;

/** One honour a person received. */
export const honourSchema = z
	.object({
		/** The honour as printed, e.g. 全国道德模范 or 陕西好人. */
		title: text,
		/** Its level: 县级, 市级, 省级 or 全国. Leave out when the source does not say. */
		level: z
			.enum(HONOUR_LEVELS, {
				error: `级别应为 ${HONOUR_LEVELS.join('、')} 之一 / level must be one of ${HONOUR_LEVELS.join(', ')}`,
			})
			.optional(),
		/** Its category: 助人为乐, 见义勇为, 诚实守信, 敬业奉献 or 孝老爱亲, where known. */
		category: z
			.enum(HONOUR_CATEGORIES, {
				error: `类别应为 ${HONOUR_CATEGORIES.join('、')} 之一 / category must be one of ${HONOUR_CATEGORIES.join(', ')}`,
			})
			.optional(),
		/** The year it was given, where known, e.g. 2021. */
		year: z.number().int().min(1949).max(2100).optional(),
	})
	.strict();

/** Where a person lives or works, as precisely as the source says. */
export const placeSchema = z
	.object({
		/** County or county-level city, e.g. 旬阳市. */
		county: text.optional(),
		/** Township or town, e.g. 小河镇. */
		township: text.optional(),
		/** Village or community, e.g. 神河社区. */
		village: text.optional(),
	})
	.strict();

/** A person profile (人物): a moral model (道德模范) or good person (好人) the paper wrote about. */
export const personSchema = z
	.object({
		/** The person's name, e.g. 朱海义. */
		name: text,
		/** Where the person lives or works. */
		place: placeSchema.prefault({}),
		/** What the person is known for, in one sentence taken from the paper, e.g. 小河镇村民. */
		description: text,
		/** Honours in the order received. */
		honours: z.array(honourSchema).default([]),
		...redirectFields,
	})
	.strict();

export type PersonData = z.infer<typeof personSchema>;
export type HonourLevel = (typeof HONOUR_LEVELS)[number];
export type HonourCategory = (typeof HONOUR_CATEGORIES)[number];
