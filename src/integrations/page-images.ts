import type { AstroIntegration } from 'astro';
import {
	copyFileSync,
	existsSync,
	linkSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId, Worker } from 'node:worker_threads';
import sharp, { type Sharp } from 'sharp';
import { contentRoot } from '../config/content-root.ts';
import { envWithoutSecrets } from './child-env.ts';
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
	type PageImageFormat,
	variantFile,
	widthsFor,
	widthsIn,
	type Clipping,
} from '../domain/page-images.ts';
import type { Region } from '../domain/regions.ts';

/**
 * Writes the printed page's files into the built site after Astro has written the pages:
 * each page image at every width (AVIF and WebP up to 800 px, JPEG above), the clipping
 * (原版剪报) of every item with regions, IIIF level-0 tiles with their `info.json`, and the
 * page PDFs. Addresses come from src/domain/page-images.ts, which the routes use too.
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

export interface PageJob {
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

/** A printed item's folder: its date (`content-checks/placement.ts`). */
const DATE_FOLDER = /^(\d{4}-\d{2}-\d{2})\//;

/**
 * What the content asks for: pages with files and items with regions, read from the files.
 * The issues come first; then only the items that can be on a page with an image. A printed
 * item's folder is its date (the build refuses any other, `content-checks/placement.ts`), so
 * items in a dated folder without page images are not read: at 100,000 articles and no page
 * images, reading every item took 16 CPU-s of each build's second core, beside content sync.
 */
async function readJobs(root: string): Promise<{ pages: PageJob[]; items: ItemRegions[] }> {
	const pages: PageJob[] = [];
	const items: ItemRegions[] = [];
	const files = await listEntryFiles(root);
	for (const target of files) {
		if (target.collection !== 'issues') continue;
		const { entry } = readEntry(target, readFileSync(target.absolute));
		if (!entry.readable) continue;
		const date = dateOf(entry.data.date);
		if (date === undefined) continue;
		const written = Array.isArray(entry.data.pages) ? entry.data.pages : [];
		for (const page of written as Record<string, unknown>[]) {
			const number = pageOf(page?.number);
			if (number === undefined || page.missing === true) continue;
			const job: PageJob = { date, number };
			if (typeof page.image === 'string') job.image = page.image;
			if (typeof page.pdf === 'string') job.pdf = page.pdf;
			if (job.image || job.pdf) pages.push(job);
		}
	}
	const imaged = new Set(pages.filter((job) => job.image).map((job) => job.date));
	for (const target of files) {
		if (!PRINTED.includes(target.collection)) continue;
		const folder = DATE_FOLDER.exec(target.relativePath)?.[1];
		if (folder !== undefined && !imaged.has(folder)) continue;
		const { entry } = readEntry(target, readFileSync(target.absolute));
		if (!entry.readable) continue;
		const date = dateOf(entry.data.date);
		const page = pageOf(entry.data.page);
		const regions = entry.data.regions;
		if (date !== undefined && page !== undefined && Array.isArray(regions) && regions.length > 0)
			items.push({ date, page, regions: regions as Region[] });
	}
	return { pages, items };
}

function source(image: PageImageInfo) {
	// EXIF orientation applied, as pageImageInfo reports the size.
	return sharp(image.absolute, { limitInputPixels: MEDIA_LIMITS.maxImagePixels }).rotate();
}

