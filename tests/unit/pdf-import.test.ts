import { parseFrontmatter } from '@astrojs/markdown-remark';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { importPage, renderDraft } from '../../scripts/lib/page-import/index.ts';
import { importPdf } from '../../scripts/lib/pdf-import/index.ts';
import { regionIoU } from '../../scripts/lib/pdf-import/layout.ts';
import { openPdf, readPage } from '../../scripts/lib/pdf-import/pdf.ts';
import { collectionSchemas } from '../../src/schemas/index.ts';
import { PROJECT_ROOT, TMP_ROOT } from '../../support/paths.ts';
import { readSeed } from '../helpers/seed.ts';

/**
 * `npm run import -- <page.pdf>` on the printed-page fixture (the seed page re-set in
 * columns and printed to PDF by Chromium), through the real command: the entries must be
 * the text import's entries, with regions that match the layout's true boxes, the page
 * image and the PDF kept. The fixture's truth.json was read from the laid-out DOM.
 */

const FIXTURE = join(PROJECT_ROOT, 'tests/fixtures/printed-page');
const PAGE_PDF = join(FIXTURE, 'page.pdf');
const NODE = join(PROJECT_ROOT, 'node_modules/.bin/node');
const IMPORT = join(PROJECT_ROOT, 'scripts/import.ts');
const CHECK = join(PROJECT_ROOT, 'scripts/check.ts');

interface Truth {
	size: { width: number; height: number };
	items: {
		kind: string;
		first: string;
		regions: { x: number; y: number; w: number; h: number }[];
		sentences: string[];
	}[];
	joins: { before: string; after: string }[];
}
const truth = JSON.parse(readFileSync(join(FIXTURE, 'truth.json'), 'utf8')) as Truth;

