import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
	checkContent,
	formatProblem,
	type ContentProblem,
} from '../../src/content-checks/index.ts';
import {
	formatPublishedUrls,
	parsePublishedUrls,
	PUBLISHED_URLS_FILE,
} from '../../src/domain/published-urls.ts';
import { groupReprints, textDigest } from '../../src/domain/reprints.ts';
import { PROJECT_ROOT, TMP_ROOT } from '../../support/paths.ts';

/**
 * The content checks for permanent addresses and reprints, on small folders written for
 * each case: a published address left without a page, old addresses (redirectFrom) that
 * are malformed or clash, and the same text printed on other dates (accepted) or twice on
 * one date and page (refused).
 */

const dirs: string[] = [];
afterAll(async () => {
	for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const issue = (date: string) => `---\ndate: ${date}\npages:\n  - number: 2\n  - number: 3\n---\n`;
const article = (title: string, body: string, date = '2021-11-11', page = 2, extra = '') =>
	`---\ntitle: ${title}\ndate: ${date}\npage: ${page}\n${extra}---\n\n${body}\n`;

/** Checks a folder with issues for 2021-11-11 and 2021-11-18 (pages 2 and 3) plus `files`. */
async function check(files: Record<string, string>): Promise<ContentProblem[]> {
	const root = await mkdtemp(join(TMP_ROOT, 'permanence-checks-'));
	dirs.push(root);
	const all = {
		'issues/2021-11-11.md': issue('2021-11-11'),
		'issues/2021-11-18.md': issue('2021-11-18'),
		...files,
	};
	for (const [path, source] of Object.entries(all)) {
		await mkdir(dirname(join(root, path)), { recursive: true });
		await writeFile(join(root, path), source);
	}
	return checkContent(root, PROJECT_ROOT);
}

const summary = (problems: ContentProblem[]) =>
	problems.map((problem) => [
		problem.file.split('/').slice(-2).join('/'),
		problem.code,
		problem.field,
	]);

const LONG = '旬阳市召开全市秋季农业生产会议，安排部署秋收秋种和冬季农田水利建设工作。'.repeat(3);

describe('published-urls.txt', () => {
	test('an address listed but without a page is refused, naming it and the redirectFrom to add', async () => {
		const problems = await check({
			'articles/2021-11-11/02-renamed.md': article('标题', '正文'),
			[PUBLISHED_URLS_FILE]: formatPublishedUrls(['/articles/2021-11-11/02-tashiliuyin/']),
		});
		expect(problems.map((problem) => [problem.file.split('/').pop(), problem.code])).toEqual([
			[PUBLISHED_URLS_FILE, 'lost-address'],
		]);
		const [problem] = problems;
		const line = formatProblem(problem!);
		expect(line).toContain('/articles/2021-11-11/02-tashiliuyin/ 曾经发布过');
		expect(line).toContain('was published, but this build has no page for it');
		expect(line).toContain("redirectFrom: ['/articles/2021-11-11/02-tashiliuyin/']");
		// The renamed file is the likely new home: it is new and in the same folder.
		expect(line).toContain('articles/2021-11-11/02-renamed.md');
		// The line of the address in the list (after the comment header).
		expect(problem!.line).toBe(
			parsePublishedUrls(formatPublishedUrls(['/articles/2021-11-11/02-tashiliuyin/']))[0]!.line,
		);
		expect(problem!.line).toBeGreaterThan(1);
	});

	test('the old address listed in redirectFrom keeps it, and nothing is reported', async () => {
		const problems = await check({
			'articles/2021-11-11/02-renamed.md': article(
				'标题',
				'正文',
				'2021-11-11',
				2,
				"redirectFrom: ['/articles/2021-11-11/02-tashiliuyin/']\n",
			),
			[PUBLISHED_URLS_FILE]: formatPublishedUrls(['/articles/2021-11-11/02-tashiliuyin/']),
		});
		expect(problems.map(formatProblem)).toEqual([]);
	});

	test('a folder without the list is not checked against one (the build writes it)', async () => {
		expect(await check({ 'articles/2021-11-11/02-a.md': article('标题', '正文') })).toEqual([]);
	});

	test('the list is written sorted, each address once, with its comment header', () => {
		const text = formatPublishedUrls(['/people/b/', '/articles/x/', '/people/b/', '/adverts/y/']);
		expect(text.startsWith('# 已发布网址 / Published addresses\n')).toBe(true);
		expect(parsePublishedUrls(text).map(({ path }) => path)).toEqual([
			'/adverts/y/',
			'/articles/x/',
			'/people/b/',
		]);
	});
});

describe('redirectFrom', () => {
	test.each([
		['https://archive.akrb.example/articles/a/', 'a host'],
		['//archive.akrb.example/articles/a/', 'a host without scheme'],
		['/articles/2021-11-11/02-a', 'no trailing slash'],
		['articles/2021-11-11/02-a/', 'not absolute'],
		['/articles/../people/a/', 'a .. segment'],
		['/articles/a/?page=2/', 'a query'],
	])('%s is refused (%s)', async (path) => {
		const problems = await check({
			'articles/2021-11-11/02-a.md': article(
				'标题',
				'正文',
				'2021-11-11',
				2,
				`redirectFrom: ['${path}']\n`,
			),
		});
		expect(summary(problems)).toEqual([['2021-11-11/02-a.md', 'invalid-value', 'redirectFrom.0']]);
		expect(problems[0]!.message).toContain('应以 / 开头和结尾、不带域名');
	});

	test('an old address that is a live page, its own, or claimed twice is refused', async () => {
		const problems = await check({
			'articles/2021-11-11/02-a.md': article(
				'甲',
				'正文',
				'2021-11-11',
				2,
				"redirectFrom: ['/articles/2021-11-11/02-b/', '/articles/2021-11-11/02-a/', '/articles/old/']\n",
			),
			'articles/2021-11-11/02-b.md': article(
				'乙',
				'正文',
				'2021-11-11',
				2,
				"redirectFrom: ['/articles/old/', '/issues/2021-11-11/2/']\n",
			),
		});
		expect(summary(problems)).toEqual([
			['2021-11-11/02-a.md', 'redirect-conflict', 'redirectFrom.0'],
			['2021-11-11/02-a.md', 'redirect-conflict', 'redirectFrom.1'],
			['2021-11-11/02-b.md', 'redirect-conflict', 'redirectFrom.0'],
			['2021-11-11/02-b.md', 'redirect-conflict', 'redirectFrom.1'],
		]);
		const [live, own, twice, issuePage] = problems.map((problem) => problem.message);
		expect(live).toContain('是 ');
		expect(live).toContain('is the live page of');
		expect(own).toContain("this entry's own address");
		expect(twice).toContain('already claimed by the redirectFrom of');
		expect(issuePage).toContain('/issues/2021-11-11/2/');
	});
});

describe('reprints', () => {
	test('the same text on other dates and pages is accepted', async () => {
		const problems = await check({
			'articles/2021-11-11/02-a.md': article('甲', LONG),
			'articles/2021-11-11/03-a.md': article('甲', LONG, '2021-11-11', 3),
			'articles/2021-11-18/02-a.md': article('甲', LONG, '2021-11-18'),
			'notices/2021-11-18/03-n.md': `---\nkind: 其他公告\ntitle: 公告\ndate: 2021-11-18\npage: 3\nissuer: 某单位\n---\n\n${LONG}\n`,
		});
		expect(problems.map(formatProblem)).toEqual([]);
	});

	test('the same text twice on one date and page is refused, on the later file', async () => {
		const problems = await check({
			'articles/2021-11-11/02-a.md': article('甲', LONG),
			'articles/2021-11-11/02-b.md': article('乙', `${LONG.replaceAll('，', '， ')}`),
		});
		expect(summary(problems)).toEqual([['2021-11-11/02-b.md', 'duplicate-story', 'body']]);
		expect(problems[0]!.message).toContain('同一天同一版、正文完全相同');
	});

	test('grouping: each printing lists the others, oldest first; short texts are not grouped', () => {
		const items = [
			{ key: 'c', date: '2021-11-18', page: 2, body: LONG },
			{ key: 'a', date: '2021-11-11', page: 2, body: LONG },
			{ key: 'b', date: '2021-11-11', page: 3, body: ` ${LONG}\n` },
			{ key: 'd', date: '2021-11-11', page: 2, body: '短的口号' },
			{ key: 'e', date: '2021-11-18', page: 2, body: '短的口号' },
		];
		const groups = groupReprints(items);
		expect([...groups.keys()].sort()).toEqual(['a', 'b', 'c']);
		expect(groups.get('c')!.map((item) => item.key)).toEqual(['a', 'b']);
		expect(groups.get('a')!.map((item) => item.key)).toEqual(['b', 'c']);
		expect(textDigest('短的口号')).toBeUndefined();
	});
});
