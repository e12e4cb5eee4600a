import AxeBuilder from '@axe-core/playwright';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { readFileSync, statSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../../support/browser.ts';
import { buildSite, scratchDir } from '../../support/build-site.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';
import { defaultSiteDir, listFiles } from '../helpers/dist.ts';
import { serveStatic, type StaticServer } from '../../support/static-server.ts';
import { paper } from '../../src/config/paper.ts';
import { readableSize } from '../../src/domain/page-images.ts';
import { IMAGE_HEIGHT, IMAGE_WIDTH, NOTE, REGIONS } from '../fixtures/page-scan/make-fixture.ts';
import { tileRequests, validateInfoJson, validateManifest, type InfoJson } from './iiif-rules.ts';

/**
 * The printed page on a real build of tests/fixtures/page-scan/content: the default content
 * with a page image (drawn from the items' text) and a Chromium-printed PDF attached to
 * page 2 of 2021-11-11, and regions written by hand for every item on it. Driven in Chromium.
 */

const CONTENT = join(PROJECT_ROOT, 'tests/fixtures/page-scan/content');
const PAGE_URL = '/issues/2021-11-11/2/';
const ISSUE_URL = '/issues/2021-11-11/';
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
/** The issue's limit for a phone's first view of a page. */
const PHONE_IMAGE_BUDGET = 250 * 1024;

let runDir: string;
let site: string;
let buildLog: string;
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
	runDir = await scratchDir('page-scan');
	site = join(runDir, 'site');
	const result = await buildSite({ contentDir: CONTENT, outDir: site });
	buildLog = result.stdout;
	server = await serveStatic(site);
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
	await server?.close();
	if (runDir) await rm(runDir, { recursive: true, force: true });
});

/** A page in a fresh context, failing the test on any console error (a CSP refusal is one). */
async function open(
	url: string,
	options: Parameters<Browser['newContext']>[0] = {},
): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
	const context = await browser.newContext(options);
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto(`${server.origin}${url}`, { waitUntil: 'networkidle' });
	return { page, errors, close: () => context.close() };
}

/** The fixture's items by file, with their regions, as the editor wrote them. */
const fixtureItems = Object.entries(REGIONS).map(([file, regions]) => {
	const [collection, date, name] = file.replace(/\.md$/, '').split('/') as [string, string, string];
	const kind = { articles: 'article', notices: 'notice', adverts: 'advert' }[collection]!;
	return { file, kind, id: `${date}/${name}`, regions };
});

describe('the build', () => {
	test('encodes the page image and says how many it encoded and reused', () => {
		expect(buildLog).toMatch(/page images: 1 encoded, 0 reused/);
		expect(buildLog).toMatch(/clippings: 6 encoded/);
	});
});

describe('the pages with a scan', () => {
	test('are valid HTML (html-validate, the site’s rules)', async () => {
		const validator = new HtmlValidate(
			new FileSystemConfigLoader({
				extends: [join(PROJECT_ROOT, '.htmlvalidate.json')],
				root: true,
			}),
		);
		const errors: string[] = [];
		for (const url of [PAGE_URL, ISSUE_URL, `/articles/${fixtureItems[0]!.id}/`]) {
			const report = await validator.validateFile(join(site, url, 'index.html'));
			for (const result of report.results)
				for (const message of result.messages)
					if (message.severity === 2)
						errors.push(`${url}:${message.line} [${message.ruleId}] ${message.message}`);
		}
		expect(errors).toEqual([]);
	});
});

