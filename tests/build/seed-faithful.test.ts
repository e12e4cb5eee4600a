import { beforeAll, describe, expect, test } from 'vitest';
import { compactTextsOf, defaultSiteDir, readPage, type BuiltPage } from '../helpers/dist.ts';
import { compact } from '../../support/html.ts';
import {
	findOrderProblems,
	readSeed,
	seedItems,
	seedSentences,
	SITE_MARKER,
} from '../helpers/seed.ts';

/**
 * The built site reproduces the seed page faithfully: every printed sentence is on
 * the page (版) view in print order and on its item's own page, words split across
 * columns are joined again, and headings stay headings.
 */

const PAGE_VIEW = '/issues/2021-11-11/2/';
const TASHILIUYIN = '/articles/2021-11-11/02-tashiliuyin/';
const ZHU_HAIYI = '/articles/2021-11-11/02-zhu-haiyi/';

/** Text the seed splits across columns (a line break mid-word) and the page it belongs to. */
const COLUMN_BREAKS: { text: string; article: string }[] = [
	{ text: '运行不过3个月', article: TASHILIUYIN },
	{ text: '在全省疫苗接种工作中排名倒数', article: TASHILIUYIN },
	{ text: '媒体将公开报道', article: TASHILIUYIN },
	{ text: '不是在拿鞭子抽', article: TASHILIUYIN },
	{ text: '救起落水女孩', article: ZHU_HAIYI },
	{ text: '宣传部部长姚舜斌', article: ZHU_HAIYI },
	{ text: '因为我怕别人说,道德模范,还违章', article: ZHU_HAIYI },
];

/** Subheadings printed inside the articles. */
const HEADINGS: { text: string; article: string }[] = [
	{ text: '群星璀璨辉映大爱旬阳', article: ZHU_HAIYI },
	{ text: '“真”与“硬”的四字经狠、准、实、快,开弓没有回头箭', article: TASHILIUYIN },
	{ text: '“心”与“新”的交汇点是交心,更是创新', article: TASHILIUYIN },
];

const seed = readSeed();
let site: string;
let pageView: BuiltPage;

beforeAll(() => {
	site = defaultSiteDir();
	pageView = readPage(site, PAGE_VIEW);
});

describe('the seed as a whole', () => {
	test('is cut into six printed items that cover all of it', () => {
		const items = seedItems(seed);
		expect(items).toHaveLength(6);
		expect(items.map((item) => item.text).join('')).toBe(seed.trimStart());
	});

	test('has the sentences the checks below rely on', () => {
		const sentences = seedSentences(seed);
		expect(sentences.length).toBeGreaterThan(100);
		expect(sentences.filter((sentence) => sentence === SITE_MARKER)).toHaveLength(2);
	});
});

describe('the sentence check', () => {
	test('notices sentences that are not there and sentences out of order', () => {
		const [tashiliuyin, zhu] = seedItems(seed);
		const page = readPage(site, TASHILIUYIN);
		const missing = findOrderProblems(
			page.compactText,
			seedSentences(zhu!.text).filter((sentence) => sentence !== SITE_MARKER),
		);
		expect(missing.length).toBeGreaterThan(10);
		expect(missing.every((problem) => problem.problem === 'missing')).toBe(true);
		const reversed = seedSentences(tashiliuyin!.text)
			.filter((sentence) => sentence.length > 20)
			.reverse();
		expect(
			findOrderProblems(page.compactText, reversed).some(
				(problem) => problem.problem === 'out of order',
			),
		).toBe(true);
	});
});

describe(`the page view ${PAGE_VIEW}`, () => {
	test('shows every sentence of the seed, in print order', () => {
		expect(findOrderProblems(pageView.compactText, seedSentences(seed))).toEqual([]);
	});

	test('prints the continuation marker the way the site writes it', () => {
		expect(pageView.compactText.split(SITE_MARKER)).toHaveLength(3);
		expect(pageView.compactText).not.toContain('(上接一版)');
	});

	test.each(COLUMN_BREAKS)('joins the column break in “$text” inside one paragraph', ({ text }) => {
		expect(
			compactTextsOf(pageView, 'p').filter((paragraph) => paragraph.includes(text)),
		).toHaveLength(1);
	});

	test.each(HEADINGS)('keeps “$text” a heading, not joined to a paragraph', ({ text }) => {
		expect(compactTextsOf(pageView, 'h2', 'h3', 'h4', 'h5', 'h6')).toContain(text);
		expect(compactTextsOf(pageView, 'p').filter((paragraph) => paragraph.includes(text))).toEqual(
			[],
		);
	});
});

describe.each(seedItems(seed))('the item page $url', ({ url, text }) => {
	test('shows every sentence of the item, in print order', () => {
		const page = readPage(site, url);
		expect(findOrderProblems(page.compactText, seedSentences(text))).toEqual([]);
	});
});

describe('the article pages', () => {
	test.each(COLUMN_BREAKS)(
		'join the column break in “$text” inside one paragraph of $article',
		({ text, article }) => {
			const page = readPage(site, article);
			expect(
				compactTextsOf(page, 'p').filter((paragraph) => paragraph.includes(text)),
			).toHaveLength(1);
		},
	);

	test.each(HEADINGS)('keep “$text” a heading on $article', ({ text, article }) => {
		const page = readPage(site, article);
		expect(compactTextsOf(page, 'h2', 'h3', 'h4', 'h5', 'h6')).toContain(text);
		expect(compactTextsOf(page, 'p').filter((paragraph) => paragraph.includes(text))).toEqual([]);
	});

	test.each([TASHILIUYIN, ZHU_HAIYI])(
		'%s says it continues from page one, as printed',
		(article) => {
			const page = readPage(site, article);
			expect(compactTextsOf(page, 'p').some((paragraph) => paragraph.startsWith(SITE_MARKER))).toBe(
				true,
			);
			expect(page.compactText).not.toContain('(上接一版)');
		},
	);

	test('the seed headline of the first article is its page heading', () => {
		const page = readPage(site, TASHILIUYIN);
		expect(compactTextsOf(page, 'h1')).toEqual([compact('以踏石留印的狠劲抓落实')]);
	});
});
