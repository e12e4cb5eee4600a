import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { scratchDir } from '../../support/build-site.ts';
import { launchChromium } from '../../support/browser.ts';
import { listHtmlFiles, readPage } from '../helpers/dist.ts';
import { byTag, descendants, textContent, type HtmlElement } from '../../support/html.ts';
import { loadPagefind } from '../../support/pagefind-node.ts';
import {
	BODY_PAYLOADS,
	FRONT_MATTER_PAYLOADS as FM,
	SEARCHABLE_TITLE_WORD,
} from '../fixtures/xss/payloads.ts';
import { buildWithout } from './helpers/build-without.ts';
import { serveWithHeaders } from './helpers/headers-server.ts';
import {
	bodyArticleId,
	FRONT_MATTER_ADVERT,
	FRONT_MATTER_ARTICLE,
	FRONT_MATTER_PERSON,
	writeXssContent,
	XSS_DATE,
} from './helpers/xss-content.ts';
import { openXssTrap } from './helpers/xss-trap.ts';

/**
 * A site built from `content/` plus 42 XSS payloads in article bodies and payloads in
 * every kind of front-matter field that reaches a page. It is built without the content
 * guard, which would refuse the obvious payloads with a message for the editor: these
 * tests prove the layer under it, the sanitiser in the Markdown pipeline, and the CSP on
 * top. Nothing may run, nothing may load from another site, no `on…` attribute or script
 * URL may be left in the HTML, and front-matter text must come out as the same text in
 * HTML, attributes, JSON-LD, RSS and the search index.
 */

// Browsers skip control characters and spaces before a scheme, so the check must too.
// eslint-disable-next-line no-control-regex
const SCRIPT_URL = /^[\s\u0000-\u001f]*(?:javascript|vbscript|data):/i;
const URL_ATTRIBUTES = [
	'href',
	'src',
	'action',
	'formaction',
	'xlink:href',
	'srcdoc',
	'data',
	'poster',
	'srcset',
	'background',
];

const FORBIDDEN_IN_BODIES = [
	'iframe',
	'object',
	'embed',
	'base',
	'meta',
	'link',
	'svg',
	'math',
	'style',
	'script',
	'form',
	'input',
	'button',
	'template',
	'video',
	'noscript',
];

/** Whether a node lies in a rendered body (`<div class="prose">`), as opposed to the site's own markup. */
function insideBody(node: HtmlElement): boolean {
	for (let parent = node.parent; parent; parent = parent.parent) {
		if ((parent.attrs.class ?? '').split(/\s+/).includes('prose')) return true;
	}
	return false;
}

let runDir: string;
let site: string;
let browser: Browser;

beforeAll(async () => {
	runDir = await scratchDir('trust-xss');
	const contentDir = join(runDir, 'content');
	await writeXssContent(contentDir);
	const result = await buildWithout({
		contentDir,
		outDir: join(runDir, 'site'),
		without: ['archive:content-guard'],
	});
	expect(result.exitCode, `${result.stdout}\n${result.stderr}`).toBe(0);
	site = result.outDir;
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
	if (runDir) await rm(runDir, { recursive: true, force: true });
});

const articleUrl = (id: string) => `/articles/${id}/`;

