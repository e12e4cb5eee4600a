/**
 * Importing a text-based page PDF (one 版, or a whole issue with one PDF page per 版).
 * Geometry finds the lines, columns, paragraphs and column joins; the page's text, so
 * rebuilt, goes through the same item builders as the plain-text import (segmenting,
 * notice and advert fields, drafts), so the entries come out exactly as that import
 * writes them. Each item then gets its `regions` from the lines it was read from.
 */
import { chineseNumeral } from '../../../src/domain/dates.ts';
import { importPage, PageImportError, type Draft, type PageImport } from '../page-import/index.ts';
import { parseSmallNumber } from '../page-import/numbers.ts';
import {
	bounds,
	buildLines,
	buildParagraphs,
	contains,
	mergeRegions,
	readingOrder,
	splitFolio,
	toFractions,
	type ColumnJoin,
	type Line,
	type Rect,
} from './layout.ts';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import sharp from 'sharp';
import { openPdf, PdfImportError, readPage, renderPage } from './pdf.ts';

export { PdfImportError } from './pdf.ts';

export interface Folio {
	text: string;
	date?: string;
	page?: number;
}

/** The date and page number a folio line prints: 2021年11月11日 … 第2版 / 02版 / 第二版. */
export function readFolio(text: string): Folio {
	const folio: Folio = { text };
	const date = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/.exec(text);
	if (date) {
		const [, y, m, d] = date;
		folio.date = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
	}
	const page =
		/第\s*([一二两三四五六七八九十\d０-９]{1,3})\s*版/.exec(text) ??
		/(?:^|[^\d])(\d{1,2})\s*版/.exec(text);
	if (page) {
		const number = parseSmallNumber(page[1]!);
		if (number !== undefined && number > 0) folio.page = number;
	}
	return folio;
}

export interface Region {
	x: number;
	y: number;
	w: number;
	h: number;
}

export interface PdfPageImport extends PageImport {
	/** The PDF page (from 1). */
	sheet: number;
	size: { width: number; height: number };
	folio: Folio;
	/** Where the date and page came from. */
	dateSource: 'flag' | 'folio' | 'text';
	pageSource: 'flag' | 'folio' | 'text';
	/** The page's text as rebuilt from its geometry: the report's line numbers refer to it. */
	text: string;
	/** Paragraphs joined across a column break, found from geometry. */
	columnJoins: ColumnJoin[];
	/** Per draft, in the drafts' order. */
	regions: Region[][];
	/** What the geometry makes uncertain, naming the items. */
	layoutDoubts: string[];
	image?: PageImage;
}

/**
 * The page image as PNG: lossless, because the page is type and lossy codecs blur it; the
 * site derives its AVIF/WebP from this master. Light deflate: level 2 is a few percent
 * larger than level 6 and several times faster.
 */
export async function pageImage(
	doc: Awaited<ReturnType<typeof openPdf>>,
	sheet: number,
	width: number,
): Promise<PageImage> {
	return renderPage(doc, sheet, width, encodePageImage);
}

/** Encodes rendered RGBA pixels (opaque) as the page image's PNG. */
export async function encodePageImage(pixels: {
	data: Buffer;
	width: number;
	height: number;
}): Promise<PageImage> {
	return {
		png: await sharp(pixels.data, {
			raw: { width: pixels.width, height: pixels.height, channels: 4 },
		})
			.removeAlpha()
			.png({ compressionLevel: 2, adaptiveFiltering: false })
			.toBuffer(),
		width: pixels.width,
		height: pixels.height,
	};
}

export interface PdfImportOptions {
	date?: string;
	/** The page number of the first PDF page; the next pages follow on. */
	page?: number;
	/** Render each page this many pixels wide as PNG (`image`); no image when left out. */
	imageWidth?: number;
}

export interface PageImage {
	png: Buffer;
	width: number;
	height: number;
}

