/**
 * Synthetic printed pages for the benchmark (`npm run bench -- --page-images`): for every
 * 版 (date, page) of an imported archive, its articles laid out in columns as HTML and
 * printed to a one-page, text-based PDF by Chromium (as the printed-page fixture is made,
 * `tests/fixtures/printed-page/make-fixture.ts`), with each article's true box read from
 * the DOM. The page image is then rendered the way the PDF import renders it
 * (`pageImage` in `scripts/lib/pdf-import/`: PDF.js + @napi-rs/canvas, PNG via sharp, 2000
 * px wide), and both are attached the way the import writes them (`writeMedia`'s layout,
 * `attachPageFiles` for the issue file), each article getting `regions` from its box.
 *
 * The PDFs and PNGs are cached under `.tmp/page-pdfs/<digest of the input>/`, so making
 * them is not part of any build's time and a second run reuses them. They are made from
 * the corpus text: never commit them.
 *
 *   node_modules/.bin/node bench/lib/page-pdfs.ts <content folder>   # attach to a folder
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { Page } from 'playwright-core';
import { YAML_OPTIONS } from '../../scripts/lib/archive-writer/markdown.ts';
import sharp from 'sharp';
import { encodePageImage, pageImage } from '../../scripts/lib/pdf-import/index.ts';
import { openPdf } from '../../scripts/lib/pdf-import/pdf.ts';
import {
	attachPageFiles,
	IMAGE_WIDTH,
	type PageMedia,
} from '../../scripts/lib/pdf-import/write.ts';
import { launchChromium } from '../../support/browser.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';
import { newspaperSheetCss } from '../../support/newspaper-sheet.ts';

/** Bump when the layout changes, so cached pages are made again. */
const LAYOUT_VERSION = 1;
export const PAGE_PDF_CACHE = join(PROJECT_ROOT, '.tmp', 'page-pdfs');

/** The fixture's page size in CSS px (A-series proportions). */
const WIDTH = 1280;
const HEIGHT = 1810;
/** Text beyond what a page could show is not laid out (it would be clipped anyway). */
const MAX_CHARS = 5000;
/**
 * How the page image is rendered. `pdfjs`: exactly as the PDF import does (PDF.js on
 * @napi-rs/canvas), about 7 s a page here, since Chromium writes Noto CJK as Type3 fonts
 * (every glyph a path). `chromium` (default): Chromium's rendering of the same page at the
 * same width, a fraction of a second; both go through the import's PNG encoder.
 */
const RENDER = process.env.BENCH_PAGE_RENDER === 'pdfjs' ? 'pdfjs' : 'chromium';

interface PageArticle {
	/** The entry file, below the content root. */
	file: string;
	title: string;
	paragraphs: string[];
}

interface PrintedPage {
	date: string;
	page: number;
	articles: PageArticle[];
}

interface Box {
	x: number;
	y: number;
	w: number;
	h: number;
}

const pad = (value: number) => String(value).padStart(2, '0');

function splitEntry(source: string): { front: string; body: string } {
	const match = /^---\n([\s\S]*?)\n?---\n?([\s\S]*)$/.exec(source);
	if (!match) throw new Error('no front matter');
	return { front: match[1]!, body: match[2]! };
}

/** Every 版 with articles, with the issue files' pages that have no image yet. */
async function readPages(contentDir: string): Promise<PrintedPage[]> {
	const pages = new Map<string, PrintedPage>();
	const articlesDir = join(contentDir, 'articles');
	for (const entry of await readdir(articlesDir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
		const absolute = join(entry.parentPath, entry.name);
		const { front, body } = splitEntry(await readFile(absolute, 'utf8'));
		const data = parseDocument(front).toJS() as Record<string, unknown>;
		if (typeof data.date !== 'string' || typeof data.page !== 'number') continue;
		if (data.regions !== undefined) continue; // attached already
		const key = `${data.date}/${data.page}`;
		let page = pages.get(key);
		if (!page) pages.set(key, (page = { date: data.date, page: data.page, articles: [] }));
		let budget = MAX_CHARS;
		const paragraphs: string[] = [];
		for (const paragraph of body.split(/\n\s*\n/)) {
			const text = paragraph.replace(/\s*\n\s*/g, '').trim();
			if (text === '' || budget <= 0) continue;
			paragraphs.push(text.slice(0, budget));
			budget -= text.length;
		}
		page.articles.push({
			file: absolute.slice(contentDir.length + 1),
			title: typeof data.title === 'string' ? data.title : '',
			paragraphs,
		});
	}
	const order = (file: string) => file.split('/').at(-1)!;
	const list = [...pages.values()];
	for (const page of list)
		page.articles.sort((a, b) => order(a.file).localeCompare(order(b.file), 'en'));
	return list.sort((a, b) => a.date.localeCompare(b.date) || a.page - b.page);
}

function digestOf(page: PrintedPage): string {
	const input = {
		LAYOUT_VERSION,
		RENDER,
		WIDTH,
		HEIGHT,
		date: page.date,
		page: page.page,
		articles: page.articles.map(({ title, paragraphs }) => ({ title, paragraphs })),
	};
	return createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 32);
}

