import { z } from 'astro/zod';
import { calendarDate, pageNumber } from './fields.ts';
import { regionSchema } from './media.ts';

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
	 * Where it is printed on the page scan (版面图片), as rectangles `{ x, y, w, h }`: fractions
	 * of the page's width and height, measured from the top left corner. A story set in an L
	 * shape (拐弯排) has two. Only for a page that has an `image`.
	 */
	regions: z.array(regionSchema).optional(),
};