describe('XSS payloads built into a site', () => {
	test('at least 30 different payloads are tried, each on its own page', () => {
		expect(BODY_PAYLOADS.length).toBeGreaterThanOrEqual(30);
		expect(new Set(BODY_PAYLOADS.map((payload) => payload.markdown)).size).toBe(
			BODY_PAYLOADS.length,
		);
		for (const payload of BODY_PAYLOADS) {
			const page = readPage(site, articleUrl(bodyArticleId(payload.id)));
			// The text around each payload survives: sanitising removes the payload, not the
			// article (an unclosed <style> takes the rest of the body, as Markdown says it does).
			expect(page.compactText, payload.id).toContain('前文。');
			if (!payload.swallowsRest) expect(page.compactText, payload.id).toContain('后文。');
		}
	});

	test('leave no event attribute, script URL, foreign script or outside resource in any page', () => {
		const files = listHtmlFiles(site);
		expect(files.length).toBeGreaterThan(BODY_PAYLOADS.length);
		const found: string[] = [];
		for (const file of files) {
			const page = readPage(site, file);
			for (const node of descendants(page.document)) {
				for (const [name, value] of Object.entries(node.attrs)) {
					if (name.startsWith('on')) found.push(`${file}: <${node.tag} ${name}>`);
					if (URL_ATTRIBUTES.includes(name) && SCRIPT_URL.test(value)) {
						found.push(`${file}: <${node.tag} ${name}="${value.slice(0, 40)}">`);
					}
					if (URL_ATTRIBUTES.includes(name) && value.includes('evil.example')) {
						found.push(`${file}: <${node.tag} ${name}> loads from evil.example`);
					}
				}
				if (node.tag === 'script') {
					const own =
						node.attrs.type === 'application/ld+json' ||
						(node.attrs.type === 'module' && /^\/_astro\//.test(node.attrs.src ?? ''));
					if (!own) found.push(`${file}: a <script> the site did not write`);
				}
				// The site's own search form is fine; none of these may come from an entry's body.
				if (FORBIDDEN_IN_BODIES.includes(node.tag) && insideBody(node)) {
					found.push(`${file}: <${node.tag}> in an entry's body`);
				}
			}
		}
		expect(found).toEqual([]);
	});

	test.each([
		['with the CSP switched off (the sanitiser alone)', true],
		['with the CSP sent as a header (both layers)', false],
	])('run nothing in Chromium, %s', async (_name, bypassCSP) => {
		const server = await serveWithHeaders(site);
		const trap = await openXssTrap(browser, { bypassCSP });
		try {
			const page: Page = await trap.context.newPage();
			page.on('dialog', (dialog) => {
				trap.ran.push(`dialog: ${dialog.message()}`);
				void dialog.dismiss();
			});
			// Alone, the sanitiser is tried on every payload's own page; behind the CSP as well,
			// the pages that show all payloads at once are enough.
			const urls = [
				...(bypassCSP ? BODY_PAYLOADS.map((payload) => articleUrl(bodyArticleId(payload.id))) : []),
				`/issues/${XSS_DATE}/1/`,
				`/issues/${XSS_DATE}/2/`,
				articleUrl(FRONT_MATTER_ARTICLE),
				`/people/${FRONT_MATTER_PERSON}/`,
				`/adverts/${FRONT_MATTER_ADVERT}/`,
				'/people/',
				`/search/?q=${encodeURIComponent(SEARCHABLE_TITLE_WORD)}`,
			];
			for (const url of urls) await trap.visit(page, `${server.origin}${url}`);
			// Search results are written by script: wait for them, then look again.
			await page.locator('[data-search-results] li').first().waitFor();
			await page.waitForTimeout(200);
			const live = await page.evaluate(() => {
				const bad: string[] = [];
				for (const element of document.querySelectorAll('*')) {
					for (const attribute of element.getAttributeNames()) {
						if (attribute.startsWith('on')) bad.push(`${element.tagName} ${attribute}`);
					}
					const link = element as HTMLAnchorElement;
					if (
						link.href &&
						typeof link.href === 'string' &&
						/^(javascript|vbscript|data):/i.test(link.protocol)
					) {
						bad.push(`${element.tagName} ${link.href}`);
					}
				}
				return bad;
			});
			expect(live).toEqual([]);
			expect(trap.ran).toEqual([]);
			expect(trap.external).toEqual([]);
			expect(trap.violations).toEqual([]);
		} finally {
			await trap.close();
			await server.close();
		}
	});
});

describe('front-matter strings', () => {
	test('come out as the same text in the article page: headline, kicker, byline, tags, title and meta tags', () => {
		const page = readPage(site, articleUrl(FRONT_MATTER_ARTICLE));
		const h1 = byTag(page.document, 'h1')[0]!;
		expect(textContent(h1)).toBe(FM.title);
		expect(textContent(byTag(page.document, 'title')[0]!)).toContain(FM.title);
		const meta = (property: string) =>
			byTag(page.document, 'meta').find((node) => node.attrs.property === property)?.attrs.content;
		expect(meta('og:title')).toBe(FM.title);
		for (const text of [FM.kicker, FM.subtitle, FM.author, FM.tag]) {
			expect(page.text).toContain(text);
		}
		const placeFilter = byTag(page.document, 'meta').find(
			(node) => node.attrs['data-pagefind-filter'] === 'place[content]',
		);
		expect(placeFilter?.attrs.content).toBe(FM.place);
	});

	test('come out as the same data in JSON-LD, which no string can close early', () => {
		const page = readPage(site, articleUrl(FRONT_MATTER_ARTICLE));
		const script = byTag(page.document, 'script').find(
			(node) => node.attrs.type === 'application/ld+json',
		)!;
		const raw = textContent(script);
		expect(raw).not.toMatch(/<\/script|<!--/i);
		const data = JSON.parse(raw) as {
			headline: string;
			author: { name: string }[];
			keywords: string;
			mentions: { name: string }[];
		};
		expect(data.headline).toBe(FM.title);
		expect(data.author.map((author) => author.name)).toEqual([FM.author]);
		expect(data.keywords).toBe(FM.tag);
		expect(data.mentions.map((person) => person.name)).toEqual([FM.personName]);
	});

	test('come out as text on the person and advert pages', () => {
		const person = readPage(site, `/people/${FRONT_MATTER_PERSON}/`);
		expect(textContent(byTag(person.document, 'h1')[0]!)).toBe(FM.personName);
		expect(person.text).toContain(FM.personDescription);
		// An entity written in YAML is text, not markup: the reader sees `&lt;`, not `<`.
		expect(person.text).toContain(FM.county);
		const advert = readPage(site, `/adverts/${FRONT_MATTER_ADVERT}/`);
		expect(advert.text).toContain(FM.advertTitle);
		expect(advert.text).toContain(FM.sponsor);
	});

	test('come out as the same text in RSS, read by a real XML parser', async () => {
		const xml = readFileSync(join(site, 'rss.xml'), 'utf8');
		expect(xml).not.toMatch(/<script/i);
		const page = await browser.newPage();
		try {
			const titles = await page.evaluate((source) => {
				const doc = new DOMParser().parseFromString(source, 'application/xml');
				if (doc.querySelector('parsererror')) return ['(parser error)'];
				return [...doc.querySelectorAll('item > title')].map((node) => node.textContent ?? '');
			}, xml);
			expect(titles).toContain(FM.title);
		} finally {
			await page.close();
		}
	});

	test('come out as the same text in the search index, with escaped excerpts', async () => {
		const pagefind = await loadPagefind(site);
		try {
			const { results } = await pagefind.search(SEARCHABLE_TITLE_WORD);
			const article = results.find(
				(result) => result.data.url === articleUrl(FRONT_MATTER_ARTICLE),
			);
			expect(article, 'the front-matter article is found').toBeDefined();
			expect(article!.data.meta.title).toBe(FM.title);
			// Pagefind's excerpt is HTML: only its own <mark> may be markup.
			for (const result of results) {
				expect(result.data.excerpt.replace(/<\/?mark>/g, '')).not.toMatch(/</);
			}
			const filters = await pagefind.filters();
			expect(Object.keys(filters.place ?? {})).toContain(FM.place);
		} finally {
			await pagefind.close();
		}
	});
});
