/**
 * Reading a PDF with PDF.js (the legacy build, which runs in Node): each page's text runs
 * with positions, sizes and fonts, its rules and boxes from the operator list, and its
 * image rendered with @napi-rs/canvas (PDF.js's own Node canvas factory uses it).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { getDocument, OPS, Util, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { PageGraphics, Rect, TextRun } from './layout.ts';

export class PdfImportError extends Error {}

const PDFJS_ROOT = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** PDF.js wants folder URLs ending in a slash for its CMaps and standard fonts. */
const folderUrl = (name: string) => `${pathToFileURL(join(PDFJS_ROOT, name)).href}/`;

/** `%PDF-` within the first 1024 bytes, as PDF readers accept it. */
export function isPdf(bytes: Uint8Array): boolean {
	const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
	return head.includes('%PDF-');
}

export async function openPdf(bytes: Uint8Array, file: string): Promise<PDFDocumentProxy> {
	if (!isPdf(bytes)) {
		throw new PdfImportError(
			`${file} 不是 PDF 文件（开头没有 %PDF-）/ ${file} is not a PDF (it does not start with %PDF-)`,
		);
	}
	try {
		return await getDocument({
			// PDF.js detaches the buffer it is given: hand it a copy.
			data: new Uint8Array(bytes),
			cMapUrl: folderUrl('cmaps'),
			cMapPacked: true,
			standardFontDataUrl: folderUrl('standard_fonts'),
			wasmUrl: folderUrl('wasm'),
			fontExtraProperties: true,
			isEvalSupported: false,
			verbosity: 0,
		}).promise;
	} catch (error) {
		throw new PdfImportError(
			`${file} 无法作为 PDF 读取：${error instanceof Error ? error.message : String(error)} / ${file} cannot be read as a PDF`,
		);
	}
}

export interface PdfPage {
	width: number;
	height: number;
	runs: TextRun[];
	graphics: PageGraphics;
}

type Matrix = [number, number, number, number, number, number];

/** Text runs, rules and boxes of page `number` (from 1), in points from the top left. */
export async function readPage(doc: PDFDocumentProxy, number: number): Promise<PdfPage> {
	const page = await doc.getPage(number);
	const viewport = page.getViewport({ scale: 1 });
	const content = await page.getTextContent();
	// The operator list also loads the fonts, whose names tell bold from regular.
	const operators = await page.getOperatorList();
	const fontName = (id: string): string => {
		try {
			const font = page.commonObjs.get(id) as { name?: string } | undefined;
			return font?.name ?? id;
		} catch {
			return id;
		}
	};
	const runs: TextRun[] = [];
	for (const item of content.items) {
		if (!('str' in item)) continue;
		const text = item;
		if (text.str === '') continue;
		const [a, b, c, d, e, f] = Util.transform(viewport.transform, text.transform) as Matrix;
		// Horizontal text only: vertical or rotated runs are left to the report.
		if (Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * Math.abs(d)) continue;
		runs.push({
			text: text.str,
			x: e,
			width: text.width * viewport.scale,
			baseline: f,
			size: Math.hypot(c, d),
			font: fontName(text.fontName),
		});
	}

	const graphics: PageGraphics = { rules: [], boxes: [] };
	const stack: Matrix[] = [];
	let ctm: Matrix = [1, 0, 0, 1, 0, 0];
	const painting = new Set([
		OPS.fill,
		OPS.eoFill,
		OPS.stroke,
		OPS.closeStroke,
		OPS.fillStroke,
		OPS.eoFillStroke,
		OPS.closeFillStroke,
		OPS.closeEOFillStroke,
	]);
	operators.fnArray.forEach((fn, index) => {
		const args = operators.argsArray[index] as unknown[];
		if (fn === OPS.save) stack.push(ctm);
		else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
		else if (fn === OPS.transform) ctm = Util.transform(ctm, args) as Matrix;
		else if (fn === OPS.constructPath) {
			const [paint, , minMax] = args as [number, unknown, ArrayLike<number> | null];
			if (!painting.has(paint) || !minMax) return;
			const toPage = Util.transform(viewport.transform, ctm) as Matrix;
			// PDF.js 5 transforms points in place.
			const p0 = [minMax[0]!, minMax[1]!];
			const p1 = [minMax[2]!, minMax[3]!];
			Util.applyTransform(p0, toPage);
			Util.applyTransform(p1, toPage);
			const [x0, y0] = p0;
			const [x1, y1] = p1;
			const rect: Rect = {
				x0: Math.min(x0!, x1!),
				y0: Math.min(y0!, y1!),
				x1: Math.max(x0!, x1!),
				y1: Math.max(y0!, y1!),
			};
			const w = rect.x1 - rect.x0;
			const h = rect.y1 - rect.y0;
			if (w * h > 0.5 * viewport.width * viewport.height) return; // the page background
			if ((h <= 3 && w >= 20) || (w <= 3 && h >= 20)) graphics.rules.push(rect);
			else if (w > 20 && h > 20) graphics.boxes.push(rect);
		}
	});
	return { width: viewport.width, height: viewport.height, runs, graphics };
}

/**
 * Renders page `number` about `targetWidth` pixels wide and hands the raw RGBA pixels
 * (premultiplied; opaque here, as the background is white) to `encode` while the canvas
 * is alive: `data()` is a view of the canvas's own memory, so no copy is made.
 */
export async function renderPage<T>(
	doc: PDFDocumentProxy,
	number: number,
	targetWidth: number,
	encode: (pixels: { data: Buffer; width: number; height: number }) => Promise<T>,
): Promise<T> {
	const page = await doc.getPage(number);
	const base = page.getViewport({ scale: 1 });
	const viewport = page.getViewport({ scale: targetWidth / base.width });
	const width = Math.round(viewport.width);
	const height = Math.round(viewport.height);
	// PDF.js's Node canvas factory makes @napi-rs/canvas canvases.
	const factory = doc.canvasFactory as {
		create(w: number, h: number): { canvas: unknown };
		destroy(canvasAndContext: { canvas: unknown }): void;
	};
	const target = factory.create(width, height);
	try {
		await page.render({
			canvas: target.canvas as HTMLCanvasElement,
			viewport,
			background: '#ffffff',
		}).promise;
		return await encode({ data: (target.canvas as { data(): Buffer }).data(), width, height });
	} finally {
		factory.destroy(target);
		page.cleanup();
	}
}
