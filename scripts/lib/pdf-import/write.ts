/**
 * Writing a PDF import: the entries (drafts, or published entries with `--publish`) with
 * their `regions`, the page images and the PDF kept for download under `media/<date>/`,
 * the issue file's `pages[].pdf` / `pages[].image`, and the import report.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { parseDocument } from 'yaml';
import { YAML_OPTIONS } from '../archive-writer/markdown.ts';
import { ArchiveWriter } from '../archive-writer/writer.ts';
import { importReport, isIncomplete, renderDraft } from '../page-import/index.ts';
import { pdfReportSection, type PdfPageImport } from './index.ts';

/** Page images are rendered this many pixels wide: sharp enough to read 6-pt type. */
export const IMAGE_WIDTH = 2000;

const pad = (value: number) => String(value).padStart(2, '0');

export interface PageMedia {
	date: string;
	page: number;
	/** Relative to the content root. */
	pdf: string;
	image: string;
	imageSize: string;
}

/**
 * Each 版 of a whole-issue PDF as a PDF of its own, for the reader's "下载本版 PDF":
 * pdf-lib copies the page with the fonts and images it uses, so its text stays text.
 * Sheets are 1-based, as in the import.
 */
export async function splitPages(
	bytes: Uint8Array,
	sheets: readonly number[],
): Promise<Map<number, Uint8Array>> {
	const source = await PDFDocument.load(bytes, { updateMetadata: false });
	const split = new Map<number, Uint8Array>();
	for (const sheet of sheets) {
		const single = await PDFDocument.create({ updateMetadata: false });
		const [page] = await single.copyPages(source, [sheet - 1]);
		single.addPage(page);
		split.set(sheet, await single.save());
	}
	return split;
}

/**
 * Writes each page's image and its PDF: a one-page PDF as it came, as `<NN>.pdf`; a
 * whole-issue PDF split into `<NN>.pdf` per 版 (what the reader downloads), the file as
 * the newsroom delivered it kept beside them as `issue.pdf`, unchanged.
 */
export async function writeMedia(
	bytes: Uint8Array,
	pages: readonly PdfPageImport[],
	outDir: string,
): Promise<PageMedia[]> {
	const media: PageMedia[] = [];
	const whole = pages.length > 1;
	const split = whole
		? await splitPages(
				bytes,
				pages.map((result) => result.sheet),
			)
		: undefined;
	for (const result of pages) {
		const folder = `media/${result.date}`;
		await mkdir(join(outDir, folder), { recursive: true });
		const pdf = `${folder}/${pad(result.page)}.pdf`;
		await writeFile(join(outDir, pdf), split?.get(result.sheet) ?? bytes, { flag: 'wx' });
		const image = `${folder}/${pad(result.page)}.png`;
		if (!result.image) throw new Error(`page ${result.page} was imported without its image`);
		await writeFile(join(outDir, image), result.image.png, { flag: 'wx' });
		media.push({
			date: result.date,
			page: result.page,
			pdf,
			image,
			imageSize: `${result.image.width} × ${result.image.height} px, PNG`,
		});
	}
	if (whole) {
		// One original per date the pages carry (an issue PDF holds one date).
		for (const date of new Set(pages.map((result) => result.date))) {
			await writeFile(join(outDir, `media/${date}/issue.pdf`), bytes, { flag: 'wx' });
		}
	}
	return media;
}