describe('the page view', () => {
	test('passes axe with the image, its region links and the item list (and dark contrast)', async () => {
		const { page, errors, close } = await open(PAGE_URL);
		try {
			const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
			expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual(
				[],
			);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
		const dark = await open(PAGE_URL, { colorScheme: 'dark' });
		try {
			const results = await new AxeBuilder({ page: dark.page })
				.withRules(['color-contrast'])
				.analyze();
			expect(results.violations.map((violation) => violation.id)).toEqual([]);
		} finally {
			await dark.close();
		}
	});

	test('draws every item’s regions where the editor put them, each item one link to its story', async () => {
		const { page, close } = await open(PAGE_URL);
		try {
			const links = await page.$$eval('.regions a', (anchors) =>
				anchors.map((anchor) => ({
					href: anchor.getAttribute('href'),
					id: anchor.id,
					label: anchor.getAttribute('aria-label'),
					rects: [...anchor.querySelectorAll('rect')].map((rect) =>
						['x', 'y', 'width', 'height'].map((name) => Number(rect.getAttribute(name))),
					),
				})),
			);
			expect(links).toHaveLength(fixtureItems.length);
			const viewBox = await page.$eval('.regions', (svg) => svg.getAttribute('viewBox'));
			expect(viewBox).toBe(`0 0 ${IMAGE_WIDTH} ${IMAGE_HEIGHT}`);
			for (const item of fixtureItems) {
				const link = links.find((candidate) => candidate.id.endsWith(item.id.replaceAll('/', '-')));
				expect(link, item.file).toBeDefined();
				expect(link!.rects).toEqual(
					item.regions.map(({ x, y, w, h }) =>
						[x * IMAGE_WIDTH, y * IMAGE_HEIGHT, w * IMAGE_WIDTH, h * IMAGE_HEIGHT].map(
							(value) => Math.round(value * 10) / 10,
						),
					),
				);
				// The link leads to the item's own page, whose heading is the link's name; a part
				// whose headline the archive lacks is named by its opening words (续：……), which
				// its page's text begins with.
				const story = await browser.newPage();
				const response = await story.goto(`${server.origin}${link!.href}`);
				expect(response?.status(), String(link!.href)).toBe(200);
				const label = link!.label!.replace(/\s+/g, '');
				const opening = /^续：(.+)……$/.exec(label)?.[1];
				const shown = await story.$eval(
					opening ? 'article' : 'h1',
					(node) => node.textContent ?? '',
				);
				expect(shown.replace(/\s+/g, '')).toContain(opening ?? label);
				await story.close();
			}
		} finally {
			await close();
		}
	});

	test('each region is reached by the keyboard, named by its headline, and outlined on focus', async () => {
		const { page, close } = await open(PAGE_URL);
		try {
			const labels = await page.$$eval('.regions a', (anchors) =>
				anchors.map((anchor) => anchor.getAttribute('aria-label')),
			);
			const focused: string[] = [];
			for (let step = 0; step < 60 && focused.length < labels.length; step++) {
				await page.keyboard.press('Tab');
				const active = await page.evaluate(() => {
					const element = document.activeElement;
					if (!element?.closest('.regions')) return undefined;
					const rect = element.querySelector('rect')!;
					return {
						label: element.getAttribute('aria-label'),
						stroke: getComputedStyle(rect).strokeWidth,
					};
				});
				if (active) {
					focused.push(active.label!);
					expect(Number.parseFloat(active.stroke)).toBeGreaterThanOrEqual(3);
				}
			}
			expect(focused).toEqual(labels);
			const snapshot = await page.locator('.regions').ariaSnapshot();
			for (const label of labels) expect(snapshot).toContain(`link "${label}"`);
		} finally {
			await close();
		}
	});

	test('offers the page PDF with its size, and the link serves that PDF', async () => {
		const { page, close } = await open(PAGE_URL);
		try {
			const link = page.getByRole('link', { name: /下载本版 PDF/ });
			const pdf = join(CONTENT, 'media/2021-11-11/02.pdf');
			await expect(link.textContent()).resolves.toContain(
				`（${readableSize(statSync(pdf).size)}）`,
			);
			const href = (await link.getAttribute('href'))!;
			const response = await fetch(`${server.origin}${href}`);
			expect(response.status).toBe(200);
			const bytes = Buffer.from(await response.arrayBuffer());
			expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
			expect(bytes.equals(readFileSync(pdf))).toBe(true);
			await expect(page.getByText(NOTE).first().isVisible()).resolves.toBe(true);
		} finally {
			await close();
		}
	});

	test('works without JavaScript: the image shows and a region link opens its story', async () => {
		const { page, close } = await open(PAGE_URL, { javaScriptEnabled: false });
		try {
			const loaded = await page.$eval(
				'.page-scan img',
				(img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth,
			);
			expect(loaded).toBeGreaterThan(0);
			await expect(page.locator('[data-viewer-tools]').isHidden()).resolves.toBe(true);
			const first = fixtureItems[0]!;
			const region = page.locator(`.regions a[id$="${first.id.replaceAll('/', '-')}"]`);
			const box = (await region.boundingBox())!;
			await page.mouse.click(box.x + box.width / 2, box.y + 20);
			await page.waitForURL(/\/articles\//);
			expect(new URL(page.url()).pathname).toBe(`/articles/${first.id}/`);
			// The items are listed in print order beside the image.
			await page.goto(`${server.origin}${PAGE_URL}`);
			const listed = await page.$$eval(
				'.printed-items .printed h2 a, .printed-items .more a',
				(anchors) => anchors.map((anchor) => anchor.getAttribute('href')),
			);
			expect(listed.length).toBe(fixtureItems.length);
		} finally {
			await close();
		}
	});

	test('zooms and pans by buttons, keyboard and Ctrl + wheel', async () => {
		const { page, errors, close } = await open(PAGE_URL, {
			viewport: { width: 1280, height: 900 },
		});
		try {
			const state = () =>
				page.$eval('[data-viewer]', (viewer) => ({
					zoom: Number((viewer as HTMLElement).dataset.zoom ?? '1'),
					ratio: viewer.querySelector('[data-stage]')!.clientWidth / viewer.clientWidth,
					scrollLeft: viewer.scrollLeft,
				}));
			await expect(page.locator('[data-viewer-tools]').isVisible()).resolves.toBe(true);
			await page.getByRole('button', { name: '放大' }).click();
			let now = await state();
			expect(now.zoom).toBe(1.5);
			expect(now.ratio).toBeCloseTo(1.5, 1);
			await page.locator('[data-viewer]').focus();
			await page.keyboard.press('+');
			now = await state();
			expect(now.zoom).toBe(2.25);
			expect(now.ratio).toBeCloseTo(2.25, 1);
			// Arrow keys pan the zoomed page (the viewer scrolls).
			await page.keyboard.press('ArrowRight');
			await page.waitForFunction(() => document.querySelector('[data-viewer]')!.scrollLeft > 0);
			await page.keyboard.press('0');
			expect((await state()).zoom).toBe(1);
			const box = (await page.locator('[data-viewer]').boundingBox())!;
			await page.mouse.move(box.x + box.width / 2, box.y + 200);
			await page.keyboard.down('Control');
			await page.mouse.wheel(0, -300);
			await page.keyboard.up('Control');
			await page.waitForFunction(
				() => Number((document.querySelector('[data-viewer]') as HTMLElement).dataset.zoom) > 1,
			);
			await page.getByRole('button', { name: '还原' }).click();
			expect((await state()).zoom).toBe(1);
			await page.getByRole('button', { name: '缩小' }).click();
			expect((await state()).zoom).toBe(1);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	test('a story linked from its clipping is outlined on the page (:target)', async () => {
		const first = fixtureItems[0]!;
		const anchor = `item-${first.kind}-${first.id.replaceAll('/', '-')}`;
		const { page, close } = await open(`${PAGE_URL}#${anchor}`);
		try {
			const [target, other] = await page.$$eval(
				`.regions a`,
				(anchors, id) => {
					const stroke = (a: Element) => getComputedStyle(a.querySelector('rect')!).strokeWidth;
					const chosen = anchors.find((a) => a.id === id)!;
					return [stroke(chosen), stroke(anchors.find((a) => a !== chosen)!)];
				},
				anchor,
			);
			expect(Number.parseFloat(target)).toBeGreaterThanOrEqual(4);
			expect(Number.parseFloat(other)).toBeLessThan(2);
		} finally {
			await close();
		}
	});
});

describe('on a phone', () => {
	test.each([1, 2, 3])(
		'at 390 px wide and %ix pixels, the first view loads at most 250 KB of images',
		async (deviceScaleFactor) => {
			const context = await browser.newContext({
				viewport: { width: 390, height: 844 },
				deviceScaleFactor,
				isMobile: true,
				hasTouch: true,
			});
			const page = await context.newPage();
			const images: { url: string; bytes: number }[] = [];
			page.on('requestfinished', async (request) => {
				if (request.resourceType() !== 'image') return;
				const sizes = await request.sizes();
				images.push({
					url: request.url(),
					bytes: sizes.responseBodySize + sizes.responseHeadersSize,
				});
			});
			try {
				await page.goto(`${server.origin}${PAGE_URL}`, { waitUntil: 'networkidle' });
				const total = images.reduce((sum, image) => sum + image.bytes, 0);
				console.info(
					`[page view] 390 px at ${deviceScaleFactor}x: ${images.length} image(s), ${total} bytes: ${images.map((image) => image.url.replace(server.origin, '')).join(', ')}`,
				);
				expect(images.length).toBeGreaterThan(0);
				expect(total).toBeLessThanOrEqual(PHONE_IMAGE_BUDGET);
				// The narrow screen gets AVIF.
				expect(images.some((image) => image.url.endsWith('.avif'))).toBe(true);
			} finally {
				await context.close();
			}
		},
	);
});

describe('the issue page and the article page', () => {
	test('the issue page shows a thumbnail of each 版 linking to its page view, and the IIIF manifest', async () => {
		const { page, errors, close } = await open(ISSUE_URL);
		try {
			const thumbnails = await page.$$eval('.thumbnails a', (anchors) =>
				anchors.map((anchor) => ({
					href: anchor.getAttribute('href'),
					loaded: (anchor.querySelector('img') as HTMLImageElement).naturalWidth,
					name: anchor.textContent?.trim(),
				})),
			);
			expect(thumbnails.map(({ href, name }) => ({ href, name }))).toEqual([
				{ href: PAGE_URL, name: '第2版' },
			]);
			expect(thumbnails[0]!.loaded).toBeGreaterThan(0);
			await expect(
				page.getByRole('link', { name: 'IIIF 清单' }).getAttribute('href'),
			).resolves.toBe('/iiif/2021-11-11/manifest.json');
			const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
			expect(results.violations.map((violation) => violation.id)).toEqual([]);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});

	test('an article shows its clipping, cut from the page, linking to the page view with it outlined', async () => {
		const first = fixtureItems[0]!;
		const { page, errors, close } = await open(`/articles/${first.id}/`);
		try {
			// The clipping follows the text and loads lazily: as a reader scrolls to it.
			await page.locator('.clipping img').scrollIntoViewIfNeeded();
			await page.waitForFunction(
				() => (document.querySelector('.clipping img') as HTMLImageElement).complete,
			);
			const clipping = await page.$eval('.clipping', (figure) => {
				const img = figure.querySelector('img') as HTMLImageElement;
				return {
					src: img.getAttribute('src')!,
					width: Number(img.getAttribute('width')),
					height: Number(img.getAttribute('height')),
					natural: [img.naturalWidth, img.naturalHeight],
					alt: img.alt,
					href: figure.querySelector('a')!.getAttribute('href'),
					caption: figure.querySelector('figcaption')!.textContent,
				};
			});
			expect(clipping.caption).toContain('原版剪报');
			expect(clipping.alt).toContain('原版剪报');
			expect(clipping.natural).toEqual([clipping.width, clipping.height]);
			// The L-shaped story: one clipping of both blocks, in the page's proportions.
			const [a, b] = first.regions as [(typeof first.regions)[0], (typeof first.regions)[0]];
			const boxWidth = Math.max(a.x + a.w, b.x + b.w) - Math.min(a.x, b.x);
			const boxHeight = Math.max(a.y + a.h, b.y + b.h) - Math.min(a.y, b.y);
			expect(clipping.width / clipping.height).toBeCloseTo(
				(boxWidth * IMAGE_WIDTH) / (boxHeight * IMAGE_HEIGHT),
				1,
			);
			const file = await sharp(join(site, clipping.src)).metadata();
			expect([file.format, file.width, file.height]).toEqual([
				'webp',
				clipping.width,
				clipping.height,
			]);
			expect(clipping.href).toBe(`${PAGE_URL}#item-article-${first.id.replaceAll('/', '-')}`);
			const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
			expect(results.violations.map((violation) => violation.id)).toEqual([]);
			expect(errors).toEqual([]);
		} finally {
			await close();
		}
	});
});

describe('IIIF', () => {
	const read = (path: string) => JSON.parse(readFileSync(join(site, path), 'utf8')) as unknown;

	test('the issue’s manifest follows Presentation 3, one Canvas per 版 with its items as annotations', () => {
		const manifest = read('iiif/2021-11-11/manifest.json') as Record<string, unknown>;
		expect(validateManifest(manifest)).toEqual([]);
		expect(manifest.id).toBe(`${paper.siteUrl}iiif/2021-11-11/manifest.json`);
		const canvases = manifest.items as Record<string, unknown>[];
		expect(canvases).toHaveLength(1);
		const canvas = canvases[0]!;
		expect([canvas.width, canvas.height]).toEqual([IMAGE_WIDTH, IMAGE_HEIGHT]);
		const annotations = (canvas.annotations as { items: Record<string, unknown>[] }[])[0]!.items;
		expect(annotations).toHaveLength(fixtureItems.flatMap((item) => item.regions).length);
		for (const annotation of annotations) {
			const [text, link] = annotation.body as { value?: string; id?: string }[];
			expect(text!.value!.length).toBeGreaterThan(0);
			expect(link!.id!.startsWith(paper.siteUrl)).toBe(true);
			// Every linked page exists in the built site.
			const path = new URL(link!.id!).pathname;
			expect(listFiles(site)).toContain(`${path.slice(1)}index.html`);
		}
		const painting = (
			canvas.items as { items: { body: { id: string; service: { id: string }[] } }[] }[]
		)[0]!.items[0]!.body;
		expect(listFiles(site)).toContain(new URL(painting.id).pathname.slice(1));
		expect(painting.service[0]!.id).toBe(`${paper.siteUrl}iiif/2021-11-11/2`);
	});

	test('the validator refuses a broken manifest (it can fail)', () => {
		const manifest = read('iiif/2021-11-11/manifest.json') as Record<string, unknown>;
		const broken = structuredClone(manifest);
		delete (broken.items as Record<string, unknown>[])[0]!.width;
		broken.label = 'not a language map';
		expect(validateManifest(broken).length).toBeGreaterThanOrEqual(2);
	});

	test('info.json names its final address and the image’s size; tiles resolve to images of the declared size', async () => {
		const info = read('iiif/2021-11-11/2/info.json') as InfoJson;
		expect(validateInfoJson(info)).toEqual([]);
		expect(info.id).toBe(`${paper.siteUrl}iiif/2021-11-11/2`);
		expect([info.width, info.height]).toEqual([IMAGE_WIDTH, IMAGE_HEIGHT]);
		for (const size of info.sizes ?? []) {
			const file = join(
				site,
				'iiif/2021-11-11/2/full',
				`${size.width},${size.height}`,
				'0/default.jpg',
			);
			const metadata = await sharp(file).metadata();
			expect([metadata.width, metadata.height]).toEqual([size.width, size.height]);
		}
		const requests = tileRequests(info);
		// Every tile a viewer asks for exists; a few are opened and measured.
		const files = new Set(listFiles(join(site, 'iiif/2021-11-11/2')));
		expect(requests.filter((request) => !files.has(request.path))).toEqual([]);
		for (const request of [
			requests[0]!,
			requests[Math.floor(requests.length / 2)]!,
			requests.at(-1)!,
		]) {
			const response = await fetch(`${server.origin}/iiif/2021-11-11/2/${request.path}`);
			expect(response.status).toBe(200);
			const metadata = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
			expect([metadata.format, metadata.width, metadata.height]).toEqual([
				'jpeg',
				request.width,
				request.height,
			]);
		}
	});
});

describe('the default site, which has no scan', () => {
	test('shows no page image, thumbnail, clipping or IIIF link', async () => {
		const dir = defaultSiteDir();
		for (const url of [PAGE_URL, ISSUE_URL, '/articles/2021-11-11/02-tashiliuyin/']) {
			const html = await readFile(join(dir, url, 'index.html'), 'utf8');
			expect(html).not.toMatch(/page-scan|class="thumbnails|class="clipping|IIIF|<picture/);
		}
		const files = listFiles(dir);
		expect(files.filter((file) => /^(page-images|iiif|media)\//.test(file))).toEqual([]);
	});
});
