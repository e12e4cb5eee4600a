import { z } from 'astro/zod';
import { calendarDate, pageNumber, text } from './fields.ts';
import { pageImagePath, pagePdfPath } from './media.ts';

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
		 * The page as a PDF (版面 PDF) for readers to download, e.g. `media/2021-11-11/02.pdf`:
		 * a path inside the content folder, below `media/`.
		 */
		pdf: pagePdfPath.optional(),
		/**
		 * The page image (版面图片): a scan or a rendering of the page, JPEG, PNG, WebP or TIFF,
		 * e.g. `media/2021-11-11/02.png`. The site shows it with every item's `regions` as links.
		 */
		image: pageImagePath.optional(),
		/** A note shown with the page image (说明), e.g. 版面为据文字重排的示意，非原版. */
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
