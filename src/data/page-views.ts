import type { Region } from '../domain/regions.ts';
import { clippingOf, clippingPath, itemAnchor } from '../domain/page-images.ts';
import { issuePagePath } from '../domain/routes.ts';
import {
	describePrinted,
	type Archive,
	type ArchiveStory,
	type PageContents,
	type PrintedEntry,
} from './archive-model.ts';
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

export interface ClippingView {
	/** The page view with the item outlined. */
	href: string;
	page: number;
	image: { src: string; width: number; height: number };
	/** The page's note, e.g. that its layout was re-set from the text: it goes with every cut. */
	note?: string | undefined;
}

/** The clipping (原版剪报) of one printed item: its regions cut from its page's image. */
export async function clippingView(
	pages: readonly PageContents[] | undefined,
	item: PrintedEntry,
): Promise<ClippingView | undefined> {
	const { date, page: number } = item.entry.data;
	const page = pages?.find((candidate) => candidate.number === number);
	const regions = regionsOf(item);
	if (!page?.image || regions.length === 0) return undefined;
	const image = await pageImageInfo(page.image);
	return {
		href: `${issuePagePath(date, number)}#${itemAnchor(item.kind, item.entry.id)}`,
		page: number,
		note: page.note,
		image: (() => {
			const clipping = clippingOf(image, regions);
			return {
				src: clippingPath(image.digest, clipping),
				width: clipping.width,
				height: clipping.height,
			};
		})(),
	};
}

/** The clipping of each part of a story, where its page has an image and it has regions. */
export function storyClippings(
	archive: Archive,
	story: ArchiveStory,
): Promise<(ClippingView | undefined)[]> {
	return Promise.all(
		story.parts.map(({ part }) =>
			clippingView(archive.pagesByDate.get(part.date), {
				kind: 'article',
				entry: part.entry,
				storyId: story.id,
			}),
		),
	);
}
