import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseDocument } from 'yaml';
import { attachPagePdfs, type AttachedPages } from '../../bench/lib/page-pdfs.ts';
import { openPdf, readPage } from '../../scripts/lib/pdf-import/pdf.ts';

/**
 * The benchmark's synthetic printed pages (`npm run bench -- --page-images`): a made-up
 * day of three articles on one 版 (not corpus text) gets a PDF printed by Chromium, a page
 * image at the import's width, and regions that hold each article's own headline as the
 * PDF's text layer places it.
 */

const DATE = '2030-01-02';
const ARTICLES = [
	{ title: '基准测试头条新闻标题', body: '这是用于基准测试的第一篇文章。'.repeat(60) },
	{ title: '第二篇测试稿件', body: '第二篇文章的正文内容，用来排版。'.repeat(30) },
	{ title: '第三篇简讯标题', body: '第三篇文章很短。'.repeat(12) },
];

let dir = '';
let attached: AttachedPages;

async function writeDay(root: string): Promise<void> {
	await mkdir(join(root, 'issues'), { recursive: true });
	await mkdir(join(root, 'articles', DATE), { recursive: true });
	await writeFile(
		join(root, 'issues', `${DATE}.md`),
		`---\ndate: "${DATE}"\npages:\n  - number: 1\n---\n`,
	);
	for (const [index, article] of ARTICLES.entries()) {
		await writeFile(
			join(root, 'articles', DATE, `01-00${index + 1}.md`),
			`---\ntitle: "${article.title}"\ndate: "${DATE}"\npage: 1\norder: ${index + 1}\n---\n\n${article.body}\n\n${article.body}\n`,
		);
	}
}

const frontMatter = async (file: string) =>
	parseDocument(/^---\n([\s\S]*?)\n---/.exec(await readFile(file, 'utf8'))![1]!).toJS() as Record<
		string,
		unknown
	>;

beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), 'page-pdfs-'));
	await writeDay(join(dir, 'first'));
	attached = await attachPagePdfs(join(dir, 'first'));
}, 180_000);

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('synthetic page PDFs for the bench', () => {
	test('every 版 gets a text PDF and a page image at the import width, named as the import names them', async () => {
		expect(attached).toMatchObject({ pages: 1, articles: 3 });
		const issue = await frontMatter(join(dir, 'first', 'issues', `${DATE}.md`));
		expect(issue.pages).toEqual([
			{ number: 1, pdf: `media/${DATE}/01.pdf`, image: `media/${DATE}/01.png` },
		]);
		const pdf = await readFile(join(dir, 'first', 'media', DATE, '01.pdf'));
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const image = await sharp(join(dir, 'first', 'media', DATE, '01.png')).metadata();
		expect(image).toMatchObject({ format: 'png', width: 2000 });
		expect(image.height / image.width).toBeCloseTo(1810 / 1280, 2);
	});

	test("each article's region holds its headline as the PDF places it, and no two overlap", async () => {
		const bytes = new Uint8Array(await readFile(join(dir, 'first', 'media', DATE, '01.pdf')));
		const doc = await openPdf(bytes, '01.pdf');
		const page = await readPage(doc, 1);
		await doc.destroy();
		const regions = [];
		for (const [index, article] of ARTICLES.entries()) {
			const data = await frontMatter(join(dir, 'first', 'articles', DATE, `01-00${index + 1}.md`));
			const [region, ...rest] = data.regions as { x: number; y: number; w: number; h: number }[];
			expect(rest).toEqual([]);
			expect(region!.w).toBeGreaterThan(0);
			expect(region!.h).toBeGreaterThan(0);
			expect(region!.x + region!.w).toBeLessThanOrEqual(1);
			expect(region!.y + region!.h).toBeLessThanOrEqual(1);
			const runs = page.runs.filter(
				(run) => run.text.length >= 2 && article.title.includes(run.text),
			);
			expect(runs.length).toBeGreaterThan(0);
			for (const run of runs) {
				const x = (run.x + run.width / 2) / page.width;
				const y = run.baseline / page.height;
				expect(x).toBeGreaterThan(region!.x);
				expect(x).toBeLessThan(region!.x + region!.w);
				expect(y).toBeGreaterThan(region!.y);
				expect(y).toBeLessThan(region!.y + region!.h);
			}
			regions.push(region!);
		}
		for (const [i, a] of regions.entries())
			for (const b of regions.slice(i + 1)) {
				const overlapX = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
				const overlapY = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
				expect(overlapX <= 0 || overlapY <= 0).toBe(true);
			}
	});

	test('the same page is made once: a second archive with the same text takes it from the cache', async () => {
		await writeDay(join(dir, 'second'));
		const again = await attachPagePdfs(join(dir, 'second'));
		expect(again).toMatchObject({ pages: 1, made: 0, articles: 3 });
		const first = await readFile(join(dir, 'first', 'media', DATE, '01.png'));
		const second = await readFile(join(dir, 'second', 'media', DATE, '01.png'));
		expect(second.equals(first)).toBe(true);
	});
});