/** A page image decoded once: every width, tile and clipping is cut from these pixels. */
interface Decoded {
	data: Buffer;
	info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

async function toPixels(image: Sharp): Promise<Decoded> {
	const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
	return { data, info: { width: info.width, height: info.height, channels: info.channels } };
}

function decode(image: PageImageInfo): Promise<Decoded> {
	return toPixels(source(image));
}

function fromPixels({ data, info }: Decoded) {
	return sharp(data, { raw: info });
}

/**
 * Encoder settings, chosen by measurement on the bench's 2000-px pages of type
 * (docs/printed-page.md, “Cost”; `bench/page-image-steps.ts` times each step): libaom's
 * fastest AVIF effort and 4:2:0 chroma, which type in black and grey does not need; WebP's
 * fastest effort (10–15 % more bytes than effort 2 at half the time); JPEG without the
 * second, Huffman-optimising pass (4 % more bytes at half the time) for the wide size and
 * the IIIF tiles. Bump ENCODING when any of these change: the cache is kept per version.
 */
const ENCODING = 2;
const AVIF = { quality: 50, effort: 0, chromaSubsampling: '4:2:0' } as const;
const WEBP = { quality: 72, effort: 0 } as const;
const JPEG = { quality: 75, optimiseCoding: false } as const;
const TILE_JPEG = { quality: 80, optimiseCoding: false } as const;

/** Where the cache keeps the files encoded from one source image. */
function cacheFolder(cacheDir: string, digest: string): string {
	return join(cacheDir, 'page-images', `v${ENCODING}-${digest}`);
}

const encoders = {
	avif: (image: Sharp) => image.avif(AVIF),
	webp: (image: Sharp) => image.webp(WEBP),
	jpeg: (image: Sharp) => image.flatten({ background: '#ffffff' }).jpeg(JPEG),
} satisfies Record<PageImageFormat, (image: Sharp) => Sharp>;

/**
 * Encodes the widths, formats and tiles of one image into `folder` (all or nothing). Each
 * width is shrunk from the next wider one (master → 1600 → 800 → 400), not from the
 * master: a quarter of the pixels to read at each step, and no visible difference.
 */
async function encodeImage(pixels: Decoded, image: PageImageInfo, folder: string): Promise<void> {
	const work = `${folder}.tmp-${process.pid}-${threadId}`;
	await rm(work, { recursive: true, force: true });
	await mkdir(work, { recursive: true });
	let wider = pixels;
	for (const width of widthsFor(image).toReversed()) {
		const resized =
			width === wider.info.width
				? wider
				: await toPixels(fromPixels(wider).resize({ width, height: heightAt(image, width) }));
		for (const format of PAGE_IMAGE_FORMATS)
			if (widthsIn(image, format).includes(width))
				await encoders[format](fromPixels(resized)).toFile(join(work, variantFile(width, format)));
		wider = resized;
	}
	await fromPixels(pixels)
		.flatten({ background: '#ffffff' })
		.jpeg(TILE_JPEG)
		.tile({ layout: 'iiif3', size: IIIF_TILE_SIZE, id: 'https://example.invalid' })
		.toFile(join(work, 'tiles'));
	await rm(folder, { recursive: true, force: true });
	await rename(work, folder);
}

/**
 * Cuts an item's regions from the page onto a blank of their bounding box, and encodes it:
 * raw pixels throughout, one encoding, the page's WebP settings.
 */
async function encodeClipping(pixels: Decoded, clipping: Clipping, file: string) {
	const temporary = `${file}.tmp-${process.pid}-${threadId}`;
	const { rect, parts } = clipping;
	const cut = (part: (typeof parts)[number]) =>
		fromPixels(pixels).extract({ ...part, left: rect.left + part.left, top: rect.top + part.top });
	let clipped: Sharp;
	if (parts.length === 1 && parts[0]!.width === rect.width && parts[0]!.height === rect.height)
		clipped = cut(parts[0]!);
	else {
		const pieces = await Promise.all(
			parts.map(async (part) => {
				const piece = await toPixels(cut(part));
				return { input: piece.data, raw: piece.info, left: part.left, top: part.top };
			}),
		);
		const composed = await toPixels(
			sharp({
				create: {
					width: rect.width,
					height: rect.height,
					// sharp's blank has three or four channels; a grey piece is drawn in colour.
					channels: pixels.info.channels % 2 === 0 ? 4 : 3,
					background: '#ffffff',
				},
			}).composite(pieces),
		);
		clipped = fromPixels(composed);
		// Compositing adds an alpha channel; an opaque page needs none.
		if (pixels.info.channels % 2 === 1) clipped = clipped.removeAlpha();
	}
	if (clipping.width !== rect.width || clipping.height !== rect.height)
		clipped = clipped.resize({ width: clipping.width, height: clipping.height });
	await clipped.webp(WEBP).toFile(temporary);
	await rename(temporary, file);
}

/**
 * Hard-links (or copies, across devices) cached files into the site. Synchronous, with each
 * folder made once: a page has some fifty files (34 tiles at 2000 px), and at 278 pages the
 * three awaited calls a file took 20 s of a loaded build's wall time, the build waiting on
 * nothing else.
 */
class Linker {
	private readonly folders = new Set<string>();

	link(from: string, to: string): void {
		const folder = dirname(to);
		if (!this.folders.has(folder)) {
			mkdirSync(folder, { recursive: true });
			this.folders.add(folder);
		}
		try {
			linkSync(from, to);
			return;
		} catch (error) {
			// A file left by an earlier build: replaced.
			if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
				rmSync(to, { force: true });
				try {
					linkSync(from, to);
					return;
				} catch {
					// copied below
				}
			}
		}
		copyFileSync(from, to);
	}
}

