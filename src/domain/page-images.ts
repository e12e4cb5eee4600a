import { regionPixels, type Region } from './regions.ts';

/**
 * Where the printed page's files are published, and at which sizes. Plain TS shared by
 * the routes (which write the addresses) and the build step that writes the files
 * (src/integrations/page-images.ts), so the two cannot disagree. Every image address
 * holds the digest of the source image: a changed scan gets new addresses, so browsers
 * and CDNs may cache them forever, and an unchanged one is never encoded again.
 */

/** Widths (CSS pixels at 1x) the page image is encoded at; larger than the source are left out. */
export const PAGE_IMAGE_WIDTHS = [400, 800, 1600] as const;

/**
 * Formats, best first: browsers take the first `<source>` they can read. AVIF and WebP
 * are encoded up to NARROW_MAX_WIDTH; wider sizes, which only wide screens at 2x and the
 * zoomed page load, are JPEG (see WIDE_FORMAT).
 */
export const PAGE_IMAGE_FORMATS = ['avif', 'webp', 'jpeg'] as const;
export type PageImageFormat = (typeof PAGE_IMAGE_FORMATS)[number];

/**
 * AVIF and WebP are encoded only up to this width. AVIF is offered only to narrow screens
 * (AVIF_MEDIA): it saves a third of the bytes where they matter (a phone's first view),
 * but takes two to four times as long as WebP to encode. Wide screens and zoomed pages
 * get WebP, then JPEG above this width.
 */
export const NARROW_MAX_WIDTH = 800;
export const AVIF_MAX_WIDTH = NARROW_MAX_WIDTH;
export const AVIF_MEDIA = '(max-width: 48rem)';

/**
 * The format of the widths above NARROW_MAX_WIDTH: the 1600-px page image costs a tenth
 * of WebP's encoding time as JPEG (14 against 132 ms of CPU, docs/printed-page.md,
 * "Cost"), for about 30 % more bytes, on screens that are not a phone's first view.
 */
export const WIDE_FORMAT = 'jpeg' as const satisfies PageImageFormat;

export const MIME_TYPES: Record<PageImageFormat, string> = {
	avif: 'image/avif',
	webp: 'image/webp',
	jpeg: 'image/jpeg',
};

const EXTENSIONS: Record<PageImageFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };

/** A clipping (原版剪报) is encoded at most this wide. */
export const CLIPPING_MAX_WIDTH = 800;

/** IIIF tiles are this many pixels square. */
export const IIIF_TILE_SIZE = 512;

/** A source image as the build knows it: its content digest and pixel size. */
export interface SourceImage {
	/** Hex SHA-256 of the file's bytes. */
	digest: string;
	width: number;
	height: number;
}

/** The folder of one source image's encoded files: named by its digest. */
export function imageFolder(digest: string): string {
	return `/page-images/${digest.slice(0, 20)}/`;
}

/** The widths a source image is encoded at: the standard ones it covers, or its own if smaller. */
export function widthsFor(image: Pick<SourceImage, 'width'>): number[] {
	const widths = PAGE_IMAGE_WIDTHS.filter((width) => width <= image.width);
	return widths.length > 0 ? widths : [image.width];
}

export function heightAt(image: Pick<SourceImage, 'width' | 'height'>, width: number): number {
	return Math.max(1, Math.round((image.height * width) / image.width));
}

export function variantFile(width: number, format: PageImageFormat): string {
	return `${width}.${EXTENSIONS[format]}`;
}

export function variantPath(digest: string, width: number, format: PageImageFormat): string {
	return `${imageFolder(digest)}${variantFile(width, format)}`;
}

/** The widths one format is encoded at: AVIF and WebP the narrow ones, JPEG the wider. */
export function widthsIn(image: Pick<SourceImage, 'width'>, format: PageImageFormat): number[] {
	const widths = widthsFor(image);
	const narrow = widths.filter((width) => width <= NARROW_MAX_WIDTH);
	const small = narrow.length > 0 ? narrow : widths.slice(0, 1);
	return format === WIDE_FORMAT ? widths.filter((width) => !small.includes(width)) : small;
}

/** Every width the image is encoded at, with the format it has there for `<img srcset>`. */
export function imgVariants(
	image: Pick<SourceImage, 'width'>,
): { width: number; format: PageImageFormat }[] {
	return widthsFor(image).map((width) => ({
		width,
		format: widthsIn(image, 'webp').includes(width) ? 'webp' : WIDE_FORMAT,
	}));
}

/** `srcset` of one format: every width the image is encoded at in it. */
export function srcset(image: SourceImage, format: PageImageFormat): string {
	return widthsIn(image, format)
		.map((width) => `${variantPath(image.digest, width, format)} ${width}w`)
		.join(', ');
}

/** `srcset` of the `<img>`: WebP at the narrow widths, JPEG at the wider ones. */
export function imgSrcset(image: SourceImage): string {
	return imgVariants(image)
		.map(({ width, format }) => `${variantPath(image.digest, width, format)} ${width}w`)
		.join(', ');
}

/** A rectangle in the source image's pixels, clamped. */
export interface PixelRect {
	left: number;
	top: number;
	width: number;
	height: number;
}

/**
 * One clipping (原版剪报) of an item: the smallest rectangle holding all its regions, with
 * what lies outside the regions (the notch of an L-shaped story, another item's text)
 * left blank, encoded at most CLIPPING_MAX_WIDTH wide.
 */
export interface Clipping {
	/** The bounding rectangle in the source image's pixels. */
	rect: PixelRect;
	/** Each region, in pixels relative to `rect`. */
	parts: PixelRect[];
	/** Its size as encoded. */
	width: number;
	height: number;
	file: string;
}

export function clippingOf(image: SourceImage, regions: readonly Region[]): Clipping {
	const pixels = regions.map((region) => regionPixels(region, image.width, image.height));
	const left = Math.min(...pixels.map((rect) => rect.left));
	const top = Math.min(...pixels.map((rect) => rect.top));
	const right = Math.max(...pixels.map((rect) => rect.left + rect.width));
	const bottom = Math.max(...pixels.map((rect) => rect.top + rect.height));
	const rect = { left, top, width: right - left, height: bottom - top };
	const width = Math.min(rect.width, CLIPPING_MAX_WIDTH);
	const height = Math.max(1, Math.round((rect.height * width) / rect.width));
	const name = pixels.map((part) => `${part.left}-${part.top}-${part.width}-${part.height}`);
	return {
		rect,
		parts: pixels.map((part) => ({ ...part, left: part.left - left, top: part.top - top })),
		width,
		height,
		file: `clip-${name.join('_')}.webp`,
	};
}

export function clippingPath(digest: string, clipping: Clipping): string {
	return `${imageFolder(digest)}${clipping.file}`;
}

/** The IIIF manifest of an issue. */
export function iiifManifestPath(date: string): string {
	return `/iiif/${date}/manifest.json`;
}

/** The IIIF Image API service of one page image (its `info.json` lies below it). */
export function iiifImagePath(date: string, page: number): string {
	return `/iiif/${date}/${page}`;
}

/** Where a page PDF is published: its path below the content root, as an address. */
export function pagePdfAddress(path: string): string {
	return `/${path}`;
}

/** An anchor for an item on the page view, outlined when targeted. */
export function itemAnchor(kind: string, id: string): string {
	return `item-${kind}-${id.replaceAll('/', '-')}`;
}

/** "1.2 MB", "380 KB": a file size as readers see it next to a download. */
export function readableSize(bytes: number): string {
	if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
	return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}
