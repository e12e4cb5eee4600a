import { z } from 'astro/zod';
import { contactSchema, redirectFields, text } from './fields.ts';
import { printedItemFields } from './item.ts';

/** 公益宣传 is a public-service notice; 商业广告 is a paid commercial advert. */
export const ADVERT_KINDS = ['公益宣传', '商业广告'] as const;

/** An advert or public-service notice (广告 / 公益宣传), kept as printed for the record. */
export const advertSchema = z
	.object({
		/** 公益宣传 or 商业广告. */
		kind: z.enum(ADVERT_KINDS, {
			error: `广告类型应为 ${ADVERT_KINDS.join('、')} 之一 / kind must be one of ${ADVERT_KINDS.join(', ')}`,
		}),
		/** The largest line of the advert, used as its title in lists, e.g. 浓浓家乡情 幸福安康酒. */
		title: text,
		/** Who placed it, as printed, e.g. 安康市财政局. */
		sponsor: text,
		/** The other slogan lines as printed, in reading order. */
		slogans: z.array(text).default([]),
		...printedItemFields,
		/** Contacts printed on the advert. */
		contacts: z.array(contactSchema).default([]),
		...redirectFields,
	})
	.strict();

export type AdvertData = z.infer<typeof advertSchema>;
export type AdvertKind = (typeof ADVERT_KINDS)[number];
