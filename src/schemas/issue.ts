import { z } from 'astro/zod';
import { calendarDate, pageNumber, text } from './fields.ts';

/** One printed page (版) of an issue. */
export const issuePageSchema = z
	.object({
		/** The page number (版次). */
		number: pageNumber,
		/** The page's name (版名) as printed, e.g. 要闻. Leave out when not printed. */
		name: text.optional(),
		/** The page editor (责编) as printed. */
		editor: text.optional(),
		/** Set to true for a page the paper printed but the archive does not hold yet. */
		missing: z.boolean().default(false),
		/**
		 * The page as printed, a PDF for readers to download: a path under the content
		 * folder, e.g. media/2021-11-11/02.pdf.
		 */
		pdf: text.optional(),
		/**
		 * The page image (PNG, JPEG, WebP or TIFF) the page view shows: a path under the
		 * content folder, e.g. media/2021-11-11/02.png.
		 */
		image: text.optional(),
		/** A note shown with the page image, e.g. that the layout was re-set from the text. */
		note: text.optional(),
	})
	.strict();

/** An issue (期): the paper of one day and the pages it printed. */
export const issueSchema = z
	.object({
		/** The issue date in China time, e.g. 2021-11-11. The file is named after it. */
		date: calendarDate,
		/** The serial number printed on the masthead (总第…期), when known. */
		number: z.number().int().min(1).optional(),
		/**
		 * True when the page does not print its date and the date was inferred from the
		 * content. The site then says 日期据内容推定; explain how in the file's body.
		 */
		dateInferred: z.boolean().default(false),
		/** Its pages, in order. Every item's `page` must be one of them. */
		pages: z.array(issuePageSchema).min(1, { error: '至少列出一个版面 / list at least one page' }),
	})
	.strict();

export type IssueData = z.infer<typeof issueSchema>;
