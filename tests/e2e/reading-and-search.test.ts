import { describe, expect, it } from 'vitest';
import { useDefaultSiteInChromium } from '../helpers/chromium-site.ts';

const web = useDefaultSiteInChromium();

describe('in Chromium', () => {
	it('reads an article with JavaScript turned off', async () => {
		const context = await web.browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${web.origin}/articles/2021-11-11/02-tashiliuyin/`);
		await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
			'以踏石留印的狠劲抓落实',
		);
		const body = await page.locator('article').innerText();
		expect(body).toContain('据介绍,市狠抓落实办运行不过3个月');
		expect(body).toContain('（上接一版）');
		await context.close();
	});

	it('searches from the address bar and lists linked results', async () => {
		const page = await web.browser.newPage();
		await page.goto(`${web.origin}/search/?q=${encodeURIComponent('石英石')}`);
		const results = page.locator('[data-search-results] li a');
		await results.first().waitFor();
		const hrefs = await results.evaluateAll((links) =>
			links.map((link) => link.getAttribute('href')?.replace(/\?.*$/, '')),
		);
		expect(hrefs).toContain('/notices/2021-11-11/02-shiyingshi-paimai/');
		await expect(page.getByRole('searchbox', { name: '关键词' }).inputValue()).resolves.toBe(
			'石英石',
		);
		await page.close();
	});

	it('filters by kind and keeps the filter in the address', async () => {
		const page = await web.browser.newPage();
		await page.goto(`${web.origin}/search/?q=${encodeURIComponent('朱海义')}`);
		await page.locator('[data-search-results] li').first().waitFor();
		await page.getByRole('combobox', { name: '类型' }).selectOption('person');
		await page.waitForURL(/kind=person/);
		await page.waitForFunction(
			() => document.querySelectorAll('[data-search-results] li').length === 1,
		);
		const hrefs = await page
			.locator('[data-search-results] li a')
			.evaluateAll((links) => links.map((link) => link.getAttribute('href')?.replace(/\?.*$/, '')));
		expect(hrefs).toEqual(['/people/zhu-haiyi/']);
		await page.close();
	});

	it('submits the header search box from any page to the search page', async () => {
		const page = await web.browser.newPage();
		await page.goto(`${web.origin}/people/`);
		await page.getByRole('searchbox', { name: '搜索档案' }).fill('幸福安康酒');
		await page.getByRole('searchbox', { name: '搜索档案' }).press('Enter');
		await page.waitForURL(/\/search\/\?q=/);
		await page.locator('[data-search-results] li a').first().waitFor();
		const first = await page.locator('[data-search-results] li a').first().getAttribute('href');
		// A result links to the item with the words to mark on it (`?highlight=`).
		expect(first?.replace(/\?.*$/, '')).toBe('/adverts/2021-11-11/02-xingfu-ankang-jiu/');
		await page.close();
	});
});
