import type { AstroIntegration } from 'astro';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { contentRoot } from '../config/content-root.ts';
import { MEDIA_LIMITS } from '../content-checks/limits.ts';
import { listEntryFiles, readEntry } from '../content-checks/load.ts';
import { dateOf, pageOf, PRINTED } from '../content-checks/summary.ts';
import { pageImageInfo, type PageImageInfo } from '../data/page-media.ts';
import {
	clippingOf,
	heightAt,
	IIIF_TILE_SIZE,
	iiifImagePath,
	imageFolder,
	PAGE_IMAGE_FORMATS,
	variantFile,
	widthsFor,
	widthsIn,
	type Clipping,
} from '../domain/page-images.ts';
import type { Region } from '../domain/regions.ts';

/**
 * Writes the printed page's files into the built site after Astro has written the pages:
 * each page image at every width in AVIF and WebP, the clipping (原版剪报) of every item
 * with regions, IIIF level-0 tiles with their `info.json`, and the page PDFs. Addresses
 * come from src/domain/page-images.ts, which the routes use too.
 *
 * Why not Astro's image pipeline (`astro:assets`)? It transforms images that Vite imports,
 * so a page image would have to be reachable from the project's module graph, while
 * `ARCHIVE_CONTENT` may point anywhere; and the tiles and clippings need the source file
 * anyway. This step uses sharp, the library behind Astro's own image service, and keeps
 * its own cache the way Astro keeps its image cache: in the cache folder (`cacheDir`,
 * `node_modules/.astro/` by default), one folder per source image named by the SHA-256 of
 * its bytes. An image already encoded is copied (hard-linked) into the site, never encoded
 * again; a build logs how many it encoded and how many it reused. Only pages' images are
 * cached by digest: a changed scan gets a new folder, and a new address on the site.
 */

interface PageJob {
	date: string;
	number: number;
	image?: string;
	pdf?: string;
}

interface ItemRegions {
	date: string;
	page: number;
	regions: Region[];
}

/** What the content asks for: pages with files and items with regions, read from the files. */
async function readJobs(root: string): Promise<{ pages: PageJob[]; items: ItemRegions[] }> {
	const pages: PageJob[] = [];
	const items: ItemRegions[] = [];
	for (const target of await listEntryFiles(root)) {
		if (target.collection !== 'issues' && !PRINTED.includes(target.collection)) continue;
		const { entry } = readEntry(target, readFileSync(target.absolute));
		if (!entry.readable) continue;
		const date = dateOf(entry.data.date);
		if (date === undefined) continue;
		if (target.collection === 'issues') {
			const written = Array.isArray(entry.data.pages) ? entry.data.pages : [];
			for (const page of written as Record<string, unknown>[]) {
				const number = pageOf(page?.number);
				if (number === undefined || page.missing === true) continue;
				const job: PageJob = { date, number };
				if (typeof page.image === 'string') job.image = page.image;
				if (typeof page.pdf === 'string') job.pdf = page.pdf;
				if (job.image || job.pdf) pages.push(job);
			}
		} else {
			const page = pageOf(entry.data.page);
			const regions = entry.data.regions;
			if (page !== undefined && Array.isArray(regions) && regions.length > 0)
				items.push({ date, page, regions: regions as Region[] });
		}
	}
	return { pages, items };
}

function source(image: PageImageInfo) {
	// EXIF orientation applied, as pageImageInfo reports the size.
	return sharp(image.absolute, { limitInputPixels: MEDIA_LIMITS.maxImagePixels }).rotate();
}

/** Encodes the widths, formats and tiles of one image into `folder` (all or nothing). */
async function encodeImage(image: PageImageInfo, folder: string): Promise<void> {
	const work = `${folder}.tmp-${process.pid}`;
	await rm(work, { recursive: true, force: true });
	await mkdir(work, { recursive: true });
	for (const width of widthsFor(image)) {
		const resized = source(image).resize({ width, height: heightAt(image, width) });
		const encodes = [
			resized
				.clone()
				.webp({ quality: 72 })
				.toFile(join(work, variantFile(width, 'webp'))),
		];
		if (widthsIn(image, 'avif').includes(width))
			encodes.push(
				resized
					.clone()
					.avif({ quality: 50, effort: 2 })
					.toFile(join(work, variantFile(width, 'avif'))),
			);
		await Promise.all(encodes);
	}
	await source(image)
		.flatten({ background: '#ffffff' })
		.jpeg({ quality: 80 })
		.tile({ layout: 'iiif3', size: IIIF_TILE_SIZE, id: 'https://example.invalid' })
		.toFile(join(work, 'tiles'));
	await rm(folder, { recursive: true, force: true });
	await rename(work, folder);
}