function draftName(draft: Draft): string {
	const title = draft.data.title;
	if (typeof title === 'string' && title !== '') return `“${title}”`;
	return `第 ${draft.line} 行起的${draft.collection === 'adverts' ? '广告' : draft.collection === 'notices' ? '公告' : '文章'}`;
}

/** Imports the PDF pages `sheets` (from 1) of the PDF in `bytes`. */
export async function importSheets(
	bytes: Uint8Array,
	file: string,
	sheets: readonly number[] | 'all',
	options: PdfImportOptions = {},
): Promise<PdfPageImport[]> {
	const doc = await openPdf(bytes, file);
	try {
		const pages: PdfPageImport[] = [];
		const wanted = sheets === 'all' ? [...Array(doc.numPages).keys()].map((i) => i + 1) : sheets;
		for (const sheet of wanted) {
			const result = importSheet(await readPage(doc, sheet), file, sheet, doc.numPages, options);
			// Rendered now, while the page's fonts are loaded.
			if (options.imageWidth) result.image = await pageImage(doc, sheet, options.imageWidth);
			(await doc.getPage(sheet)).cleanup();
			pages.push(result);
		}
		return pages;
	} finally {
		await doc.destroy();
	}
}

/** Pages per worker below which a worker costs more than it saves. */
const PAGES_PER_WORKER = 3;

/**
 * Reads every page of the PDF in `bytes` (named `file` in messages). A whole issue is
 * shared out between worker threads, one per core (at most 4), each with its own PDF.js:
 * rendering the page images is most of the work and runs on one thread per document.
 */
export async function importPdf(
	bytes: Uint8Array,
	file: string,
	options: PdfImportOptions & {
		/** Worker threads to share the pages between; by default one per core, as above. */
		workers?: number;
	} = {},
): Promise<PdfPageImport[]> {
	const probe = await openPdf(bytes, file);
	const count = probe.numPages;
	await probe.destroy();
	const workers =
		options.workers !== undefined
			? Math.min(options.workers, count)
			: Math.min(availableParallelism(), 4, Math.floor(count / PAGES_PER_WORKER));
	const sheetOptions: PdfImportOptions & { workers?: number } = { ...options };
	delete sheetOptions.workers;
	if (workers < 2) return importSheets(bytes, file, 'all', sheetOptions);
	const shares = [...Array(workers).keys()].map((worker) =>
		[...Array(count).keys()].map((i) => i + 1).filter((sheet) => sheet % workers === worker),
	);
	const results = await Promise.all(
		shares.map(
			(sheets) =>
				new Promise<PdfPageImport[]>((resolve, reject) => {
					const worker = new Worker(new URL('./worker.ts', import.meta.url), {
						workerData: { bytes, file, sheets, options: sheetOptions },
					});
					worker.once(
						'message',
						(message: { pages?: PdfPageImport[]; error?: string; known?: boolean }) => {
							if (message.pages) resolve(message.pages);
							else
								reject(
									message.known ? new PdfImportError(message.error) : new Error(message.error),
								);
						},
					);
					worker.once('error', reject);
				}),
		),
	);
	return results
		.flat()
		.map((page) =>
			page.image
				? {
						...page,
						image: {
							...page.image,
							png: Buffer.from(
								page.image.png.buffer,
								page.image.png.byteOffset,
								page.image.png.byteLength,
							),
						},
					}
				: page,
		)
		.sort((a, b) => a.sheet - b.sheet);
}