const scratch = mkdtempSync(join(TMP_ROOT, 'pdf-import-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(args: string[]) {
	const result = spawnSync(NODE, [IMPORT, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8' });
	return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

interface EntryFile {
	path: string;
	source: string;
	data: Record<string, unknown>;
	body: string;
}

function readEntries(dir: string, under = ''): EntryFile[] {
	return readdirSync(join(dir, under), { recursive: true, encoding: 'utf8' })
		.map((name) => name.split(sep).join('/'))
		.filter((name) => /^(articles|notices|adverts|issues)\/.*\.md$/.test(name))
		.sort()
		.map((path) => {
			const source = readFileSync(join(dir, under, path), 'utf8');
			const { rawFrontmatter, content } = parseFrontmatter(source);
			return {
				path,
				source,
				data: parse(rawFrontmatter) as Record<string, unknown>,
				body: content.trim(),
			};
		});
}

const compact = (text: string) => text.replace(/\s+/g, '');
/** What a body shows, near enough for comparing text: no Markdown marks, no whitespace. */
const shown = (body: string) => compact(body.replace(/^## /gm, '').replace(/\\$/gm, ''));

// One run as drafts, with nothing given: date and page must come from the folio.
const draftsDir = join(scratch, 'drafts');
const draftsRun = run([PAGE_PDF, '--out', draftsDir]);
const drafts = readEntries(draftsDir);
const items = drafts.filter((entry) => !entry.path.startsWith('issues/'));
// The text import of the seed, the reference the PDF import must match.
const seed = readSeed();
const reference = importPage(seed, { date: '2021-11-11', page: 2 }).drafts;

describe('importing the printed page PDF', { timeout: 240_000 }, () => {
	test('the command succeeds and reports the folio, the joins and what to check', () => {
		expect(draftsRun.code, draftsRun.out).toBe(0);
		const report = readFileSync(join(draftsDir, 'import-report.md'), 'utf8');
		expect(report).toContain('导入报告 / import report');
		expect(report).toContain('页眉 / folio: 第2版 安康日报 2021年11月11日');
		expect(report).toContain('不确定之处 / what to check');
		expect(report).toContain('版面上不确定之处 / layout: what to check');
	});

	test('reads the date and page from the folio line', () => {
		const report = readFileSync(join(draftsDir, 'import-report.md'), 'utf8');
		expect(report).toMatch(/日期 \/ date: 2021-11-11（页眉 \/ from the folio line）/);
		expect(report).toMatch(/版次 \/ page: 第二版（页眉 \/ from the folio line）/);
		const issue = drafts.find((entry) => entry.path === 'issues/2021-11-11.md')!;
		// The folio prints the date, so it is not marked inferred.
		expect(issue.data.dateInferred).toBeUndefined();
		expect(items.every((entry) => entry.data.date === '2021-11-11' && entry.data.page === 2)).toBe(
			true,
		);
	});

	test('writes the same entries as the text import, in the same files', () => {
		expect(items.map((entry) => entry.path)).toEqual(reference.map((draft) => draft.path).sort());
		for (const draft of reference) {
			const mine = items.find((entry) => entry.path === draft.path)!;
			const theirs = parseFrontmatter(renderDraft(draft));
			const data = { ...mine.data };
			delete data.regions;
			// The contact line of the liquor advert is set justified; its spaces between
			// Chinese words cannot be told from the setter's spacing (see docs/pdf-import.md).
			if (draft.path !== 'adverts/2021-11-11/02-005.md') {
				expect(data, draft.path).toEqual(parse(theirs.rawFrontmatter));
				expect(mine.body, draft.path).toBe(theirs.content.trim());
			} else {
				expect(data.kind).toBe(draft.data.kind);
				expect(data.title).toBe(draft.data.title);
				expect(shown(mine.body)).toBe(shown(draft.body));
			}
		}
	});

	test('recovers every line and sentence of the seed page, each in its item, and nothing twice', () => {
		const texts = items.map((entry) => compact(JSON.stringify(entry.data)) + shown(entry.body));
		const lines = seed
			.split('\n')
			.map((line) => compact(line.replace(/^\(上接一版\)/, '')))
			.filter((line) => line !== '');
		expect(lines.filter((line) => !texts.some((text) => text.includes(line)))).toEqual([]);
		// Each sentence of the truth is in the item the layout printed it in.
		const ordered = [...items].sort((a, b) => Number(a.data.order) - Number(b.data.order));
		truth.items.forEach((item, index) => {
			const text = compact(JSON.stringify(ordered[index]!.data)) + shown(ordered[index]!.body);
			const lost = item.sentences
				.map((sentence) => sentence.replace(/^\(上接一版\)/, ''))
				.filter((sentence) => sentence !== '' && !text.includes(sentence));
			expect(lost, item.first).toEqual([]);
		});
		const printed = compact(seed.replace(/\(上接一版\)/g, '')).length;
		const headlines = items
			.filter((entry) => !entry.path.startsWith('adverts/'))
			.map((entry) => (typeof entry.data.title === 'string' ? entry.data.title : ''))
			.join('').length;
		const bodies = items.map((entry) => shown(entry.body)).join('').length;
		expect(bodies + headlines).toBe(printed);
	});

	test('joins exactly the paragraphs the layout broke across columns', () => {
		const report = readFileSync(join(draftsDir, 'import-report.md'), 'utf8');
		const section = report.split('### 跨栏接排的段落')[1]!.split('###')[0]!;
		const found = [...section.matchAll(/^- (.+)$/gm)].map((match) => match[1]);
		expect(found).toEqual(truth.joins.map((join) => `${join.before}|${join.after}`));
		expect(truth.joins.length).toBeGreaterThanOrEqual(3);
		for (const join of truth.joins) {
			expect(items.some((entry) => entry.body.includes(`${join.before}${join.after}`))).toBe(true);
		}
		// And the text rules found no other break to join.
		expect(report).toContain('合并的断段 / paragraphs joined (0)');
	});

	test("each item's regions overlap its true box with IoU ≥ 0.9; the L-shaped story has two", () => {
		const ordered = [...items].sort((a, b) => Number(a.data.order) - Number(b.data.order));
		expect(ordered).toHaveLength(truth.items.length);
		truth.items.forEach((item, index) => {
			const regions = ordered[index]!.data.regions as Truth['items'][number]['regions'];
			const iou = regionIoU(regions, item.regions, 400);
			expect(iou, `${item.first}: ${JSON.stringify(regions)}`).toBeGreaterThanOrEqual(0.9);
			for (const region of regions) {
				for (const value of Object.values(region))
					expect(value).toBe(Math.round(value * 1e4) / 1e4);
			}
		});
		expect(truth.items[0]!.regions).toHaveLength(2);
		expect((ordered[0]!.data.regions as unknown[]).length).toBe(2);
	});

	test('renders the page image with the page’s aspect ratio and keeps the PDF', async () => {
		const issue = drafts.find((entry) => entry.path === 'issues/2021-11-11.md')!;
		const page = (issue.data.pages as Record<string, unknown>[]).find((p) => p.number === 2)!;
		expect(page).toMatchObject({
			pdf: 'media/2021-11-11/02.pdf',
			image: 'media/2021-11-11/02.png',
		});
		const image = readFileSync(join(draftsDir, String(page.image)));
		expect(image.subarray(1, 4).toString('latin1')).toBe('PNG');
		const { width, height, format } = await sharp(image).metadata();
		expect(format).toBe('png');
		expect(width).toBe(2000);
		expect(Math.abs(height - (width * truth.size.height) / truth.size.width)).toBeLessThanOrEqual(
			1,
		);
		expect(readFileSync(join(draftsDir, String(page.pdf))).equals(readFileSync(PAGE_PDF))).toBe(
			true,
		);
	});

	test('drafts carry review notes and pass npm run check and every schema', () => {
		expect(items.some((entry) => entry.source.includes('待核 / needs review'))).toBe(true);
		for (const entry of drafts) {
			const collection = entry.path.split('/')[0] as keyof typeof collectionSchemas;
			const checked = collectionSchemas[collection].safeParse(entry.data);
			expect(checked.success, `${entry.path}: ${checked.error?.message}`).toBe(true);
		}
		const checked = spawnSync(NODE, [CHECK, draftsDir], { cwd: PROJECT_ROOT, encoding: 'utf8' });
		expect(`${checked.stdout}${checked.stderr}`).toContain('没有发现问题');
	});

	test('--publish writes entries without review notes; the report goes under _imports/', () => {
		const dir = join(scratch, 'published');
		const { code, out } = run([
			PAGE_PDF,
			'--date',
			'2021-11-11',
			'--page',
			'2',
			'--out',
			dir,
			'--publish',
		]);
		expect(code, out).toBe(0);
		const published = readEntries(dir);
		expect(
			published.filter((entry) => !entry.path.startsWith('issues/')).length,
		).toBeGreaterThanOrEqual(5);
		for (const entry of published) expect(entry.source).not.toContain('待核');
		expect(existsSync(join(dir, '_imports/2021-11-11-p2/import-report.md'))).toBe(true);
		expect(existsSync(join(dir, 'import-report.md'))).toBe(false);
		expect(out).toContain('命令行参数 / from the flag');
		// What cannot be published as it is, is held back as a draft and named.
		const heldDir = '_drafts/2021-11-11-p2';
		const held = existsSync(join(dir, heldDir)) ? readEntries(dir, heldDir) : [];
		for (const entry of held) expect(out).toContain(entry.path);
		expect(published.length + held.length).toBe(drafts.length);
	});

	test('a whole-issue PDF gives every 版 its image and its own PDF, and keeps the original', async () => {
		const dir = join(scratch, 'issue');
		const { code, out } = run([join(FIXTURE, 'issue-2.pdf'), '--out', dir]);
		expect(code, out).toBe(0);
		const issue = readEntries(dir).find((entry) => entry.path === 'issues/2021-11-11.md')!;
		const pages = issue.data.pages as Record<string, unknown>[];
		for (const number of [1, 2]) {
			expect(pages.find((page) => page.number === number)).toMatchObject({
				pdf: `media/2021-11-11/0${number}.pdf`,
				image: `media/2021-11-11/0${number}.png`,
			});
			expect(existsSync(join(dir, `media/2021-11-11/0${number}.png`))).toBe(true);
		}
		expect(readdirSync(join(dir, 'media/2021-11-11')).sort()).toEqual([
			'01.pdf',
			'01.png',
			'02.pdf',
			'02.png',
			'issue.pdf',
		]);
		// The original as delivered; each 版's PDF is that 版 alone, its text still text.
		const original = readFileSync(join(FIXTURE, 'issue-2.pdf'));
		expect(readFileSync(join(dir, 'media/2021-11-11/issue.pdf')).equals(original)).toBe(true);
		const whole = await openPdf(new Uint8Array(original), 'issue-2.pdf');
		for (const number of [1, 2]) {
			const single = await openPdf(
				new Uint8Array(readFileSync(join(dir, `media/2021-11-11/0${number}.pdf`))),
				`0${number}.pdf`,
			);
			expect(single.numPages).toBe(1);
			const text = async (doc: typeof whole, sheet: number) =>
				(await readPage(doc, sheet)).runs.map((item) => item.text).join('');
			const expected = await text(whole, number);
			expect(expected.length).toBeGreaterThan(200);
			expect(await text(single, 1)).toBe(expected);
		}
	});

	test('worker threads read a whole issue exactly as one thread does', async () => {
		const bytes = readFileSync(join(FIXTURE, 'issue-2.pdf'));
		const [alone, shared] = await Promise.all([
			importPdf(bytes, 'issue-2.pdf', { workers: 1 }),
			importPdf(bytes, 'issue-2.pdf', { workers: 2 }),
		]);
		expect(shared.map((page) => [page.sheet, page.page])).toEqual([
			[1, 1],
			[2, 2],
		]);
		expect(shared).toEqual(alone);
		expect(shared[1]!.drafts.map((draft) => draft.path)).toEqual(
			reference.map((draft) => draft.path),
		);
	});

	test('a PDF with no text layer is refused with a clear bilingual message', () => {
		const { code, out } = run([join(FIXTURE, 'scan.pdf'), '--out', join(scratch, 'scan')]);
		expect(code).toBe(2);
		expect(out).toContain('没有文字层');
		expect(out).toContain('has no text layer');
		expect(out).toContain('pages[].image');
		expect(existsSync(join(scratch, 'scan'))).toBe(false);
	});

	test('a file named .pdf that is not a PDF is refused by its first bytes', () => {
		const fake = join(scratch, 'not-a.pdf');
		writeFileSync(fake, '以踏石留印的狠劲抓落实\n\n这不是 PDF。\n');
		const { code, out } = run([fake, '--out', join(scratch, 'fake')]);
		expect(code).toBe(2);
		expect(out).toContain('不是 PDF 文件');
		expect(out).toContain('is not a PDF');
		expect(existsSync(join(scratch, 'fake'))).toBe(false);
	});
});
