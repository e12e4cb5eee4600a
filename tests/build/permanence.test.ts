import { existsSync, readFileSync } from 'node:fs';
import { cp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, buildSiteExpectingFailure, scratchDir } from '../../support/build-site.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';
import { launchChromium } from '../../support/browser.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';
import { readPage } from '../helpers/dist.ts';
import { byAttribute, byTag } from '../../support/html.ts';
import { serveStatic } from '../../support/static-server.ts';

/**
 * Permanent addresses end to end, on copies of the default content in a scratch folder:
 * the committed list is what a build writes; renaming an entry makes the build refuse,
 * naming the address and the redirectFrom to add; with it, the old address lands on the
 * new page (in Chromium, through the meta refresh) and `_redirects` forwards it too.
 */

// A day without issues on its day of the year: the home page says nothing about it.
const SOURCE_DATE_EPOCH = String(Date.parse('2022-06-01T10:00:00+08:00') / 1000);
const LIST = 'published-urls.txt';
const OLD = '/articles/2021-11-11/02-zhu-haiyi/';
const NEW = '/articles/2021-11-11/02-zhu-haiyi-daode-mofan/';
const OLD_FILE = 'articles/2021-11-11/02-zhu-haiyi.md';
const NEW_FILE = 'articles/2021-11-11/02-zhu-haiyi-daode-mofan.md';
// Colour codes in the build's terminal output.
// eslint-disable-next-line no-control-regex -- removing colour codes is the point
const ANSI = /\u001b\[[0-9;]*m/g;

let runDir: string;
beforeAll(async () => {
	runDir = await scratchDir('permanence');
});
afterAll(async () => {
	if (runDir) await rm(runDir, { recursive: true, force: true });
});

async function copyOfContent(name: string): Promise<string> {
	const dir = join(runDir, name);
	await cp(DEFAULT_CONTENT_DIR, dir, { recursive: true });
	return dir;
}

/** Adds a front matter line before the closing `---`. */
async function addLine(file: string, line: string): Promise<void> {
	const source = await readFile(file, 'utf8');
	const close = source.indexOf('\n---', 3);
	await writeFile(file, `${source.slice(0, close)}\n${line}${source.slice(close)}`);
}

describe('the committed list', () => {
	test('is what a build writes for the default content, so a clean build leaves it as it is', async () => {
		const committed = readFileSync(join(DEFAULT_CONTENT_DIR, LIST), 'utf8');
		const content = await copyOfContent('fresh');
		// A folder without the list (a test fixture, a new paper): the build writes one.
		await rm(join(content, LIST));
		const { outDir } = await buildSite({
			contentDir: content,
			outDir: join(runDir, 'fresh-site'),
			env: { SOURCE_DATE_EPOCH },
		});
		expect(readFileSync(join(content, LIST), 'utf8')).toBe(committed);
		expect(committed).toContain(`${OLD}\n`);
		expect(committed).toContain('/notices/2021-11-11/02-shiyingshi-paimai/\n');
		expect(committed).toContain('/people/zhu-haiyi/\n');
		// No old addresses in the default content: no forwarding file.
		expect(existsSync(join(outDir, '_redirects'))).toBe(false);
		// 2022-06-01 has no issues on 06-01 in earlier years: the home page says nothing.
		expect(readPage(outDir, '/').html).not.toContain('历史上的今天');
	});
});

describe('rename → refuse → redirect', { timeout: 600_000 }, () => {
	let content: string;
	let site: string;
	let browser: Browser | undefined;

	beforeAll(async () => {
		content = await copyOfContent('renamed');
	});
	afterAll(async () => {
		await browser?.close();
	});

	test('renaming an entry makes the build refuse, naming the address and the fix', async () => {
		const listBefore = await readFile(join(content, LIST), 'utf8');
		await rename(join(content, OLD_FILE), join(content, NEW_FILE));
		const result = await buildSiteExpectingFailure({
			contentDir: content,
			outDir: join(runDir, 'refused'),
			env: { SOURCE_DATE_EPOCH },
		});
		const output = result.output.replace(ANSI, '');
		// Where: the list's file and the line of the address.
		expect(output).toMatch(/published-urls\.txt:\d+ \/articles\/2021-11-11\/02-zhu-haiyi\//);
		expect(output).toContain(`${OLD} 曾经发布过`);
		expect(output).toContain(`${OLD} was published, but this build has no page for it`);
		expect(output).toContain(`redirectFrom: ['${OLD}']`);
		expect(output).toContain(NEW_FILE);
		// A refused build leaves the list alone.
		expect(await readFile(join(content, LIST), 'utf8')).toBe(listBefore);
	});

	test('with redirectFrom the build passes and writes a forwarding page and _redirects', async () => {
		await addLine(join(content, NEW_FILE), `redirectFrom: ['${OLD}']`);
		site = (
			await buildSite({
				contentDir: content,
				outDir: join(runDir, 'redirected'),
				env: { SOURCE_DATE_EPOCH },
			})
		).outDir;
		const old = readPage(site, OLD);
		const refresh = byTag(old.document, 'meta').find(
			(meta) => meta.attrs['http-equiv'] === 'refresh',
		);
		expect(refresh?.attrs.content).toBe(`0; url=${NEW}`);
		expect(byAttribute(old.document, 'rel', 'canonical')[0]?.attrs.href).toBe(
			`https://archive.akrb.example${NEW}`,
		);
		expect(byTag(old.document, 'a').map((link) => link.attrs.href)).toEqual([NEW]);
		expect(
			byTag(old.document, 'meta').filter(
				(meta) => meta.attrs['http-equiv'] === 'content-security-policy',
			),
		).toHaveLength(1);
		expect(readFileSync(join(site, '_redirects'), 'utf8')).toContain(`${OLD} ${NEW} 301\n`);
		// The new page is a real page; the list now holds both addresses.
		expect(readPage(site, NEW).html).toContain('data-pagefind-body');
		const list = await readFile(join(content, LIST), 'utf8');
		expect(list).toContain(`${OLD}\n`);
		expect(list).toContain(`${NEW}\n`);
	});

	test('the forwarding page is valid HTML', async () => {
		const validator = new HtmlValidate(
			new FileSystemConfigLoader({
				extends: [join(PROJECT_ROOT, '.htmlvalidate.json')],
				root: true,
			}),
		);
		const report = await validator.validateFile(join(site, OLD.slice(1), 'index.html'));
		expect(report.results.flatMap((result) => result.messages)).toEqual([]);
	});

	test('in Chromium, the old address lands on the new page', async () => {
		const server = await serveStatic(site);
		try {
			browser = await launchChromium();
			const page = await browser.newPage();
			await page.goto(`${server.origin}${OLD}`);
			await page.waitForURL(`${server.origin}${NEW}`, { timeout: 30_000 });
			expect(new URL(page.url()).pathname).toBe(NEW);
			expect(await page.locator('article.story').count()).toBe(1);
		} finally {
			await server.close();
		}
	});

	test('an old address that is a page the site builds is refused', async () => {
		await addLine(
			join(content, 'notices/2021-11-11/02-shiyingshi-paimai.md'),
			"redirectFrom: ['/archive/']",
		);
		const result = await buildSiteExpectingFailure({
			contentDir: content,
			outDir: join(runDir, 'clash'),
			env: { SOURCE_DATE_EPOCH },
		});
		const output = result.output.replace(ANSI, '');
		expect(output).toContain('notices/2021-11-11/02-shiyingshi-paimai.md [redirectFrom]');
		expect(output).toContain('/archive/ 是本站现有的页面');
	});
});