function importSheet(
	pdfPage: Awaited<ReturnType<typeof readPage>>,
	file: string,
	sheet: number,
	sheets: number,
	options: PdfImportOptions,
): PdfPageImport {
	const where = sheets > 1 ? `${file} 第 ${sheet} 页 / page ${sheet} of ${file}` : file;
	const size = { width: pdfPage.width, height: pdfPage.height };
	if (pdfPage.runs.every((run) => run.text.trim() === '')) {
		throw new PdfImportError(
			`${where} 没有文字层（可能是扫描件或图片），无法按文字导入；请把页面图片作为扫描件挂到期文件的 pages[].image，稿件区域手工填写 / ${where} has no text layer (a scan or an image?), so its text cannot be imported; attach the page image to the issue file as pages[].image and write the items’ regions by hand`,
		);
	}
	const allLines = buildLines(pdfPage.runs);
	const { folio: folioLines, body } = splitFolio(allLines, pdfPage.graphics, size);
	const folio = readFolio(folioLines.map((line) => line.text).join(' '));
	const bodyType =
		body.length > 0
			? [...body].sort((a, b) => a.size - b.size)[Math.floor(body.length / 2)]!.size
			: 10;
	const edges = pdfPage.graphics.boxes.flatMap((box) => [
		{ ...box, y1: box.y0 + 1 },
		{ ...box, y0: box.y1 - 1 },
		{ ...box, x1: box.x0 + 1 },
		{ ...box, x0: box.x1 - 1 },
	]);
	const lines = readingOrder(body, 0.9 * bodyType, [...pdfPage.graphics.rules, ...edges]);
	const { paragraphs, joins: columnJoins } = buildParagraphs(lines);

	// The page as plain text, one paragraph a block: what the text import reads.
	const paragraphLine: number[] = [];
	const textLines: string[] = [];
	for (const paragraph of paragraphs) {
		if (textLines.length > 0) textLines.push('');
		paragraphLine.push(textLines.length + 1);
		textLines.push(...paragraph.lines);
	}
	const text = `${textLines.join('\n')}\n`;

	const page = options.page !== undefined ? options.page + sheet - 1 : folio.page;
	const date = options.date ?? folio.date;
	let result: PageImport;
	try {
		result = importPage(text, {
			...(date === undefined ? {} : { date }),
			...(page === undefined ? {} : { page }),
		});
	} catch (error) {
		if (error instanceof PageImportError) {
			throw new PdfImportError(
				`${where}：页眉没有印日期或版次（读到的页眉：“${folio.text || '无 / none'}”）。${error.message}`,
			);
		}
		throw error;
	}

	// Each draft's paragraphs: from its first line to the next draft's.
	const starts = result.drafts.map((draft) => draft.line);
	const ownerOf = (paragraph: number) => {
		const line = paragraphLine[paragraph]!;
		let owner = -1;
		starts.forEach((start, index) => {
			if (line >= start) owner = index;
		});
		return owner;
	};
	const linesOf: Line[][] = result.drafts.map(() => []);
	paragraphs.forEach((paragraph, index) => {
		const owner = ownerOf(index);
		if (owner >= 0) linesOf[owner]!.push(...paragraph.sources.map((source) => lines[source]!));
	});

	// Column pieces: an item's lines of one leaf; a piece inside a drawn box is the box.
	const boxOf = (rect: Rect) =>
		pdfPage.graphics.boxes
			.filter((box) => contains(box, rect))
			.sort((a, b) => (a.x1 - a.x0) * (a.y1 - a.y0) - (b.x1 - b.x0) * (b.y1 - b.y0))[0];
	const pieces = linesOf.map((own) => {
		const byLeaf = new Map<number, Rect[]>();
		for (const line of own) byLeaf.set(line.leaf, [...(byLeaf.get(line.leaf) ?? []), line.box]);
		return [...byLeaf.values()].map((boxes) => {
			const piece = bounds(boxes);
			return boxOf(piece) ?? piece;
		});
	});
	const regions = pieces.map((own, index) =>
		mergeRegions(own, pieces.filter((_, other) => other !== index).flat()).map((rect) =>
			toFractions(rect, size),
		),
	);

	const layoutDoubts: string[] = [];
	result.drafts.forEach((draft, index) => {
		const boxes = new Set(pieces[index]!.map((piece) => boxOf(piece)));
		if (boxes.size > 1 && [...boxes].some((box) => box !== undefined)) {
			layoutDoubts.push(
				`${draftName(draft)}（第 ${draft.line} 行起）的文字跨过了版面上的框线，可能混入了别的稿件或被拆开；请对照版面核对它的起止 / ${draftName(draft)} (from line ${draft.line}) runs across a drawn box: check where it starts and ends against the page`,
			);
		}
		const own = linesOf[index]!;
		const titleLine = own[0];
		if (
			draft.collection === 'articles' &&
			typeof draft.data.title === 'string' &&
			draft.data.title !== '' &&
			titleLine &&
			!titleLine.heading
		) {
			layoutDoubts.push(
				`${draftName(draft)} 的标题与正文字号相同、也不是粗体，可能不是标题；请核对 / the headline of ${draftName(draft)} is set like the body text: check that it is a headline`,
			);
		}
		if (own.length === 0) {
			layoutDoubts.push(
				`${draftName(draft)} 在版面上找不到对应位置，没有写 regions；请手工补上 / ${draftName(draft)} was not found on the page, so it has no regions: add them by hand`,
			);
		}
	});
	for (const box of pdfPage.graphics.boxes) {
		const owners = new Set(
			linesOf.flatMap((own, index) => (own.some((line) => contains(box, line.box)) ? [index] : [])),
		);
		if (owners.size > 1) {
			const names = [...owners].map((index) => draftName(result.drafts[index]!)).join('、');
			layoutDoubts.push(
				`同一个框里读出了几篇稿件：${names}；若它们是一则，请合并 / one drawn box holds several items (${names}): merge them if they are one`,
			);
		}
	}
	if (folioLines.length === 0 || (folio.date === undefined && folio.page === undefined)) {
		layoutDoubts.push(
			'没有找到页眉（报头日期、版次行）/ no folio line (date and page) was found on the page',
		);
	}

	return {
		...result,
		sheet,
		size,
		folio,
		dateSource: options.date !== undefined ? 'flag' : folio.date !== undefined ? 'folio' : 'text',
		pageSource: options.page !== undefined ? 'flag' : folio.page !== undefined ? 'folio' : 'text',
		text,
		columnJoins,
		regions,
		layoutDoubts,
	};
}