const CSS = `${newspaperSheetCss(WIDTH, HEIGHT)}
.story { position: absolute; overflow: hidden; }
.story h1 { font-family: 'Noto Sans CJK SC', sans-serif; font-weight: 700; font-size: 18px; line-height: 26px; margin-bottom: 8px; }
.story.lead h1 { font-size: 30px; line-height: 40px; text-align: center; }
.text { column-width: 140px; column-gap: 16px; column-fill: auto; overflow: hidden; }
p { text-align: justify; text-indent: 2em; }
`;

function pageHtml(page: PrintedPage): string {
	const data = JSON.stringify(
		page.articles.map(({ title, paragraphs }) => ({ title, paragraphs })),
	).replace(/</g, '\\u003c');
	const [year, month, day] = page.date.split('-').map(Number);
	return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>第${page.page}版（据文字重排的示意）</title>
<style>${CSS}</style></head>
<body>
<div class="folio"><span>第${page.page}版</span><span>基准测试版面</span><span>${year}年${month}月${day}日</span></div>
<div class="rule" style="left:40px;right:40px;top:58px;height:2px"></div>
<div class="rule" style="left:40px;right:40px;top:${HEIGHT - 52}px;height:1px"></div>
<div class="footer">版面为据文字重排的示意，非原版</div>
<script type="application/json" id="items">${data}</script>
</body></html>`;
}

/**
 * Lays the articles out in the browser: the first (the lead) across the page, the rest in
 * rows of up to three, row heights by the rows' text; each story's text in columns,
 * clipped to its block. Returns each story's box as page fractions.
 */
function layOut(geometry: { width: number; height: number }): Box[] {
	const W = geometry.width;
	const H = geometry.height;
	const items = JSON.parse(document.getElementById('items')!.textContent) as {
		title: string;
		paragraphs: string[];
	}[];
	const LEFT = 40;
	const TOP = 74;
	const BOTTOM = H - 64;
	const GAP = 16;
	const weight = (item: (typeof items)[number]) =>
		Math.max(400, Math.min(3000, item.paragraphs.join('').length));
	const rows: (typeof items)[] = [];
	if (items.length > 0) rows.push(items.slice(0, 1));
	for (let index = 1; index < items.length; index += 3) rows.push(items.slice(index, index + 3));
	const rowWeights = rows.map((row) => Math.max(...row.map(weight)) * (row.length === 1 ? 1 : 1.4));
	const total = rowWeights.reduce((a, b) => a + b, 0);
	const available = BOTTOM - TOP - GAP * (rows.length - 1);
	const boxes: Box[] = [];
	let y = TOP;
	rows.forEach((row, rowIndex) => {
		const height = Math.floor((available * rowWeights[rowIndex]!) / total);
		const width = (W - 2 * LEFT - GAP * (row.length - 1)) / row.length;
		row.forEach((item, index) => {
			const x = LEFT + index * (width + GAP);
			const story = document.createElement('div');
			story.className = rowIndex === 0 ? 'story lead' : 'story';
			Object.assign(story.style, {
				left: `${x}px`,
				top: `${y}px`,
				width: `${width}px`,
				height: `${height}px`,
			});
			const head = document.createElement('h1');
			head.textContent = item.title;
			story.append(head);
			const text = document.createElement('div');
			text.className = 'text';
			for (const paragraph of item.paragraphs) {
				const p = document.createElement('p');
				p.textContent = paragraph;
				text.append(p);
			}
			story.append(text);
			document.body.append(story);
			text.style.height = `${Math.max(0, height - head.getBoundingClientRect().height - 8)}px`;
			const rect = story.getBoundingClientRect();
			boxes.push({ x: rect.left / W, y: rect.top / H, w: rect.width / W, h: rect.height / H });
		});
		if (rowIndex < rows.length - 1) {
			const rule = document.createElement('div');
			rule.className = 'rule';
			Object.assign(rule.style, {
				left: `${LEFT}px`,
				top: `${y + height + GAP / 2}px`,
				width: `${W - 2 * LEFT}px`,
				height: '1px',
			});
			document.body.append(rule);
		}
		y += height + GAP;
	});
	return boxes;
}

/** A box as a region: four decimals, inside the page. */
function regionOf(box: Box): Box {
	const floor = (value: number) => Math.max(0, Math.floor(value * 10_000) / 10_000);
	const x = floor(box.x);
	const y = floor(box.y);
	return {
		x,
		y,
		w: Math.min(1 - x, Math.floor(box.w * 10_000) / 10_000),
		h: Math.min(1 - y, Math.floor(box.h * 10_000) / 10_000),
	};
}

interface MadePage {
	folder: string;
	boxes: Box[];
}

async function printPage(browserPage: Page, page: PrintedPage, folder: string): Promise<void> {
	await browserPage.setContent(pageHtml(page));
	await browserPage.evaluate(() => document.fonts.ready);
	const boxes = await browserPage.evaluate(layOut, { width: WIDTH, height: HEIGHT });
	const pdf = await browserPage.pdf({
		width: `${WIDTH}px`,
		height: `${HEIGHT}px`,
		printBackground: true,
	});
	const work = `${folder}.tmp-${process.pid}`;
	await rm(work, { recursive: true, force: true });
	await mkdir(work, { recursive: true });
	await writeFile(join(work, 'page.pdf'), pdf);
	let image;
	if (RENDER === 'pdfjs') {
		// As the PDF import renders a page image: PDF.js on @napi-rs/canvas.
		const doc = await openPdf(pdf, 'page.pdf');
		try {
			image = await pageImage(doc, 1, IMAGE_WIDTH);
		} finally {
			await doc.destroy();
		}
	} else {
		// Chromium's own rendering of the page the PDF was printed from, at the import's width,
		// encoded by the import's encoder.
		const shot = await browserPage.screenshot({ type: 'png', scale: 'device' });
		const { data, info } = await sharp(shot)
			.ensureAlpha()
			.raw()
			.toBuffer({ resolveWithObject: true });
		image = await encodePageImage({ data, width: info.width, height: info.height });
	}
	await writeFile(join(work, 'page.png'), image.png);
	await writeFile(join(work, 'boxes.json'), JSON.stringify(boxes));
	await rm(folder, { recursive: true, force: true });
	await rename(work, folder);
}

/** Makes (or finds in the cache) every page's PDF, PNG and boxes. */
async function makePages(
	pages: readonly PrintedPage[],
	log: (message: string) => void,
): Promise<{ made: number; pages: MadePage[] }> {
	const folders = pages.map((page) => join(PAGE_PDF_CACHE, digestOf(page)));
	const missing = pages.filter((_, index) => !existsSync(join(folders[index]!, 'boxes.json')));
	if (missing.length > 0) {
		log(`page PDFs: making ${missing.length} of ${pages.length} with Chromium (cached after)`);
		const browser = await launchChromium();
		try {
			const context = await browser.newContext({
				viewport: { width: WIDTH, height: HEIGHT },
				deviceScaleFactor: IMAGE_WIDTH / WIDTH,
			});
			const queue = [...missing];
			let done = 0;
			// Two pages at once: Chromium lays out and prints one while this process encodes.
			const lane = async () => {
				const browserPage = await context.newPage();
				for (let page = queue.shift(); page; page = queue.shift()) {
					await printPage(browserPage, page, join(PAGE_PDF_CACHE, digestOf(page)));
					if (++done % 25 === 0) log(`page PDFs: ${done} of ${missing.length}`);
				}
			};
			await Promise.all([lane(), lane()]);
		} finally {
			await browser.close();
		}
	}
	const made = await Promise.all(
		folders.map(async (folder) => ({
			folder,
			boxes: JSON.parse(await readFile(join(folder, 'boxes.json'), 'utf8')) as Box[],
		})),
	);
	return { made: missing.length, pages: made };
}

/** Writes `regions` into an entry's front matter. */
async function setRegions(file: string, regions: Box[]): Promise<void> {
	const { front, body } = splitEntry(await readFile(file, 'utf8'));
	const doc = parseDocument(front);
	doc.set('regions', doc.createNode(regions, { flow: true }));
	await writeFile(file, `---\n${doc.toString(YAML_OPTIONS)}---\n${body}`);
}

export interface AttachedPages {
	pages: number;
	made: number;
	articles: number;
}

/**
 * Gives every 版 of the archive in `contentDir` that has none yet a PDF and page image
 * (`media/<date>/<NN>.pdf`, `<NN>.png`, as the PDF import names them) and its articles
 * their regions.
 */
export async function attachPagePdfs(
	contentDir: string,
	log: (message: string) => void = () => {},
): Promise<AttachedPages> {
	const pages = await readPages(contentDir);
	const { made: count, pages: made } = await makePages(pages, log);
	const media: PageMedia[] = [];
	let articles = 0;
	for (const [index, page] of pages.entries()) {
		const { folder, boxes } = made[index]!;
		const pdf = `media/${page.date}/${pad(page.page)}.pdf`;
		const image = `media/${page.date}/${pad(page.page)}.png`;
		await mkdir(join(contentDir, 'media', page.date), { recursive: true });
		await copyFile(join(folder, 'page.pdf'), join(contentDir, pdf));
		await copyFile(join(folder, 'page.png'), join(contentDir, image));
		media.push({ date: page.date, page: page.page, pdf, image, imageSize: '' });
		for (const [position, article] of page.articles.entries()) {
			const box = boxes[position];
			if (!box) continue;
			await setRegions(join(contentDir, article.file), [regionOf(box)]);
			articles++;
		}
	}
	await attachPageFiles(contentDir, media);
	return { pages: pages.length, made: count, articles };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const target = process.argv[2];
	if (!target) {
		console.error('usage: node bench/lib/page-pdfs.ts <content folder>');
		process.exitCode = 2;
	} else {
		const started = performance.now();
		const result = await attachPagePdfs(target, (message) => console.log(message));
		console.log(
			`${result.pages} pages (${result.made} made), ${result.articles} articles with regions in ${((performance.now() - started) / 1000).toFixed(1)} s`,
		);
	}
}
