import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import {
	contentFiles,
	issuesOf,
	ITEM_COLLECTIONS,
	KIND_OF_COLLECTION,
	storyLeadIds,
	type ItemCollection,
} from '../helpers/content.ts';
import {
	defaultSiteDir,
	fileOfUrl,
	listFiles,
	listHtmlFiles,
	pageExists,
	readPage,
	urlOfFile,
} from '../helpers/dist.ts';
import {
	byAttribute,
	byTag,
	compact,
	descendants,
	isInside,
	textContent,
} from '../../support/html.ts';

/**
 * One page per entry, at the address its file name gives it, and what the seed's
 * pages must show. Reads the default site built once by the global setup.
 */

let site: string;
beforeAll(() => {
	site = defaultSiteDir();
});

const itemUrl = (collection: ItemCollection, id: string) => `/${collection}/${id}/`;

/** The value of a page's `kind` search filter, from its `<head>`; undefined when it has none. */
function kindOf(url: string): string | undefined {
	const page = readPage(site, url);
	const metas = byAttribute(page.document, 'data-pagefind-filter', 'kind[content]');
	return metas[0]?.attrs.content;
}

/** Pages that forward to another address (a later part of a story) rather than show an item. */
function isRedirect(url: string): boolean {
	const page = readPage(site, url);
	return byTag(page.document, 'meta').some(
		(meta) => meta.attrs['http-equiv']?.toLowerCase() === 'refresh',
	);
}