/** Cuts an item's regions from the page onto a blank of their bounding box, and encodes it. */
async function encodeClipping(image: PageImageInfo, clipping: Clipping, file: string) {
	const temporary = `${file}.tmp-${process.pid}`;
	const { rect, parts } = clipping;
	const pieces = await Promise.all(
		parts.map(async (part) => ({
			input: await source(image)
				.extract({ ...part, left: rect.left + part.left, top: rect.top + part.top })
				.toBuffer(),
			left: part.left,
			top: part.top,
		})),
	);
	const composed = await sharp({
		create: { width: rect.width, height: rect.height, channels: 3, background: '#ffffff' },
	})
		.composite(pieces)
		.png()
		.toBuffer();
	await sharp(composed)
		.resize({ width: clipping.width, height: clipping.height })
		.webp({ quality: 80 })
		.toFile(temporary);
	await rename(temporary, file);
}

async function linkOrCopy(from: string, to: string): Promise<void> {
	await mkdir(dirname(to), { recursive: true });
	await rm(to, { force: true });
	try {
		await link(from, to);
	} catch {
		await copyFile(from, to);
	}
}

/**
 * Puts an image's tiles below `target` with `info.json` naming its final address, and
 * listing the whole-image sizes sharp wrote (`full/<w>,<h>/`) as `sizes`.
 */
async function publishTiles(tiles: string, target: string, id: string): Promise<number> {
	const files = (await readdir(tiles, { recursive: true, withFileTypes: true })).filter((entry) =>
		entry.isFile(),
	);
	for (const entry of files) {
		const from = join(entry.parentPath, entry.name);
		if (entry.name === 'info.json') continue;
		await linkOrCopy(from, join(target, from.slice(tiles.length + 1)));
	}
	const info = JSON.parse(await readFile(join(tiles, 'info.json'), 'utf8')) as Record<
		string,
		unknown
	>;
	const full = await readdir(join(tiles, 'full')).catch(() => [] as string[]);
	const sizes = full
		.map((name) => /^(\d+),(\d+)$/.exec(name))
		.filter((match): match is RegExpExecArray => match !== null)
		.map((match) => ({ width: Number(match[1]), height: Number(match[2]) }))
		.sort((a, b) => a.width - b.width);
	const published = { ...info, id, ...(sizes.length > 0 && { sizes }) };
	await mkdir(target, { recursive: true });
	await writeFile(join(target, 'info.json'), `${JSON.stringify(published, null, '\t')}\n`);
	return files.length;
}

export interface PageImagesReport {
	encoded: number;
	reused: number;
	clippingsEncoded: number;
	clippingsReused: number;
	tiles: number;
	pdfs: number;
}

/** Writes every page file the content asks for into `distDir`. */
export async function writePageFiles(options: {
	root: string;
	distDir: string;
	cacheDir: string;
	site: string;
}): Promise<PageImagesReport> {
	const { root, distDir, cacheDir, site } = options;
	const report: PageImagesReport = {
		encoded: 0,
		reused: 0,
		clippingsEncoded: 0,
		clippingsReused: 0,
		tiles: 0,
		pdfs: 0,
	};
	const { pages, items } = await readJobs(root);
	for (const page of pages) {
		if (page.pdf) {
			await linkOrCopy(join(root, page.pdf), join(distDir, page.pdf));
			report.pdfs++;
		}
		if (!page.image) continue;
		const image = await pageImageInfo(page.image, root);
		const folder = join(cacheDir, 'page-images', image.digest);
		if (existsSync(join(folder, 'tiles', 'info.json'))) report.reused++;
		else {
			await encodeImage(image, folder);
			report.encoded++;
		}
		const published = join(distDir, imageFolder(image.digest));
		for (const format of PAGE_IMAGE_FORMATS)
			for (const width of widthsIn(image, format))
				await linkOrCopy(
					join(folder, variantFile(width, format)),
					join(published, variantFile(width, format)),
				);
		const onPage = items.filter((item) => item.date === page.date && item.page === page.number);
		for (const { regions } of onPage) {
			const clipping = clippingOf(image, regions);
			const file = join(folder, clipping.file);
			if (existsSync(file)) report.clippingsReused++;
			else {
				await encodeClipping(image, clipping, file);
				report.clippingsEncoded++;
			}
			await linkOrCopy(file, join(published, clipping.file));
		}
		const service = iiifImagePath(page.date, page.number);
		report.tiles += await publishTiles(
			join(folder, 'tiles'),
			join(distDir, service),
			new URL(service.slice(1), site).href,
		);
	}
	return report;
}

export function pageImages(): AstroIntegration {
	let cacheDir = '';
	let site = '';
	return {
		name: 'archive:page-images',
		hooks: {
			'astro:config:done': ({ config }) => {
				cacheDir = fileURLToPath(config.cacheDir);
				site = config.site ?? 'http://localhost/';
			},
			'astro:build:done': async ({ dir, logger }) => {
				const started = performance.now();
				const report = await writePageFiles({
					root: contentRoot(),
					distDir: fileURLToPath(dir),
					cacheDir,
					site,
				});
				if (report.encoded + report.reused + report.pdfs === 0) return;
				const seconds = ((performance.now() - started) / 1000).toFixed(2);
				logger.info(
					`page images: ${report.encoded} encoded, ${report.reused} reused from the cache; clippings: ${report.clippingsEncoded} encoded, ${report.clippingsReused} reused; ${report.tiles} IIIF tiles, ${report.pdfs} PDFs copied in ${seconds} s`,
				);
			},
		},
	};
}
