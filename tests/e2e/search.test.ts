import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useDefaultSiteInChromium } from '../helpers/chromium-site.ts';

/**
 * The search page in Chromium on the default site: typing, filters and sorting kept in
 * the address, the back button, messages for words not found, highlighting on the
 * item page, the `/` key, keyboard use, axe with results shown, a phone screen, and no
 * layout shift.
 */

const web = useDefaultSiteInChromium();

const RESULTS = '[data-search-results] li';

async function withPage<T>(
	run: (page: Page) => Promise<T>,
	options: Parameters<Browser['newContext']>[0] = {},
): Promise<T> {
	const context = await web.browser.newContext(options);
	const page = await context.newPage();
	try {
		return await run(page);
	} finally {
		await context.close();
	}
}

/** The result links in order, as paths (the `?highlight=` part removed). */
async function resultPaths(page: Page): Promise<string[]> {
	const hrefs = await page
		.locator(`${RESULTS} a`)
		.evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
	return hrefs.map((href) => href.replace(/\?.*$/, ''));
}

async function waitForStatus(page: Page, pattern: RegExp): Promise<string> {
	const status = page.locator('[data-search-status]');
	await expect.poll(async () => status.innerText(), { timeout: 10_000 }).toMatch(pattern);
	return status.innerText();
}

function searchUrl(params: Record<string, string>): string {
	return `${web.origin}/search/?${new URLSearchParams(params).toString()}`;
}

describe('typing a query', () => {
	test('shows ranked results as links with kind, date, 版 and a marked excerpt', async () => {
		await withPage(async (page) => {
			await page.goto(`${web.origin}/search/`);
			await page.getByRole('searchbox', { name: '关键词' }).pressSequentially('朱海义');
			await waitForStatus(page, /找到 2 条结果/);
			expect(await resultPaths(page)).toEqual([
				'/people/zhu-haiyi/',
				'/articles/2021-11-11/02-zhu-haiyi/',
			]);
			const article = page.locator(RESULTS).nth(1);
			expect(await article.locator('.result-meta').innerText()).toMatch(
				/^文章 · 2021年11月11日 · 第2版/,
			);
			expect(await article.locator('mark').first().innerText()).toBe('朱海义');
			expect(page.url()).toBe(searchUrl({ q: '朱海义' }));
		});
	});

	test('traditional and full-width input find the same pages', async () => {
		await withPage(async (page) => {
			await page.goto(searchUrl({ q: '朱海義' }));
			await waitForStatus(page, /找到 2 条结果/);
			expect(await resultPaths(page)).toEqual([
				'/people/zhu-haiyi/',
				'/articles/2021-11-11/02-zhu-haiyi/',
			]);
			await page.goto(searchUrl({ q: '６８０．２９' }));
			await waitForStatus(page, /找到 1 条结果/);
			expect(await resultPaths(page)).toEqual(['/notices/2021-11-11/02-shiyingshi-paimai/']);
		});
	});

	test('names the word that was not found instead of dropping it', async () => {
		await withPage(async (page) => {
			await page.goto(searchUrl({ q: '旬阳 拐枣' }));
			const message = await waitForStatus(page, /没有找到/);
			expect(message).toContain('“拐枣”');
			expect(message).not.toContain('“旬阳”');
			expect(await page.locator(RESULTS).count()).toBe(0);
		});
	});
});

