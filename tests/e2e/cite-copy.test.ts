import { describe, expect, it } from 'vitest';
import { paper } from '../../src/config/paper.ts';
import { calendarDateIn } from '../../src/domain/dates.ts';
import { useDefaultSiteInChromium } from '../helpers/chromium-site.ts';

/** 引用本文 in a real browser: readable without JavaScript, copyable with it. */

const web = useDefaultSiteInChromium();
const NOTICE = '/notices/2021-11-11/02-shiyingshi-paimai/';

describe('引用本文 in Chromium', () => {
	it('shows the citations as text and no copy button without JavaScript', async () => {
		const context = await web.browser.newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto(`${web.origin}${NOTICE}`);
		const section = page.getByRole('region', { name: '引用本文' });
		const text = await section.innerText();
		expect(text).toContain('罚没石英石矿石拍卖公告[N]. 安康日报, 2021-11-11(2).');
		expect(text).toContain('[N/OL]');
		await expect(section.getByRole('button').count()).resolves.toBe(0);
		await expect(page.getByRole('link', { name: 'RIS' }).getAttribute('href')).resolves.toBe(
			'/notices/2021-11-11/02-shiyingshi-paimai.ris',
		);
		await context.close();
	});

	it('copies a citation with its button, with the reader’s day as 引用日期', async () => {
		const context = await web.browser.newContext();
		await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: web.origin });
		const page = await context.newPage();
		await page.goto(`${web.origin}${NOTICE}`);
		const button = page.getByRole('button', { name: '复制 GB/T 7714 电子版 引文' });
		await button.waitFor({ state: 'visible' });
		await button.click();
		await page
			.getByRole('status')
			.filter({ hasText: '已复制 GB/T 7714 电子版 引文' })
			.waitFor({ state: 'attached' });
		const copied = await page.evaluate(() => navigator.clipboard.readText());
		const today = calendarDateIn(new Date(), paper.timeZone);
		expect(copied).toBe(
			`陕西昌盛永恒拍卖有限公司. 罚没石英石矿石拍卖公告[N/OL]. 安康日报, 2021-11-11(2)[${today}]. ${new URL(NOTICE, paper.siteUrl).href}.`,
		);
		await context.close();
	});
});
