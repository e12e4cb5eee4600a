import AxeBuilder from '@axe-core/playwright';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import ICAL from 'ical.js';
import { readFileSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../../support/browser.ts';
import { buildSite, scratchDir } from '../../support/build-site.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';
import { fileOfUrl, readPage } from '../helpers/dist.ts';
import { byAttribute, byTag, compact, textContent, type HtmlElement } from '../../support/html.ts';
import { serveStatic } from '../../support/static-server.ts';

/**
 * Notices for bidders, reprints and 历史上的今天 on a real build: the default content plus
 * the seed's auction notice run again on 2021-11-15 and 2021-11-18, the lead article
 * reprinted on 2022-11-11, and a new auction notice of 2022-11-11 whose deadline is four
 * days after the build time, and an advert of 2021-11-11 run again on 2022-11-11.
 * SOURCE_DATE_EPOCH pins the build to 2022-11-11 10:00 China
 * time, so "today" is 11-11 and the site is the same whenever the test runs.
 */

const BUILD_TIME = '2022-11-11T10:00:00+08:00';
const SOURCE_DATE_EPOCH = String(Date.parse(BUILD_TIME) / 1000);
const HOST = 'archive.akrb.example';
const SEED_NOTICE = 'notices/2021-11-11/02-shiyingshi-paimai.md';
const SEED_ARTICLE = 'articles/2021-11-11/02-tashiliuyin.md';
const SEED_ADVERT = 'adverts/2021-11-11/02-xingfu-ankang-jiu.md';

const issue = (date: string, page: number) =>
	`---\ndate: ${date}\npages:\n  - number: ${page}\n---\n`;

const NEW_NOTICE = `---
kind: 拍卖公告
title: 国有土地使用权拍卖公告
date: 2022-11-11
page: 3
issuer: 陕西昌盛永恒拍卖有限公司
lots:
  - description: 国有土地使用权
viewing:
  from: 2022-11-11
  until: 2022-11-14
  place: 标的所在地
auction:
  time: "2022-11-16T10:00+08:00"
  venue: 安康市公共资源交易中心
registrationDeadline: "2022-11-15T16:00+08:00"
---

受委托，我公司定于2022年11月16日上午10时公开拍卖国有土地使用权一宗。
`;

let runDir: string;
let site: string;

async function put(root: string, path: string, text: string): Promise<void> {
	await mkdir(dirname(join(root, path)), { recursive: true });
	await writeFile(join(root, path), text);
}

beforeAll(async () => {
	runDir = await scratchDir('bidders-and-reprints');
	const content = join(runDir, 'content');
	await cp(DEFAULT_CONTENT_DIR, content, { recursive: true });
	const notice = await readFile(join(DEFAULT_CONTENT_DIR, SEED_NOTICE), 'utf8');
	for (const date of ['2021-11-15', '2021-11-18']) {
		await put(content, `issues/${date}.md`, issue(date, 2));
		await put(
			content,
			`notices/${date}/02-shiyingshi-paimai.md`,
			notice.replace('date: 2021-11-11', `date: ${date}`),
		);
	}
	await put(content, 'issues/2022-11-11.md', issue('2022-11-11', 3));
	await put(content, 'notices/2022-11-11/03-tudi-paimai.md', NEW_NOTICE);
	const article = await readFile(join(DEFAULT_CONTENT_DIR, SEED_ARTICLE), 'utf8');
	await put(
		content,
		'articles/2022-11-11/03-tashiliuyin.md',
		article
			.replace('date: 2021-11-11', 'date: 2022-11-11')
			.replace('page: 2', 'page: 3')
			.replace(/continuedFrom:\n.*\n/, ''),
	);
	const advert = await readFile(join(DEFAULT_CONTENT_DIR, SEED_ADVERT), 'utf8');
	await put(
		content,
		'adverts/2022-11-11/03-xingfu-ankang-jiu.md',
		advert.replace('date: 2021-11-11', 'date: 2022-11-11').replace('page: 2', 'page: 3'),
	);
	site = (
		await buildSite({
			contentDir: content,
			outDir: join(runDir, 'site'),
			env: { SOURCE_DATE_EPOCH },
		})
	).outDir;
});

afterAll(async () => {
	if (runDir) await rm(runDir, { recursive: true, force: true });
});

function events(file: string) {
	const text = readFileSync(join(site, file), 'utf8');
	const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
	return calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
}

function section(root: HtmlElement, headingId: string): HtmlElement {
	const [found] = byAttribute(root, 'aria-labelledby', headingId);
	if (!found) throw new Error(`no section labelled by #${headingId}`);
	return found;
}

const hrefs = (root: HtmlElement) => byTag(root, 'a').map((link) => link.attrs.href);

describe('a notice’s calendar file', () => {
	const id = '2021-11-11/02-shiyingshi-paimai';

	test('is linked from the notice page', () => {
		const page = readPage(site, `/notices/${id}/`);
		expect(hrefs(page.document)).toContain(`/notices/${id}.ics`);
	});

	test('holds the viewing period, the deadline and the auction in China time, with stable uids', () => {
		const found = events(`notices/${id}.ics`);
		const uid = (kind: string) => `notice-2021-11-11-02-shiyingshi-paimai-${kind}@${HOST}`;
		expect(found.map((event) => event.uid)).toEqual([
			uid('viewing'),
			uid('registration'),
			uid('auction'),
		]);
		const [viewing, deadline, auction] = found;
		expect(viewing!.startDate.toString()).toBe('2021-11-11');
		expect(viewing!.endDate.toString()).toBe('2021-11-25');
		expect(deadline!.startDate.toJSDate().getTime()).toBe(Date.parse('2021-11-24T16:00+08:00'));
		expect(auction!.startDate.toJSDate().getTime()).toBe(Date.parse('2021-11-25T10:00+08:00'));
		expect(auction!.summary).toBe('拍卖会：罚没石英石矿石拍卖公告');
		expect(auction!.location).toContain('安康市公共资源交易中心');
		for (const event of found) {
			const stamp = event.component.getFirstPropertyValue('dtstamp') as ICAL.Time;
			expect(stamp.toJSDate().getTime()).toBe(Date.parse(BUILD_TIME));
			expect(event.component.getFirstPropertyValue('url')).toBe(`https://${HOST}/notices/${id}/`);
		}
	});
});

describe('the calendar of all notices', () => {
	test('is linked from /notices/ and holds every notice’s events once', () => {
		expect(hrefs(readPage(site, '/notices/').document)).toContain('/notices/calendar.ics');
		const found = events('notices/calendar.ics');
		const uids = found.map((event) => event.uid);
		expect(uids).toHaveLength(12);
		expect(new Set(uids).size).toBe(12);
		expect(uids).toContain(`notice-2022-11-11-03-tudi-paimai-auction@${HOST}`);
		expect(uids).toContain(`notice-2021-11-18-02-shiyingshi-paimai-registration@${HOST}`);
	});
});

describe('即将截止 on /notices/', () => {
	test('lists the deadlines within seven days of the build time, and no others', () => {
		const upcoming = section(readPage(site, '/notices/').document, 'upcoming-heading');
		expect(hrefs(upcoming)).toEqual(['/notices/2022-11-11/03-tudi-paimai/']);
		expect(compact(textContent(upcoming))).toContain('报名及交款截止：2022年11月15日16:00');
	});

	test('the status is computed at the build time', () => {
		expect(readPage(site, '/notices/2022-11-11/03-tudi-paimai/').compactText).toContain('报名中');
		expect(readPage(site, '/notices/2021-11-18/02-shiyingshi-paimai/').compactText).toContain(
			'已拍卖',
		);
	});
});

describe('reprints (同文另见)', () => {
	test('a notice run three times links the other two runs from each', () => {
		const runs = ['2021-11-11', '2021-11-15', '2021-11-18'].map(
			(date) => `/notices/${date}/02-shiyingshi-paimai/`,
		);
		for (const run of runs) {
			const reprints = section(readPage(site, run).document, 'reprints-heading');
			expect(hrefs(reprints)).toEqual(runs.filter((other) => other !== run));
		}
	});

	test('a reprinted article links the first printing and back', () => {
		const later = section(
			readPage(site, '/articles/2022-11-11/03-tashiliuyin/').document,
			'reprints-heading',
		);
		expect(hrefs(later)).toEqual(['/articles/2021-11-11/02-tashiliuyin/']);
		expect(compact(textContent(later))).toContain('2021年11月11日第2版');
		const first = section(
			readPage(site, '/articles/2021-11-11/02-tashiliuyin/').document,
			'reprints-heading',
		);
		expect(hrefs(first)).toEqual(['/articles/2022-11-11/03-tashiliuyin/']);
	});

	test('an advert run twice links the other run from each', () => {
		const runs = [
			'/adverts/2021-11-11/02-xingfu-ankang-jiu/',
			'/adverts/2022-11-11/03-xingfu-ankang-jiu/',
		];
		for (const run of runs) {
			const reprints = section(readPage(site, run).document, 'reprints-heading');
			expect(hrefs(reprints)).toEqual(runs.filter((other) => other !== run));
		}
	});

	test('an item printed once has no 同文另见', () => {
		for (const url of [
			'/articles/2021-11-11/02-zhu-haiyi/',
			'/notices/2022-11-11/03-tudi-paimai/',
			'/adverts/2021-11-11/02-caizhengju/',
		]) {
			const { html } = readPage(site, url);
			expect(html, url).not.toContain('同文另见');
			expect(html, url).not.toContain('reprints-heading');
		}
	});
});

describe('历史上的今天', () => {
	test('the day’s page lists every year with issues on 11-11, newest first', () => {
		const page = readPage(site, '/on-this-day/11-11/');
		const years = byTag(page.document, 'h2').map((heading) => compact(textContent(heading)));
		expect(years).toEqual(['2022年11月11日星期五', '2021年11月11日星期四']);
		expect(hrefs(page.document)).toContain('/issues/2021-11-11/');
		expect(hrefs(page.document)).toContain('/articles/2022-11-11/03-tashiliuyin/');
	});

	test('the home page shows today’s (build time, China time) from earlier years only', () => {
		const home = section(readPage(site, '/').document, 'on-this-day-heading');
		expect(compact(textContent(home))).toContain('历史上的今天·11月11日');
		expect(hrefs(home)).toContain('/issues/2021-11-11/');
		expect(hrefs(home)).toContain('/on-this-day/11-11/');
		expect(hrefs(home)).not.toContain('/issues/2022-11-11/');
	});

	test('a day without issues gets no page; the index lists the days that have them', () => {
		const index = readPage(site, '/on-this-day/');
		expect(hrefs(index.document).filter((href) => href?.startsWith('/on-this-day/'))).toEqual([
			'/on-this-day/11-11/',
			'/on-this-day/11-15/',
			'/on-this-day/11-18/',
		]);
	});
});

const NEW_SECTIONS = [
	'/',
	'/notices/',
	'/notices/2021-11-15/02-shiyingshi-paimai/',
	'/articles/2022-11-11/03-tashiliuyin/',
	'/adverts/2022-11-11/03-xingfu-ankang-jiu/',
	'/on-this-day/',
	'/on-this-day/11-11/',
];

describe('the new pages and sections', () => {
	test('are valid HTML', async () => {
		const validator = new HtmlValidate(
			new FileSystemConfigLoader({
				extends: [join(PROJECT_ROOT, '.htmlvalidate.json')],
				root: true,
			}),
		);
		const errors: string[] = [];
		for (const url of NEW_SECTIONS) {
			const report = await validator.validateFile(join(site, fileOfUrl(url)));
			for (const result of report.results)
				for (const message of result.messages)
					if (message.severity === 2) errors.push(`${url} [${message.ruleId}] ${message.message}`);
		}
		expect(errors).toEqual([]);
	});
});

describe('the new pages and sections in Chromium', () => {
	// The whole-site axe run (tests/trust/accessibility.test.ts) sees the default content,
	// which has no reprints, no deadline within a week and no earlier year on any day.
	test('pass axe (WCAG 2.2 A/AA), light and dark', { timeout: 300_000 }, async () => {
		const server = await serveStatic(site);
		const browser = await launchChromium();
		const found: string[] = [];
		try {
			for (const colorScheme of ['light', 'dark'] as const) {
				const context = await browser.newContext({ colorScheme });
				const page = await context.newPage();
				for (const url of NEW_SECTIONS) {
					await page.goto(`${server.origin}${url}`);
					const results = await new AxeBuilder({ page })
						.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'])
						.analyze();
					for (const violation of results.violations)
						for (const node of violation.nodes)
							found.push(`${colorScheme} ${url} ${violation.id}: ${node.target.join(' ')}`);
				}
				await context.close();
			}
		} finally {
			await browser.close();
			await server.close();
		}
		expect(found).toEqual([]);
	});
});
