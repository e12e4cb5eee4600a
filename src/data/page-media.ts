import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { contentRoot } from '../config/content-root.ts';
import { MEDIA_LIMITS } from '../content-checks/limits.ts';
import type { SourceImage } from '../domain/page-images.ts';

/**
 * What the site needs of a page's files (issues' `pages[].image` and `pages[].pdf`): the
 * image's digest and pixel size, the PDF's size. Read once per build and path; the
 * content checks have already refused missing, mistyped and oversize files.
 */

export interface PageImageInfo extends SourceImage {
	/** Path below the content root, as written. */
	path: string;
	absolute: string;
}

export interface PagePdfInfo {
	path: string;
	absolute: string;
	bytes: number;
}

const images = new Map<string, Promise<PageImageInfo>>();

/** The digest and size of a page image; the pixel size as displayed (EXIF orientation applied). */
export function pageImageInfo(path: string, root = contentRoot()): Promise<PageImageInfo> {
	const absolute = join(root, path);
	let info = images.get(absolute);
	if (!info) {
		info = (async () => {
			const bytes = readFileSync(absolute);
			const digest = createHash('sha256').update(bytes).digest('hex');
			const metadata = await sharp(bytes, {
				limitInputPixels: MEDIA_LIMITS.maxImagePixels,
			}).metadata();
			const turned = (metadata.orientation ?? 1) >= 5;
			const width = turned ? metadata.height : metadata.width;
			const height = turned ? metadata.width : metadata.height;
			return { path, absolute, digest, width, height };
		})();
		images.set(absolute, info);
	}
	return info;
}

export function pagePdfInfo(path: string, root = contentRoot()): PagePdfInfo {
	const absolute = join(root, path);
	return { path, absolute, bytes: statSync(absolute).size };
}
