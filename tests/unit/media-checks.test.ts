import { mkdtemp, mkdir, rm, truncate, writeFile, cp } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, describe, expect, test } from 'vitest';
import { checkContent, formatProblem } from '../../src/content-checks/index.ts';
import { MEDIA_LIMITS } from '../../src/content-checks/limits.ts';
import {
	findActivePdfContent,
	kindOfBytes,
	kindOfExtension,
} from '../../src/domain/media-files.ts';
import { regionFault, regionPixels } from '../../src/domain/regions.ts';
import { PROJECT_ROOT, TMP_ROOT } from '../../support/paths.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';

/**
 * Page files and regions: magic bytes of every accepted format, active content in PDFs
 * (written plainly, escaped, and hidden in a compressed object stream), and the size
 * limit, which needs a file too big to keep as a fixture (a sparse file here).
 */

function pdfWith(objects: string[]): Buffer {
	let out = '%PDF-1.7\n';
	objects.forEach((body, i) => {
		out += `${i + 1} 0 obj\n${body}\nendobj\n`;
	});
	return Buffer.from(`${out}trailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'latin1');
}

function streamObject(dictionary: string, data: Buffer): Buffer {
	return Buffer.concat([
		Buffer.from(
			`%PDF-1.7\n1 0 obj\n<< ${dictionary} /Length ${data.length} >>\nstream\n`,
			'latin1',
		),
		data,
		Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
	]);
}

describe('what a page file is, from its bytes', () => {
	test('each accepted format is recognised by its signature, whatever its name', async () => {
		const blank = sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } });
		expect(kindOfBytes(await blank.clone().jpeg().toBuffer())).toBe('jpeg');
		expect(kindOfBytes(await blank.clone().png().toBuffer())).toBe('png');
		expect(kindOfBytes(await blank.clone().webp().toBuffer())).toBe('webp');
		expect(kindOfBytes(await blank.clone().tiff().toBuffer())).toBe('tiff');
		expect(kindOfBytes(Buffer.from('MM\0*rest'))).toBe('tiff');
		expect(kindOfBytes(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
		expect(kindOfBytes(Buffer.from('<html>'))).toBeUndefined();
		expect(kindOfBytes(Buffer.from('RIFF\0\0\0\0WAVE'))).toBeUndefined();
		expect(kindOfExtension('media/a/02.JPG')).toBe('jpeg');
		expect(kindOfExtension('media/a/02.tif')).toBe('tiff');
		expect(kindOfExtension('media/a/02.gif')).toBeUndefined();
	});
});

describe('active content in a PDF', () => {
	test('a clean PDF has none', () => {
		expect(findActivePdfContent(pdfWith(['<< /Type /Catalog /Pages 2 0 R >>']))).toEqual([]);
	});

	test('JavaScript, launch actions and embedded files written plainly', () => {
		const names = (objects: string[]) =>
			findActivePdfContent(pdfWith(objects)).map((found) => found.name);
		expect(names(['<< /OpenAction << /S /JavaScript /JS (x) >> >>'])).toEqual(['JavaScript', 'JS']);
		expect(names(['<< /AA << /O << /S /Launch /F (cmd.exe) >> >> >>'])).toEqual(['Launch']);
		expect(names(['<< /Names << /EmbeddedFiles 5 0 R >> >>'])).toEqual(['EmbeddedFiles']);
		expect(names(['<< /Type /EmbeddedFile >>'])).toEqual(['EmbeddedFile']);
	});

	test('names escaped with #xx are decoded', () => {
		const found = findActivePdfContent(pdfWith(['<< /S /Java#53cript /J#53 (x) >>']));
		expect(found.map((entry) => entry.name)).toEqual(['JavaScript', 'JS']);
	});

	test('a dictionary hidden in a Flate-compressed object stream is found', () => {
		const hidden = deflateSync(Buffer.from('5 0 << /S /Launch /F (x.exe) >>', 'latin1'));
		const found = findActivePdfContent(
			streamObject('/Type /ObjStm /N 1 /First 4 /Filter /FlateDecode', hidden),
		);
		expect(found.map((entry) => entry.name)).toEqual(['Launch']);
		expect(found[0]!.where).not.toBe('raw');
	});

	test('page content, fonts and images that happen to spell /JS are not reported', () => {
		const drawing = deflateSync(Buffer.from('/JS gs BT /F1 12 Tf (x) Tj ET', 'latin1'));
		expect(findActivePdfContent(streamObject('/Filter /FlateDecode', drawing))).toEqual([]);
		const binary = Buffer.from('\x00\x01/JS \x02/Launch\x03', 'latin1');
		expect(findActivePdfContent(streamObject('/Subtype /Image', binary))).toEqual([]);
	});
});

describe('regions', () => {
	test('outside the page, or of no size', () => {
		expect(regionFault({ x: 0, y: 0, w: 1, h: 1 })).toBeUndefined();
		expect(regionFault({ x: 0.6, y: 0, w: 0.5, h: 0.1 })).toBe('outside');
		expect(regionFault({ x: -0.1, y: 0, w: 0.5, h: 0.1 })).toBe('outside');
		expect(regionFault({ x: 120, y: 40, w: 300, h: 200 })).toBe('outside');
		expect(regionFault({ x: 0.1, y: 0.1, w: 0, h: 0.1 })).toBe('empty');
	});

	test('in pixels, whole and inside the image', () => {
		expect(regionPixels({ x: 0.1, y: 0.2, w: 0.5, h: 0.25 }, 1000, 2000)).toEqual({
			left: 100,
			top: 400,
			width: 500,
			height: 500,
		});
		expect(regionPixels({ x: 0.999, y: 0, w: 0.001, h: 1 }, 10, 10).width).toBe(1);
	});
});

describe('the size limit of page files', () => {
	const scratch: string[] = [];
	afterAll(async () => {
		for (const dir of scratch) await rm(dir, { recursive: true, force: true });
	});

	test('a PDF over the limit is refused with the limit named, without reading it', async () => {
		await mkdir(TMP_ROOT, { recursive: true });
		const root = await mkdtemp(join(TMP_ROOT, 'media-limit-'));
		scratch.push(root);
		await cp(DEFAULT_CONTENT_DIR, root, { recursive: true });
		await mkdir(join(root, 'media/2021-11-11'), { recursive: true });
		const pdf = join(root, 'media/2021-11-11/02.pdf');
		await writeFile(pdf, '%PDF-1.7\n');
		// Sparse: the size is over the limit, the disk holds a few bytes.
		await truncate(pdf, MEDIA_LIMITS.maxPdfBytes + 1);
		const issue = join(root, 'issues/2021-11-11.md');
		const { readFile } = await import('node:fs/promises');
		const source = await readFile(issue, 'utf8');
		await writeFile(
			issue,
			source.replace(/(- number: 2[^\n]*\n)/, '$1    pdf: media/2021-11-11/02.pdf\n'),
		);
		const problems = await checkContent(root, PROJECT_ROOT);
		expect(problems.map(formatProblem)).toHaveLength(1);
		const [problem] = problems;
		expect(problem!.code).toBe('input-limit');
		expect(problem!.field).toMatch(/^pages\.\d+\.pdf$/);
		expect(problem!.message).toContain('上限 32.0 MB');
		expect(problem!.message).toContain(`the limit for a PDF is ${MEDIA_LIMITS.maxPdfBytes}`);
	});
});