describe('names heard, not read, and readable results', () => {
	test('a name written with characters of the same sound is offered: 朱海毅 → 朱海义', async () => {
		await withPage(async (page) => {
			await page.goto(searchUrl({ q: '朱海毅' }));
			const message = await waitForStatus(page, /您是否要找/);
			expect(message).toContain('“朱海毅”');
			const suggestion = page.locator('[data-search-status] a[data-suggestion]');
			expect(await suggestion.allInnerTexts()).toEqual(['朱海义']);
			await suggestion.first().click();
			await waitForStatus(page, /找到 2 条结果/);
			expect(await resultPaths(page)).toEqual([
				'/people/zhu-haiyi/',
				'/articles/2021-11-11/02-zhu-haiyi/',
			]);
		});
	});

	test('an untitled continuation is named by its opening words; a profile reads as sentences', async () => {
		await withPage(async (page) => {
			await page.goto(searchUrl({ q: '朱卫国' }));
			await waitForStatus(page, /找到 1 条结果/);
			const title = await page.locator(`${RESULTS} a`).first().innerText();
			expect(title).toBe('续：在湖北打工的朱卫国……');
			await page.goto(searchUrl({ q: '朱海义', kind: 'person' }));
			await waitForStatus(page, /找到 1 条结果/);
			const excerpt = await page.locator(RESULTS).first().innerText();
			expect(excerpt).not.toContain('未注明');
			expect(excerpt).toMatch(/获评/);
		});
	});

	test('on a phone the header drops the `/` key hint', async () => {
		await withPage(
			async (page) => {
				await page.goto(`${web.origin}/`);
				expect(await page.locator('#site-search-hint').isVisible()).toBe(false);
			},
			{ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true },
		);
		await withPage(async (page) => {
			await page.goto(`${web.origin}/`);
			expect(await page.locator('#site-search-hint').isVisible()).toBe(true);
		});
	});
});

describe('state in the address', () => {
	test('opening /search/?q=…&kind=…&sort=date restores the form and the results', async () => {
		await withPage(async (page) => {
			await page.goto(searchUrl({ q: '旬阳', kind: 'article', sort: 'date' }));
			await waitForStatus(page, /找到 \d+ 条结果/);
			expect(await page.getByRole('searchbox', { name: '关键词' }).inputValue()).toBe('旬阳');
			expect(await page.getByRole('combobox', { name: '类型' }).inputValue()).toBe('article');
			expect(await page.getByRole('combobox', { name: '排序' }).inputValue()).toBe('date');
			const paths = await resultPaths(page);
			expect(paths.length).toBeGreaterThan(0);
			expect(paths.every((path) => path.startsWith('/articles/'))).toBe(true);
		});
	});

	test('filters show counts, combine with the query, and the back button undoes them', async () => {
		await withPage(async (page) => {
			await page.goto(searchUrl({ q: '朱海义' }));
			await waitForStatus(page, /找到 2 条结果/);
			const kind = page.getByRole('combobox', { name: '类型' });
			const options = await kind.locator('option').allInnerTexts();
			expect(options).toEqual(['全部类型', '文章（1）', '人物（1）']);
			await kind.selectOption('person');
			await page.waitForURL(/kind=person/);
			await waitForStatus(page, /找到 1 条结果/);
			expect(await resultPaths(page)).toEqual(['/people/zhu-haiyi/']);

			await page.goBack();
			await page.waitForURL((url) => !url.search.includes('kind='));
			await waitForStatus(page, /找到 2 条结果/);
			expect(await kind.inputValue()).toBe('');
			expect(await resultPaths(page)).toHaveLength(2);
		});
	});
});

describe('from a result to the item page', () => {
	test('clicking a result opens the page with the words marked', async () => {
		await withPage(async (page) => {
			await page.goto(searchUrl({ q: '狠抓落实' }));
			await waitForStatus(page, /找到/);
			await page.locator(`${RESULTS} a`).first().click();
			await page.waitForURL(/\/articles\/2021-11-11\/02-tashiliuyin\/\?highlight=/);
			const marks = page.locator('main article mark.search-highlight');
			await marks.first().waitFor();
			expect(await marks.first().innerText()).toBe('狠抓落实');
			expect(await marks.count()).toBeGreaterThan(1);
		});
	});
});

