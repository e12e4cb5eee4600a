import { z } from 'astro/zod';
import { personId, redirectFields, text } from './fields.ts';
import { printedItemFields } from './item.ts';

/** A pointer to the page a story continues from (上接) or on (下转). */
export const continuationSchema = z
	.object({
		/** The page the other part is printed on, e.g. 1 for 上接一版. */
		page: z.number().int().min(1),
		/**
		 * The id of the article file that holds the other part, when the archive has it,
		 * e.g. `2021-11-11/01-tashiliuyin`. Leave it out when that page is not archived:
		 * the site then says the part is missing instead of linking.
		 */
		article: z.string().optional(),
	})
	.strict();

/**
 * An article (文章): one part of a story as printed on one page.
 * A story that runs across pages is filed as one part per page, linked by
 * `continuedFrom` / `continuedOn`; the site joins the parts into one story.
 */
export const articleSchema = z
	.object({
		/**
		 * The headline (主题) as printed. Required, except for a continuation part
		 * (`continuedFrom` set) that prints no headline of its own: the site then says
		 * where the headline ran instead of inventing one.
		 */
		title: text.optional(),
		/** The kicker (引题) printed above the headline. */
		kicker: text.optional(),
		/** The subtitle (副题) printed below the headline, without the leading dash. */
		subtitle: text.optional(),
		...printedItemFields,
		/** The page's name (版名), e.g. 要闻 or 综合, when printed. */
		section: text.optional(),
		/** Reporters and writers as printed in the byline, e.g. [本报记者 张三]. */
		authors: z.array(text).default([]),
		/** Places the story is about: county, town, village, e.g. [旬阳]. */
		places: z.array(text).default([]),
		/** Free keywords for readers, e.g. [道德模范, 抓落实]. */
		tags: z.array(text).default([]),
		/** People with a profile under `content/people/` whom the article mentions, by id. */
		people: z.array(personId).default([]),
		/** 上接: the page this part continues from. */
		continuedFrom: continuationSchema.optional(),
		/** 下转: the page this part continues on. */
		continuedOn: continuationSchema.optional(),
		...redirectFields,
	})
	.strict()
	.superRefine((article, ctx) => {
		if (article.title === undefined && article.continuedFrom === undefined) {
			ctx.addIssue({
				code: 'custom',
				path: ['title'],
				message:
					'缺少标题；只有“上接”续文可以不写标题 / the title is missing; only a continuation part (continuedFrom) may go without one',
			});
		}
	});

export type ArticleData = z.infer<typeof articleSchema>;
