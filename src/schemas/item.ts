import { z } from 'astro/zod';
import { calendarDate, pageNumber } from './fields.ts';

/**
 * One rectangle of an item's area on its page, as fractions of the page image's width and
 * height (0 to 1, origin at the top left, up to 4 decimals).
 */
export const regionSchema = z
	.object({
		/** Left edge, as a fraction of the page's width: 0 is the left edge of the page. */
		x: z.number().min(0).max(1),
		/** Top edge, as a fraction of the page's height: 0 is the top of the page. */
		y: z.number().min(0).max(1),
		/** Width, as a fraction of the page's width. */
		w: z.number().gt(0).max(1),
		/** Height, as a fraction of the page's height. */
		h: z.number().gt(0).max(1),
	})
	.strict();

/**
 * Where an item was printed. Articles, notices and adverts all carry it, so the page
 * (版) view can put everything printed on a page back in print order.
 */
export const printedItemFields = {
	/** The date of the issue (期) the item was printed in, in China time: `2021-11-11`. */
	date: calendarDate,
	/** The page (版次) it was printed on: 1 for the front page. */
	page: pageNumber,
	/**
	 * Position on the printed page, top to bottom, right to left as read: 1 is first.
	 * Items without it follow those with it, in file-name order.
	 */
	order: z.number().int().min(1).optional(),
	/**
	 * The item's area on the page image, as rectangles: one for a story set in a block,
	 * two or more for one set in an L shape. The PDF import writes them for a page PDF;
	 * for a scan, measure them by hand. Needs the page image in the issue file.
	 */
	regions: z.array(regionSchema).min(1).optional(),
};