describe('one page per entry', () => {
	test.each(ITEM_COLLECTIONS)(
		'every file in content/%s has a built page at /%s/<id>/',
		(collection) => {
			const files = contentFiles(collection);
			expect(files.length).toBeGreaterThan(0);
			const missing = files.filter((file) => !pageExists(site, itemUrl(collection, file.id)));
			expect(missing.map((file) => `${file.path} → ${itemUrl(collection, file.id)}`)).toEqual([]);
		},
	);

	test.each(ITEM_COLLECTIONS)('no two files in content/%s share an address', (collection) => {
		const ids = contentFiles(collection).map((file) => file.id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	test.each(ITEM_COLLECTIONS)(
		'the pages of kind %s are exactly the entries of that collection',
		(collection) => {
			const kind = KIND_OF_COLLECTION[collection];
			const expected = (
				collection === 'articles' ? storyLeadIds() : contentFiles(collection).map((file) => file.id)
			)
				.map((id) => itemUrl(collection, id))
				.sort();
			const built = listHtmlFiles(site)
				.map(urlOfFile)
				.filter((url) => kindOf(url) === kind)
				.sort();
			expect(built).toEqual(expected);
		},
	);

	test('each issue has its page and a page view for every page the archive holds', () => {
		const issues = issuesOf();
		expect(issues.length).toBeGreaterThan(0);
		for (const issue of issues) {
			expect(pageExists(site, `/issues/${issue.date}/`), `/issues/${issue.date}/`).toBe(true);
			for (const page of issue.pages.filter((candidate) => !candidate.missing)) {
				const url = `/issues/${issue.date}/${page.number}/`;
				expect(pageExists(site, url), url).toBe(true);
			}
		}
	});
});

describe('the seed entities', () => {
	const entities: { url: string; heading: string }[] = [
		{ url: '/people/zhu-haiyi/', heading: '朱海义' },
		{ url: '/people/qin-hua/', heading: '秦花' },
		{ url: '/people/zhao-guanghe/', heading: '赵光合' },
		{ url: '/people/sun-tian/', heading: '孙甜' },
		{ url: '/people/ye-lin/', heading: '叶林' },
		{ url: '/people/guo-jilian/', heading: '郭吉莲' },
		{ url: '/people/qu-xiaochang/', heading: '屈孝昌' },
		{ url: '/people/yuan-baoping/', heading: '袁宝平' },
		{ url: '/notices/2021-11-11/02-shiyingshi-paimai/', heading: '罚没石英石矿石拍卖公告' },
		{ url: '/adverts/2021-11-11/02-caizhengju/', heading: '全面实施预算绩效管理' },
		{ url: '/adverts/2021-11-11/02-xingfu-ankang-jiu/', heading: '浓浓家乡情 幸福安康酒' },
		{ url: '/adverts/2021-11-11/02-chuangwen/', heading: '共建全国文明城 争做文明安康人' },
		{ url: '/articles/2021-11-11/02-tashiliuyin/', heading: '以踏石留印的狠劲抓落实' },
		{ url: '/articles/2021-11-11/02-zhu-haiyi/', heading: '（标题刊于一版，本档案未收录）' },
	];

	test.each(entities)('$url is headed “$heading”', ({ url, heading }) => {
		const page = readPage(site, url);
		const headings = byTag(page.document, 'h1').map((h1) => compact(textContent(h1)));
		expect(headings).toHaveLength(1);
		// A notice's heading also carries its status badge after the title.
		expect(headings[0]!.startsWith(compact(heading)), `h1 is “${headings[0]}”`).toBe(true);
	});
});

describe('every page', () => {
	test('declares <html lang="zh-CN">', () => {
		const files = listHtmlFiles(site);
		expect(files.length).toBeGreaterThan(20);
		const wrong = files.filter((file) => {
			const html = byTag(readPage(site, `/${file}`).document, 'html');
			return html.length !== 1 || html[0]!.attrs.lang !== 'zh-CN';
		});
		expect(wrong).toEqual([]);
	});

	test('links only to addresses that were built (and to anchors that exist)', () => {
		const files = new Set(listFiles(site));
		const broken: string[] = [];
		for (const file of listHtmlFiles(site)) {
			const page = readPage(site, `/${file}`);
			for (const link of byTag(page.document, 'a', 'link')) {
				const href = link.attrs.href;
				if (!href || !href.startsWith('/') || href.startsWith('//')) continue;
				const [path, fragment] = href.split('#') as [string, string | undefined];
				const target = fileOfUrl(decodeURI(path));
				if (!files.has(target) && !files.has(decodeURI(path).replace(/^\//, ''))) {
					broken.push(`${urlOfFile(file)} → ${href}`);
					continue;
				}
				if (fragment && files.has(target) && target.endsWith('.html')) {
					const ids = byAttribute(readPage(site, `/${target}`).document, 'id').map(
						(node) => node.attrs.id,
					);
					if (!ids.includes(decodeURIComponent(fragment)))
						broken.push(`${urlOfFile(file)} → ${href} (no such anchor)`);
				}
			}
		}
		expect([...new Set(broken)]).toEqual([]);
	});
});

describe('item pages', () => {
	const itemUrls = () =>
		ITEM_COLLECTIONS.flatMap((collection) =>
			contentFiles(collection).map((file) => itemUrl(collection, file.id)),
		).filter((url) => !isRedirect(url));

	test('have exactly one <h1>, inside one [data-pagefind-body] region', () => {
		const urls = itemUrls();
		expect(urls.length).toBe(14);
		const wrong: string[] = [];
		for (const url of urls) {
			const page = readPage(site, url);
			const bodies = byAttribute(page.document, 'data-pagefind-body');
			const h1s = byTag(page.document, 'h1');
			if (bodies.length !== 1) {
				wrong.push(`${url}: ${bodies.length} [data-pagefind-body] regions`);
				continue;
			}
			const inside = h1s.filter((h1) => isInside(h1, bodies[0]!));
			if (inside.length !== 1)
				wrong.push(`${url}: ${inside.length} <h1> inside [data-pagefind-body]`);
		}
		expect(wrong).toEqual([]);
	});

	test('of dated items say when the date was inferred, as do the issue pages', () => {
		const issues = issuesOf();
		const inferred = new Set(
			issues.filter((issue) => issue.dateInferred).map((issue) => issue.date),
		);
		expect(inferred.has('2021-11-11')).toBe(true);
		const urls = [
			...(['articles', 'notices', 'adverts'] as const).flatMap((collection) =>
				contentFiles(collection)
					.filter((file) => inferred.has(String(file.data.date)))
					.map((file) => itemUrl(collection, file.id)),
			),
			...issues
				.filter((issue) => issue.dateInferred)
				.flatMap((issue) => [
					`/issues/${issue.date}/`,
					...issue.pages
						.filter((page) => !page.missing)
						.map((page) => `/issues/${issue.date}/${page.number}/`),
				]),
		].filter((url) => !isRedirect(url));
		expect(urls.length).toBeGreaterThanOrEqual(8);
		const silent = urls.filter(
			(url) => !readPage(site, url).compactText.includes('日期据内容推定'),
		);
		expect(silent).toEqual([]);
	});
});

describe('the notice page', () => {
	const url = '/notices/2021-11-11/02-shiyingshi-paimai/';

	/** How often a (whitespace-free) value occurs in the page's visible text. */
	const occurrences = (text: string, value: string) => text.split(compact(value)).length - 1;

	test('shows its status as a badge, computed from the dates (the auction was in 2021)', () => {
		const page = readPage(site, url);
		const badges = descendants(page.document).filter(
			(node) => compact(textContent(node)) === '已拍卖',
		);
		expect(badges.length).toBeGreaterThan(0);
		expect(page.compactText).not.toContain('报名中');
		expect(page.compactText).not.toContain('已截止');
	});

	test('shows every structured field, besides the printed text', () => {
		const { compactText: text } = readPage(site, url);
		// Values also found in the printed original must appear at least twice: once in
		// the printed text and once among the extracted fields.
		const twice = [
			'680.29',
			'吨',
			'0915-3216489',
			'17809153393',
			'梁女士',
			'安康市香溪南路8号安康市公共资源交易中心二楼201开标室',
		];
		const shownOnce = twice.filter((value) => occurrences(text, value) < 2);
		expect(shownOnce).toEqual([]);
		expect(
			occurrences(text, '2万元') >= 2 || /(?<![\d.])20,?000(?!\d)/.test(text),
			'竞买保证金 2万元',
		).toBe(true);
		expect(
			occurrences(text, '0.6万元') >= 2 || /(?<![\d.])6,?000(?!\d)/.test(text),
			'履约保证金 0.6万元',
		).toBe(true);
		// The times are written out as the paper's zone shows them, which the printed text does not do.
		expect(text).toContain(compact('2021年11月25日 10:00'));
		expect(text).toContain(compact('2021年11月24日 16:00'));
	});
});

describe('the article that continues the Zhu Haiyi story', () => {
	const url = '/articles/2021-11-11/02-zhu-haiyi/';

	test('says its headline ran on page one, which the archive does not hold', () => {
		const page = readPage(site, url);
		const [h1] = byTag(page.document, 'h1').map((node) => compact(textContent(node)));
		expect(h1).toContain('一版');
		expect(h1).toContain('未收录');
		expect(page.compactText).toContain('（上接一版）');
	});

	test('links to the profile of each of the eight people it names', () => {
		const page = readPage(site, url);
		const links = new Set(byTag(page.document, 'a').map((link) => link.attrs.href));
		const people = [
			'zhu-haiyi',
			'qin-hua',
			'zhao-guanghe',
			'sun-tian',
			'ye-lin',
			'guo-jilian',
			'qu-xiaochang',
			'yuan-baoping',
		];
		expect(people.filter((id) => !links.has(`/people/${id}/`))).toEqual([]);
		for (const id of people) expect(existsSync(join(site, 'people', id, 'index.html'))).toBe(true);
	});
});