/** Sets `pdf` and `image` on the issue file's pages (adding a page entry if missing). */
export async function attachPageFiles(outDir: string, media: readonly PageMedia[]): Promise<void> {
	for (const date of new Set(media.map((entry) => entry.date))) {
		const path = join(outDir, 'issues', `${date}.md`);
		const source = await readFile(path, 'utf8');
		const match = /^---\n([\s\S]*?)\n?---\n?([\s\S]*)$/.exec(source);
		if (!match) throw new Error(`${path}: no front matter`);
		const doc = parseDocument(match[1]!);
		const pages = (doc.toJS() as { pages?: { number: number }[] }).pages ?? [];
		for (const entry of media.filter((item) => item.date === date)) {
			let index = pages.findIndex((page) => page.number === entry.page);
			if (index < 0) {
				pages.push({ number: entry.page });
				doc.addIn(['pages'], doc.createNode({ number: entry.page }));
				index = pages.length - 1;
			}
			doc.setIn(['pages', index, 'pdf'], entry.pdf);
			doc.setIn(['pages', index, 'image'], entry.image);
		}
		const body = match[2]!;
		await writeFile(path, `---\n${doc.toString(YAML_OPTIONS)}---\n${body}`);
	}
}

export interface WrittenImport {
	written: string[];
	/** Published entries held back as drafts because a required field is unread. */
	heldBack: string[];
	media: PageMedia[];
	reportPath: string;
	report: string;
}

/**
 * Writes everything into `outDir` (a content root of its own for drafts; with `publish`,
 * the content root the entries belong in). Never overwrites an entry: a taken name gets
 * `-2`, `-3`… as in every import.
 */
export async function writePdfImport(
	pages: readonly PdfPageImport[],
	bytes: Uint8Array,
	source: string,
	outDir: string,
	publish: boolean,
): Promise<WrittenImport> {
	const writer = new ArchiveWriter({ outDir });
	await writer.prepare();
	const written: string[] = [];
	const heldBack: string[] = [];
	const perPage: string[][] = [];
	for (const result of pages) {
		const paths: string[] = [];
		for (const [index, draft] of result.drafts.entries()) {
			const regions = result.regions[index]!;
			const data = regions.length > 0 ? { ...draft.data, regions } : draft.data;
			const hold = publish && isIncomplete(draft);
			const content = renderDraft({
				data,
				body: draft.body,
				review: publish && !hold ? [] : draft.review,
			});
			const path = hold ? `_drafts/${result.date}-p${result.page}/${draft.path}` : draft.path;
			const final = await writer.writeEntry(path, content, {
				date: result.date,
				page: result.page,
			});
			(hold ? heldBack : written).push(final);
			paths.push(final);
		}
		perPage.push(paths);
	}
	const imported = new Set(pages.map((result) => `${result.date}/${result.page}`));
	for (const date of new Set(pages.map((result) => result.date))) {
		const onDate = pages.filter((result) => result.date === date);
		const inferred = onDate.find((result) => result.dateReason);
		writer.describeIssue(date, {
			...(inferred ? { dateInferred: true, body: inferred.dateReason! } : {}),
			missingPages: [...new Set(onDate.flatMap((result) => result.otherPages))].filter(
				(page) => !imported.has(`${date}/${page}`),
			),
		});
	}
	await writer.finish();
	const media = await writeMedia(bytes, pages, outDir);
	await attachPageFiles(outDir, media);

	const sections = pages.map((result, index) => {
		const text = importReport(result, source, perPage[index]!);
		return `${text}\n${pdfReportSection(result, media[index]!)}`;
	});
	if (heldBack.length > 0) {
		sections.push(
			`## 未发布 / held back (${heldBack.length})\n\n以下稿件缺少读不出的必填字段，已写为草稿，补全后移入对应目录 / these items lack a required field the import could not read; they were written as drafts: complete them and move them in\n\n${heldBack.map((path) => `- ${path}`).join('\n')}\n`,
		);
	}
	const report = sections.join('\n');
	const first = pages[0]!;
	const reportDir = publish ? join(outDir, '_imports', `${first.date}-p${first.page}`) : outDir;
	await mkdir(reportDir, { recursive: true });
	const reportPath = join(reportDir, 'import-report.md');
	await writeFile(reportPath, report);
	// The rebuilt text the report's line numbers refer to.
	await writeFile(
		join(reportDir, 'import-text.txt'),
		pages.map((result) => result.text).join('\n\f\n'),
	);
	await mkdir(dirname(reportPath), { recursive: true });
	return { written, heldBack, media, reportPath, report };
}