const SOURCE_NAMES = {
	flag: '命令行参数 / from the flag',
	folio: '页眉 / from the folio line',
	text: '据内容推定 / inferred from the text',
} as const;

/** The PDF part of the import report: folio, column joins, regions and layout doubts. */
export function pdfReportSection(
	result: PdfPageImport,
	media: { pdf: string; image: string; imageSize: string },
): string {
	const lines = [
		`## 版面 / the printed page (PDF 第 ${result.sheet} 页 / PDF page ${result.sheet})`,
		'',
		`页眉 / folio: ${result.folio.text || '（无 / none）'}`,
		`日期 / date: ${result.date}（${SOURCE_NAMES[result.dateSource]}）；版次 / page: 第${chineseNumeral(result.page)}版（${SOURCE_NAMES[result.pageSource]}）`,
		`版面 PDF / page PDF: ${media.pdf}`,
		`版面图片 / page image: ${media.image} (${media.imageSize})`,
		'',
		`### 跨栏接排的段落 / paragraphs joined across columns (${result.columnJoins.length})`,
		'',
	];
	for (const join of result.columnJoins) lines.push(`- ${join.context}`);
	if (result.columnJoins.length === 0) lines.push('- 无 / none');
	lines.push('', `### 稿件区域 / item regions`, '');
	result.drafts.forEach((draft, index) => {
		const regions = result.regions[index]!.map(
			(r) => `{x: ${r.x}, y: ${r.y}, w: ${r.w}, h: ${r.h}}`,
		).join(' ');
		lines.push(`${index + 1}. ${draftName(draft)}: ${regions || '（无 / none）'}`);
	});
	lines.push(
		'',
		`### 版面上不确定之处 / layout: what to check (${result.layoutDoubts.length})`,
		'',
	);
	for (const doubt of result.layoutDoubts) lines.push(`- ${doubt}`);
	if (result.layoutDoubts.length === 0) lines.push('- 无 / none');
	return `${lines.join('\n')}\n`;
}
