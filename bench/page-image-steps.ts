/**
 * What one page image costs, step by step: times each sharp operation the page-image build
 * step (src/integrations/page-images.ts) does, and the alternatives measured against it, on
 * a few of the bench's synthetic pages (`.tmp/page-pdfs/<digest>/page.png` + `boxes.json`,
 * made by `npm run bench -- --page-images`). CPU time of the whole process (every libvips
 * thread) and wall time, median over the pages, one libvips thread unless `--threads N`.
 *
 *   node_modules/.bin/node bench/page-image-steps.ts [--pages 5] [--threads 1]
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp, { type JpegOptions, type Sharp } from 'sharp';
import { clippingOf, type Clipping } from '../src/domain/page-images.ts';
import { PAGE_PDF_CACHE } from './lib/page-pdfs.ts';

const { values } = parseArgs({
	options: { pages: { type: 'string', default: '5' }, threads: { type: 'string', default: '1' } },
});
sharp.concurrency(Number(values.threads));
sharp.cache(false);

interface Raw {
	data: Buffer;
	info: { width: number; height: number; channels: 1 | 2 | 3 | 4 };
}

const folders = existsSync(PAGE_PDF_CACHE)
	? readdirSync(PAGE_PDF_CACHE)
			.map((name) => join(PAGE_PDF_CACHE, name))
			.filter((folder) => existsSync(join(folder, 'boxes.json')))
			.slice(0, Number(values.pages))
	: [];
if (folders.length === 0) throw new Error(`no pages in ${PAGE_PDF_CACHE}: run the bench first`);

const counts: number[] = [];
const results = new Map<string, { cpu: number[]; wall: number[]; bytes: number[] }>();

async function time<T>(name: string, work: () => Promise<T>, bytes?: (value: T) => number) {
	const cpu = process.cpuUsage();
	const started = performance.now();
	const value = await work();
	const wall = performance.now() - started;
	const used = process.cpuUsage(cpu);
	let row = results.get(name);
	if (!row) results.set(name, (row = { cpu: [], wall: [], bytes: [] }));
	row.cpu.push((used.user + used.system) / 1000);
	row.wall.push(wall);
	if (bytes) row.bytes.push(bytes(value));
	return value;
}

const raw = (pixels: Raw) => sharp(pixels.data, { raw: pixels.info });
const toRaw = async (pipeline: Sharp): Promise<Raw> => {
	const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
	return { data, info: { width: info.width, height: info.height, channels: info.channels } };
};
const size = (buffer: Buffer) => buffer.length;
const heightOf = (pixels: Raw, width: number) =>
	Math.round((pixels.info.height * width) / pixels.info.width);

for (const folder of folders) {
	const file = join(folder, 'page.png');
	const boxes = JSON.parse(readFileSync(join(folder, 'boxes.json'), 'utf8')) as {
		x: number;
		y: number;
		w: number;
		h: number;
	}[];
	const master = await time('decode PNG (raw)', () => toRaw(sharp(file)));
	const image = { digest: '', width: master.info.width, height: master.info.height };
	const clippings: Clipping[] = boxes.map((box) => clippingOf(image, [box]));
	counts.push(clippings.length);

	// Resizes: each from the master (now), or a chain master → 1600 → 800 → 400.
	const at: Record<number, Raw> = {};
	for (const width of [1600, 800, 400])
		at[width] = await time(`resize master → ${width}`, () =>
			toRaw(raw(master).resize({ width, height: heightOf(master, width) })),
		);
	const chain1600 = at[1600]!;
	const chain800 = await time('resize 1600 → 800 (chain)', () =>
		toRaw(raw(chain1600).resize({ width: 800, height: heightOf(master, 800) })),
	);
	await time('resize 800 → 400 (chain)', () =>
		toRaw(raw(chain800).resize({ width: 400, height: heightOf(master, 400) })),
	);
	for (const kernel of ['linear', 'cubic'] as const)
		await time(`resize master → 1600, ${kernel}`, () =>
			toRaw(raw(master).resize({ width: 1600, height: heightOf(master, 1600), kernel })),
		);

	// Encoders at each width.
	for (const width of [400, 800, 1600]) {
		for (const effort of [0, 2])
			await time(
				`WebP ${width} q72 effort ${effort}`,
				() => raw(at[width]!).webp({ quality: 72, effort }).toBuffer(),
				size,
			);
		if (width <= 800)
			await time(
				`AVIF ${width} q50 effort 0 4:2:0`,
				() =>
					raw(at[width]!).avif({ quality: 50, effort: 0, chromaSubsampling: '4:2:0' }).toBuffer(),
				size,
			);
		await time(
			`JPEG ${width} q75 (no mozjpeg extras)`,
			() => raw(at[width]!).jpeg({ quality: 75, optimiseCoding: false }).toBuffer(),
			size,
		);
	}
	await time(
		'AVIF 800 from a grey page (1 band)',
		() =>
			raw(at[800]!)
				.toColourspace('b-w')
				.avif({ quality: 50, effort: 0, chromaSubsampling: '4:2:0' })
				.toBuffer(),
		size,
	);

	// IIIF level-0 tiles: JPEG q80 from the master, with and without the Huffman pass.
	const tiles = (pixels: Raw, jpeg: JpegOptions) =>
		raw(pixels)
			.jpeg(jpeg)
			.tile({ layout: 'iiif3', size: 512, id: 'https://example.invalid' })
			.toBuffer();
	await time('IIIF tiles JPEG q80', () => tiles(master, { quality: 80 }), size);
	await time(
		'IIIF tiles JPEG q80, optimiseCoding off',
		() => tiles(master, { quality: 80, optimiseCoding: false }),
		size,
	);
	await time(
		'IIIF tiles JPEG q70, optimiseCoding off',
		() => tiles(master, { quality: 70, optimiseCoding: false }),
		size,
	);

	// Clippings: as before (PNG round trips, WebP q80 effort 2) and from raw pixels.
	await time(`all clippings of the page (PNG round trips, WebP q80 effort 2)`, async () => {
		for (const clipping of clippings) {
			const part = clipping.parts[0]!;
			const cut = await raw(master)
				.extract({
					...part,
					left: clipping.rect.left + part.left,
					top: clipping.rect.top + part.top,
				})
				.png({ compressionLevel: 0 })
				.toBuffer();
			await sharp(cut)
				.resize({ width: clipping.width, height: clipping.height })
				.webp({ quality: 80, effort: 2 })
				.toBuffer();
		}
	});
	for (const [quality, effort] of [
		[80, 2],
		[72, 0],
	] as const)
		await time(
			`all clippings of the page (raw, WebP q${quality} effort ${effort})`,
			async () => {
				let bytes = 0;
				for (const clipping of clippings) {
					const part = clipping.parts[0]!;
					const cut = await toRaw(
						raw(master).extract({
							...part,
							left: clipping.rect.left + part.left,
							top: clipping.rect.top + part.top,
						}),
					);
					bytes += (
						await raw(cut)
							.resize({ width: clipping.width, height: clipping.height })
							.webp({ quality, effort })
							.toBuffer()
					).length;
				}
				return bytes;
			},
			(bytes) => bytes,
		);
}

const median = (list: number[]) => {
	const sorted = [...list].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
console.log(
	`${folders.length} pages (median ${median(counts)} clippings), ${sharp.concurrency()} libvips thread(s); median per page\n`,
);
console.log('| step | CPU ms | wall ms | bytes |\n| --- | ---: | ---: | ---: |');
for (const [name, row] of results)
	console.log(
		`| ${name} | ${median(row.cpu).toFixed(0)} | ${median(row.wall).toFixed(0)} | ${row.bytes.length > 0 ? median(row.bytes).toLocaleString('en') : ''} |`,
	);