describe('keyboard, assistive technology, phones', () => {
	test('`/` focuses the search box on any page; Enter searches; Tab reaches the results', async () => {
		await withPage(async (page) => {
			await page.goto(`${web.origin}/people/`);
			await page.keyboard.press('/');
			expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search');
			await page.keyboard.type('幸福安康酒');
			await page.keyboard.press('Enter');
			await page.waitForURL(/\/search\/\?q=/);
			await waitForStatus(page, /找到 1 条结果/);
			await page.keyboard.press('/');
			expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-query');
			// From the search box, Tab moves on to the results, whose first link opens the advert.
			let focused = '';
			for (let step = 0; step < 20 && !focused.includes('/adverts/'); step++) {
				await page.keyboard.press('Tab');
				focused = await page.evaluate(() => document.activeElement?.getAttribute('href') ?? '');
			}
			expect(focused).toMatch(/^\/adverts\/2021-11-11\/02-xingfu-ankang-jiu\//);
			await page.keyboard.press('Enter');
			await page.waitForURL(/\/adverts\/2021-11-11\/02-xingfu-ankang-jiu\//);
		});
	});

	test('the results are announced: a polite live region holds the count', async () => {
		await withPage(async (page) => {
			await page.goto(searchUrl({ q: '旬阳' }));
			const status = page.getByRole('status');
			// The status is written once, with the final count, after the first results are
			// shown (src/search/README.md, "Cold speed"): wait as long as every other test here.
			await expect.poll(() => status.innerText(), { timeout: 10_000 }).toMatch(/找到 \d+ 条结果/);
			expect(await status.getAttribute('aria-live')).toBe('polite');
			expect(await page.getByRole('list', { name: '搜索结果' }).count()).toBe(1);
		});
	});

	test('words typed before the page’s scripts ran are searched, not wiped', async () => {
		await withPage(async (page) => {
			// The scripts are held back until the reader has typed, as on a slow phone.
			let release = () => {};
			const typed = new Promise<void>((resolve) => (release = resolve));
			await page.route('**/*.js', async (route) => {
				await typed;
				await route.continue();
			});
			await page.goto(`${web.origin}/search/`, { waitUntil: 'commit' });
			await page.getByRole('searchbox', { name: '关键词' }).fill('旬阳');
			release();
			await waitForStatus(page, /找到 \d+ 条结果/);
			await expect
				.poll(() => page.getByRole('searchbox', { name: '关键词' }).inputValue())
				.toBe('旬阳');
			expect(new URL(page.url()).searchParams.get('q')).toBe('旬阳');
		});
	});

	test('axe finds no violation with a query typed and results shown', async () => {
		await withPage(async (page) => {
			await page.goto(`${web.origin}/search/`);
			await page.getByRole('searchbox', { name: '关键词' }).pressSequentially('旬阳');
			await waitForStatus(page, /找到 \d+ 条结果/);
			const results = await new AxeBuilder({ page })
				.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
				.analyze();
			expect(results.violations.map((violation) => violation.id)).toEqual([]);
		});
	});

	test('on a phone the page fits the screen and results do not shift the layout', async () => {
		await withPage(
			async (page) => {
				await page.addInitScript(() => {
					const shifts: number[] = [];
					(window as unknown as { shifts: number[] }).shifts = shifts;
					new PerformanceObserver((list) => {
						for (const entry of list.getEntries() as (PerformanceEntry & {
							value: number;
							hadRecentInput: boolean;
						})[]) {
							if (!entry.hadRecentInput) shifts.push(entry.value);
						}
					}).observe({ type: 'layout-shift', buffered: true });
				});
				await page.goto(searchUrl({ q: '旬阳' }));
				await waitForStatus(page, /找到 \d+ 条结果/);
				const { scrollWidth, innerWidth, shift } = await page.evaluate(() => ({
					scrollWidth: document.documentElement.scrollWidth,
					innerWidth: window.innerWidth,
					shift: (window as unknown as { shifts: number[] }).shifts.reduce((a, b) => a + b, 0),
				}));
				expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
				expect(shift).toBeLessThan(0.1);
			},
			{ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true },
		);
	});
});
