import type { Region } from '../domain/regions.ts';
import { itemAnchor } from '../domain/page-images.ts';
import { describePrinted, type PageContents, type PrintedEntry } from './archive-model.ts';
import { pageImageInfo, pagePdfInfo, type PageImageInfo, type PagePdfInfo } from './page-media.ts';

/**
 * A printed page as its view shows it: the image and PDF (when the issue names them)
 * and each item with its title, link, anchor and regions, in print order. No Astro
 * runtime import: the routes and the IIIF manifest share it.
 */

export interface PageItemView {
	kind: ReturnType<typeof describePrinted>['kind'];
	title: string;
	href: string;
	anchor: string;
	regions: Region[];
	entry: PrintedEntry;
}

export interface PageView {
	image?: PageImageInfo | undefined;
	pdf?: PagePdfInfo | undefined;
	items: PageItemView[];
}

export function regionsOf(item: PrintedEntry): Region[] {
	return (item.entry.data as { regions?: Region[] | undefined }).regions ?? [];
}

export async function pageView(page: PageContents): Promise<PageView> {
	const image = page.image ? await pageImageInfo(page.image) : undefined;
	const pdf = page.pdf ? pagePdfInfo(page.pdf) : undefined;
	const items = page.items.map((item) => {
		const described = describePrinted(item);
		return {
			...described,
			anchor: itemAnchor(item.kind, item.entry.id),
			regions: image ? regionsOf(item) : [],
			entry: item,
		};
	});
	return { image, pdf, items };
}

/** What of a page's files its pages show: for cache keys (page-keys.ts covers the entries). */
export function mediaFacts(view: Pick<PageView, 'image' | 'pdf'>): unknown {
	return {
		image: view.image && [view.image.digest, view.image.width, view.image.height],
		pdf: view.pdf && [view.pdf.path, view.pdf.bytes],
	};
}