/**
 * Puts an image's tiles below `target` with `info.json` naming its final address, and
 * listing the whole-image sizes sharp wrote (`full/<w>,<h>/`) as `sizes`.
 */
function publishTiles(linker: Linker, tiles: string, target: string, id: string): number {
	const files = readdirSync(tiles, { recursive: true, withFileTypes: true }).filter((entry) =>
		entry.isFile(),
	);
	for (const entry of files) {
		const from = join(entry.parentPath, entry.name);
		if (entry.name === 'info.json') continue;
		linker.link(from, join(target, from.slice(tiles.length + 1)));
	}
	const info = JSON.parse(readFileSync(join(tiles, 'info.json'), 'utf8')) as Record<
		string,
		unknown
	>;
	const full = existsSync(join(tiles, 'full')) ? readdirSync(join(tiles, 'full')) : [];
	const sizes = full
		.map((name) => /^(\d+),(\d+)$/.exec(name))
		.filter((match): match is RegExpExecArray => match !== null)
		.map((match) => ({ width: Number(match[1]), height: Number(match[2]) }))
		.sort((a, b) => a.width - b.width);
	const published = { ...info, id, ...(sizes.length > 0 && { sizes }) };
	mkdirSync(target, { recursive: true });
	writeFileSync(join(target, 'info.json'), `${JSON.stringify(published, null, '\t')}\n`);
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

type CacheReport = Pick<
	PageImagesReport,
	'encoded' | 'reused' | 'clippingsEncoded' | 'clippingsReused'
>;

/** A page the cache holds everything for: what `publish` links into the site. */
export interface PreparedPage {
	job: PageJob;
	image?: PageImageInfo;
	clippings: Clipping[];
}

export interface FilledCache {
	pages: PreparedPage[];
	report: CacheReport;
}

/**
 * Encodes into the cache what it lacks for the content's pages: per image, its widths,
 * formats and tiles (once per digest) and the clippings of its items. Two pages at a time
 * once `wide` resolves (at once by default): until then one, so that a build running beside
 * it keeps a core (see `startFilling`).
 */
export async function fillCache(
	root: string,
	cacheDir: string,
	wide: Promise<void> = Promise.resolve(),
): Promise<FilledCache> {
	const report: CacheReport = { encoded: 0, reused: 0, clippingsEncoded: 0, clippingsReused: 0 };
	const { pages, items } = await readJobs(root);
	const prepared: PreparedPage[] = pages.map((job) => ({ job, clippings: [] }));
	const queue = prepared.filter((page) => page.job.image);
	const encoding = new Map<string, Promise<void>>();
	const preparePage = async (page: PreparedPage) => {
		const { job } = page;
		const image = await pageImageInfo(job.image!, root);
		page.image = image;
		const folder = cacheFolder(cacheDir, image.digest);
		const onPage = items.filter((item) => item.date === job.date && item.page === job.number);
		page.clippings = onPage.map(({ regions }) => clippingOf(image, regions));
		const whole = !existsSync(join(folder, 'tiles', 'info.json'));
		const missing = page.clippings.filter((clipping) => !existsSync(join(folder, clipping.file)));
		if (!whole || encoding.has(image.digest)) report.reused++;
		report.clippingsReused += page.clippings.length - missing.length;
		if (!whole && missing.length === 0) return;
		// One image on two pages: encoded once, the second page waits for it.
		const running = encoding.get(image.digest);
		if (running) await running;
		const work = (async () => {
			const pixels = await decode(image);
			if (whole && !running) {
				await encodeImage(pixels, image, folder);
				report.encoded++;
			}
			for (const clipping of missing) {
				if (existsSync(join(folder, clipping.file))) continue;
				await encodeClipping(pixels, clipping, join(folder, clipping.file));
				report.clippingsEncoded++;
			}
		})();
		encoding.set(image.digest, work);
		await work;
	};
	const lane = async () => {
		for (let page = queue.shift(); page; page = queue.shift()) await preparePage(page);
	};
	let second: Promise<void> | undefined;
	void wide.then(() => {
		second = lane();
	});
	await lane();
	// The second lane, if it started, may still be on its last page.
	await second;
	return { pages: prepared, report };
}

/** Links (or copies) what the cache holds for `pages` into `distDir`, with the PDFs. */
function publish(
	pages: readonly PreparedPage[],
	root: string,
	cacheDir: string,
	distDir: string,
	site: string,
): Pick<PageImagesReport, 'tiles' | 'pdfs'> {
	const linker = new Linker();
	let tiles = 0;
	let pdfs = 0;
	for (const { job, image, clippings } of pages) {
		if (job.pdf) {
			linker.link(join(root, job.pdf), join(distDir, job.pdf));
			pdfs++;
		}
		if (!image) continue;
		const folder = cacheFolder(cacheDir, image.digest);
		const published = join(distDir, imageFolder(image.digest));
		const files = [
			...PAGE_IMAGE_FORMATS.flatMap((format) =>
				widthsIn(image, format).map((width) => variantFile(width, format)),
			),
			...clippings.map((clipping) => clipping.file),
		];
		for (const file of files) linker.link(join(folder, file), join(published, file));
		const service = iiifImagePath(job.date, job.number);
		tiles += publishTiles(
			linker,
			join(folder, 'tiles'),
			join(distDir, service),
			new URL(service.slice(1), site).href,
		);
	}
	return { tiles, pdfs };
}

/** Writes every page file the content asks for into `distDir`. */
export async function writePageFiles(options: {
	root: string;
	distDir: string;
	cacheDir: string;
	site: string;
	/** The cache, filled already (by `startFilling`); filled here when left out. */
	filled?: FilledCache;
}): Promise<PageImagesReport> {
	const { root, distDir, cacheDir, site } = options;
	const { pages, report } = options.filled ?? (await fillCache(root, cacheDir));
	return { ...report, ...publish(pages, root, cacheDir, distDir, site) };
}

/** What the worker thread (`page-images-worker.ts`) is given and answers. */
export interface FillRequest {
	root: string;
	cacheDir: string;
}
export type FillReply = { ok: true; filled: FilledCache } | { ok: false; error: string };

/**
 * Starts filling the cache in a worker thread, to run beside Astro's own work (content
 * sync, bundling and page rendering use one core): one page at a time, on one libvips
 * thread, until `widen()` is called (when the build needs the files), then on every core.
 * Resolves with the filled cache, or `undefined` if the worker failed: the build then
 * fills it in-process, and reports any error there.
 */
function startFilling(request: FillRequest): {
	done: Promise<FilledCache | undefined>;
	widen: () => void;
} {
	const worker = new Worker(new URL('./page-images-worker.ts', import.meta.url), {
		env: envWithoutSecrets(),
		workerData: request,
	});
	// A build that stops early (a failed check) must not wait for it.
	worker.unref();
	const done = new Promise<FilledCache | undefined>((resolve) => {
		worker.once('message', (reply: FillReply) => resolve(reply.ok ? reply.filled : undefined));
		worker.once('error', () => resolve(undefined));
		worker.once('exit', () => resolve(undefined));
	});
	return {
		done,
		widen: () => {
			// Awaited from now on: the worker must keep the process alive.
			worker.ref();
			worker.postMessage('widen');
		},
	};
}

export function pageImages(): AstroIntegration {
	let cacheDir = '';
	let site = '';
	let command = '';
	let filling: ReturnType<typeof startFilling> | undefined;
	return {
		name: 'archive:page-images',
		hooks: {
			'astro:config:setup': (options) => {
				command = options.command;
			},
			'astro:config:done': ({ config }) => {
				cacheDir = fileURLToPath(config.cacheDir);
				site = config.site ?? 'http://localhost/';
				// Started now, the encoding overlaps the whole build.
				if (command === 'build' && process.env.ARCHIVE_PAGE_IMAGES_EARLY !== 'off')
					filling = startFilling({ root: contentRoot(), cacheDir });
			},
			'astro:build:done': async ({ dir, logger }) => {
				const started = performance.now();
				filling?.widen();
				const filled = filling ? await filling.done : undefined;
				const waited = (performance.now() - started) / 1000;
				const report = await writePageFiles({
					root: contentRoot(),
					distDir: fileURLToPath(dir),
					cacheDir,
					site,
					...(filled && { filled }),
				});
				if (report.encoded + report.reused + report.pdfs === 0) return;
				const seconds = ((performance.now() - started) / 1000).toFixed(2);
				logger.info(
					`page images: ${report.encoded} encoded, ${report.reused} reused from the cache; clippings: ${report.clippingsEncoded} encoded, ${report.clippingsReused} reused; ${report.tiles} IIIF tiles, ${report.pdfs} PDFs copied in ${seconds} s (${waited.toFixed(2)} s of it waiting for the encoding begun at the start of the build)`,
				);
			},
		},
	};
}
