/** Anything printed on a page: an article, a notice or an advert. */
export interface PrintedItem {
	id: string;
	date: string;
	page: number;
	order?: number | undefined;
}

/**
 * Items of one page in the order they were printed: by `order`, then items without
 * one by id, so a page reads the same on every build.
 */
export function comparePrintOrder(a: PrintedItem, b: PrintedItem): number {
	const orderA = a.order ?? Number.POSITIVE_INFINITY;
	const orderB = b.order ?? Number.POSITIVE_INFINITY;
	if (orderA !== orderB) return orderA - orderB;
	return a.id.localeCompare(b.id);
}

/** Items in archive order: newest issue first, then by page and print order. */
export function compareNewestFirst(a: PrintedItem, b: PrintedItem): number {
	return b.date.localeCompare(a.date) || a.page - b.page || comparePrintOrder(a, b);
}
