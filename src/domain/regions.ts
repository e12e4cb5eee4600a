/**
 * Where an item sits on its printed page: rectangles as fractions (0..1) of the page's
 * width and height, origin at the top left. A story set in an L shape has two. Plain TS,
 * no Astro: the schema, the content checks, the page view and the image step share it.
 */

export interface Region {
	x: number;
	y: number;
	w: number;
	h: number;
}

/** What is wrong with a region's geometry, if anything. */
export type RegionFault = 'outside' | 'empty';

/** Rounding slack: editors measure with a ruler, importers with floats. */
const EPSILON = 1e-6;

export function regionFault(region: Region): RegionFault | undefined {
	const { x, y, w, h } = region;
	if (![x, y, w, h].every(Number.isFinite)) return 'outside';
	if (x < 0 || y < 0 || x + w > 1 + EPSILON || y + h > 1 + EPSILON) return 'outside';
	if (w <= 0 || h <= 0) return 'empty';
	return undefined;
}

/** A region in whole pixels of an image `width` × `height`, clamped to the image. */
export function regionPixels(
	region: Region,
	width: number,
	height: number,
): { left: number; top: number; width: number; height: number } {
	const left = Math.min(width - 1, Math.max(0, Math.floor(region.x * width)));
	const top = Math.min(height - 1, Math.max(0, Math.floor(region.y * height)));
	const right = Math.min(width, Math.max(left + 1, Math.ceil((region.x + region.w) * width)));
	const bottom = Math.min(height, Math.max(top + 1, Math.ceil((region.y + region.h) * height)));
	return { left, top, width: right - left, height: bottom - top };
}
