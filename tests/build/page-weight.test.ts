import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { articleFileName } from '../../scripts/lib/archive-writer/file-names.ts';
import { splitParagraphs } from '../../scripts/lib/archive-writer/markdown.ts';
import type { SourceRecord } from '../../scripts/lib/archive-writer/types.ts';
import {
	countScripts,
	linkedStylesheets,
	measureArticlePages,
	readableWithoutJs,
	type ArticlePageWeight,
} from '../../bench/lib/output-size.ts';
import { buildSite, scratchDir } from '../../support/build-site.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';
import { readPage } from '../helpers/dist.ts';
import { byAttribute, compact, textContent } from '../../support/html.ts';
import { CORPUS_FILE } from '../../support/paths.ts';

/**
 * Article pages stay small: under 20 KB (20,000 bytes) of HTML plus the stylesheets they
 * link, gzipped, measured the way `npm run bench` measures every article page. The pages
 * are the corpus's longest articles, with the records printed next to them so that they
 * have real neighbours (the previous/next links). The longest, a list of 2,196 names, is
 * about 15 KB of gzip text on its own, so everything else on the page has to stay small.
 */

const run = promisify(execFile);
const NODE = join(PROJECT_ROOT, 'node_modules', '.bin', 'node');

/** The target of the issue: a reader's first visit to any article page. */
const MAX_PAGE_BYTES = 20_000;
/**
 * What a page adds to its article's own text (layout, head, search metadata, JSON-LD,
 * stylesheet), gzip. A budget rather than a snapshot: growing it is a choice to make
 * knowingly, since the longest article has little room under MAX_PAGE_BYTES. Was 4,600 B
 * (about 4.2 KB used); raised to 5,000 B for what researchers asked for on every article
 * (issue 12): 引用本文 in four forms with its downloads, the Highwire tags, the item's data
 * links, the OpenSearch and feed links — about 650 B together on the longest page.
 */
const MAX_CHROME_BYTES = 5_000;
const LONGEST = 3;

interface Picked {
	record: SourceRecord;
	url: string;
}

let runDir: string;
let site: string;
let longest: Picked[];
let weight: ArticlePageWeight;

/** The `count` records with the longest bodies, and the records on either side of each. */
function longestWithNeighbours(records: SourceRecord[], count: number): SourceRecord[] {
	const byLength = records
		.map((record, index) => ({ index, length: record.body.length }))
		.sort((a, b) => b.length - a.length)
		.slice(0, count);
	const keep = new Set(byLength.flatMap(({ index }) => [index - 1, index, index + 1]));
	return records.filter((_, index) => keep.has(index));
}

const urlOf = (record: SourceRecord) => `/${articleFileName(record).replace(/\.md$/, '/')}`;

/** Gzip bytes of a page and the stylesheets it links, as the bench counts them. */
function pageBytes(html: string): number {
	const css = linkedStylesheets(html).map((href) => readFileSync(join(site, ...href.split('/'))));
	return [Buffer.from(html), ...css].reduce((sum, file) => sum + gzipSync(file).length, 0);
}

beforeAll(async () => {
	const records = readFileSync(CORPUS_FILE, 'utf8')
		.split('\n')
		.filter((line) => line.trim() !== '')
		.map((line) => JSON.parse(line) as SourceRecord);
	const picked = longestWithNeighbours(records, LONGEST);
	longest = [...records]
		.sort((a, b) => b.body.length - a.body.length)
		.slice(0, LONGEST)
		.map((record) => ({ record, url: urlOf(record) }));

	runDir = await scratchDir('build-page-weight');
	const jsonl = join(runDir, 'longest.jsonl');
	const contentDir = join(runDir, 'content');
	await writeFile(jsonl, picked.map((record) => JSON.stringify(record)).join('\n') + '\n');
	await run(NODE, ['scripts/import.ts', '--jsonl', jsonl, '--out', contentDir], {
		cwd: PROJECT_ROOT,
	});
	site = (await buildSite({ contentDir, outDir: join(runDir, 'site') })).outDir;
	weight = measureArticlePages(site, 'articles', 10)!;
	console.info(
		`[page weight] ${weight.pages} article pages, gzip HTML+CSS: max ${weight.gzipMaxBytes} B, median ${weight.gzipMedianBytes} B (CSS ${weight.cssGzipMedianBytes} B)`,
	);
});

afterAll(async () => {
	if (runDir) await rm(runDir, { recursive: true, force: true });
});

describe('the pages of the longest articles in the corpus', () => {
	test('are each under 20 KB of gzip HTML and linked CSS', () => {
		expect(weight.pages).toBeGreaterThanOrEqual(LONGEST * 2);
		expect(weight.gzipMaxBytes).toBeLessThan(MAX_PAGE_BYTES);
		expect(weight.pagesOver20KB).toBe(0);
	});

	test('add less than the budget to the article text', () => {
		for (const { record, url } of longest) {
			const page = readPage(site, url);
			const text = splitParagraphs(record.body)
				.map((lines) => lines.join('\n'))
				.join('\n');
			const chrome = pageBytes(page.html) - gzipSync(text).length;
			console.info(`[page weight] ${url}: ${chrome} B besides the article's text`);
			expect(chrome, url).toBeLessThan(MAX_CHROME_BYTES);
		}
	});

	test('hold every paragraph of the article, in the HTML, with no script needed', () => {
		for (const { record, url } of longest) {
			const page = readPage(site, url);
			expect(readableWithoutJs(page.html), url).toBe(true);
			const [article] = byAttribute(page.document, 'data-pagefind-body');
			const onPage = compact(textContent(article!));
			const missing = splitParagraphs(record.body)
				.flat()
				.filter((line) => !onPage.includes(compact(line)));
			expect(missing, url).toEqual([]);
		}
	});

	test('link one stylesheet and run no script to show the article', () => {
		for (const { url } of longest) {
			const { html } = readPage(site, url);
			expect(linkedStylesheets(html), url).toHaveLength(1);
			// The one module script is the header's `/` shortcut and search-word highlighting.
			expect(countScripts(html), url).toBeLessThanOrEqual(1);
		}
	});
});
