import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import {
	checkContent,
	formatProblem,
	type ContentProblem,
} from '../../src/content-checks/index.ts';
import { PROJECT_ROOT, TMP_ROOT } from '../../support/paths.ts';

/**
 * The content checks on small folders written for each case: the tricks that hide a
 * script, the ways a time loses its zone, and what must not be reported (escaped HTML,
 * code, a leading byte-order mark, full-width numbers as printed, MDX where it belongs).
 */

const dirs: string[] = [];
afterAll(async () => {
	for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const ISSUE = '---\ndate: 2021-11-11\npages:\n  - number: 2\n---\n';

/** Checks a folder holding an issue for 2021-11-11 (page 2) plus `files`. */
async function check(files: Record<string, string>): Promise<ContentProblem[]> {
	const root = await mkdtemp(join(TMP_ROOT, 'content-checks-'));
	dirs.push(root);
	for (const [path, source] of Object.entries({ 'issues/2021-11-11.md': ISSUE, ...files })) {
		await mkdir(dirname(join(root, path)), { recursive: true });
		await writeFile(join(root, path), source);
	}
	return checkContent(root, PROJECT_ROOT);
}

const article = (body: string, extra = '') =>
	`---\ntitle: 标题\ndate: 2021-11-11\npage: 2\n${extra}---\n\n${body}\n`;

describe('raw HTML that would run a script', () => {
	test.each([
		['a script tag in any case', '<ScRiPt src="x.js"></ScRiPt>'],
		['an event attribute over two lines', '<img src="a.png"\n  ONERROR="alert(1)">'],
		['a javascript: link in mixed case', '[点这里](JaVaScRiPt:alert(1))'],
		['a javascript: link hidden by entities', '[点这里](&#106;avascript&colon;alert(1))'],
		['a tab inside the scheme', '<a href="java\tscript:alert(1)">点</a>'],
		['a reference definition', '[点这里][x]\n\n[x]: javascript:alert(1)'],
		['an autolink', '<javascript:alert(1)>'],
		['an iframe', '<iframe srcdoc="x"></iframe>'],
		['a data: HTML document', '[点](data:text/html;base64,PHNjcmlwdD4=)'],
	])('refuses %s', async (_name, body) => {
		const problems = await check({ 'articles/2021-11-11/02-a.md': article(body) });
		expect(problems.map((problem) => problem.code)).toEqual(['unsafe-html']);
		expect(problems[0]!.line).toBeGreaterThanOrEqual(7);
		expect(problems[0]!.field).toBe('body');
	});

	test.each([
		['an escaped tag', '\\<script>alert(1)\\</script>'],
		['inline code', '写成 `<script>` 的标签不会运行。'],
		['a fenced code block', '```html\n<script>alert(1)</script>\n```'],
		['prose that names the scheme', '有人在文中写了 javascript:void(0) 这样的字。'],
		['harmless HTML and links', '<b>粗体</b> [网站](https://example.com/a?b=1&c=2)'],
	])('accepts %s', async (_name, body) => {
		const problems = await check({ 'articles/2021-11-11/02-a.md': article(body) });
		expect(problems.map(formatProblem)).toEqual([]);
	});

	test('MDX is accepted in articles/interactive/ and refused anywhere else', async () => {
		const problems = await check({
			'articles/interactive/map.mdx': article('<script>/* developers’ code */</script>'),
			'adverts/2021-11-11/02-x.mdx':
				'---\nkind: 公益宣传\ntitle: 标语\nsponsor: 某单位\ndate: 2021-11-11\npage: 2\n---\n',
		});
		expect(
			problems.map((problem) => [problem.file.split('/').slice(-2).join('/'), problem.code]),
		).toEqual([['2021-11-11/02-x.mdx', 'mdx-not-allowed']]);
	});
});

describe('times without a zone', () => {
	test('an unquoted midnight time in a date field, which YAML silently accepts as a date', async () => {
		const problems = await check({
			'articles/2021-11-11/02-a.md': `---\ntitle: 标题\ndate: 2021-11-11 00:00\npage: 2\n---\n`,
		});
		expect(problems.map((problem) => [problem.code, problem.field, problem.line])).toEqual([
			['time-without-zone', 'date', 3],
		]);
	});

	test('an unquoted deadline is reported once, with the fix written out', async () => {
		const notice = [
			'---',
			'kind: 拍卖公告',
			'title: 拍卖公告',
			'date: 2021-11-11',
			'page: 2',
			'issuer: 某拍卖公司',
			'lots:',
			'  - description: 旧设备',
			'auction:',
			'  time: "2021-11-25T10:00+08:00"',
			'  venue: 某地',
			'registrationDeadline: 2021-11-24 16:00',
			'---',
			'',
		].join('\n');
		const problems = await check({ 'notices/2021-11-11/02-a.md': notice });
		expect(problems.map((problem) => [problem.code, problem.field, problem.line])).toEqual([
			['time-without-zone', 'registrationDeadline', 12],
		]);
		expect(problems[0]!.fix).toContain('"2021-11-24T16:00+08:00"');
	});

	test('a time with an explicit offset, quoted, is fine', async () => {
		const problems = await check({
			'notices/2021-11-11/02-a.md':
				'---\nkind: 其他公告\ntitle: 公告\ndate: 2021-11-11\npage: 2\nissuer: 某单位\nregistrationDeadline: "2021-11-24T08:00Z"\n---\n',
		});
		expect(problems.map(formatProblem)).toEqual([]);
	});
});

describe('what an editor is told', () => {
	test('a field name written in Chinese is matched to the English one', async () => {
		const problems = await check({
			'articles/2021-11-11/02-a.md': '---\n标题: 一篇文章\ndate: 2021-11-11\npage: 2\n---\n',
		});
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ code: 'unknown-field', field: '标题', line: 2 });
		expect(problems[0]!.fix).toContain('title');
	});

	test('a wrong type is not mistaken for a missing field', async () => {
		const problems = await check({
			'articles/2021-11-11/02-a.md': article('正文', '').replace('page: 2', 'page: 二'),
		});
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ code: 'invalid-value', field: 'page', line: 4 });
		expect(problems[0]!.message).toContain('版次');
	});

	test('a nested field is pointed at on its own line, not at a same-named field above', async () => {
		const person =
			'---\nname: 张三\ndescription: 村民\nhonours:\n  - title: 好人\n  - title: 好人\n    level: 国家级\n---\n';
		const problems = await check({ 'people/zhang-san.md': person });
		expect(problems.map((problem) => [problem.field, problem.line])).toEqual([
			['honours.1.level', 7],
		]);
	});

	test('a leading byte-order mark and numbers printed wholly in full-width digits are left alone', async () => {
		const problems = await check({
			'articles/2021-11-11/02-a.md': `\ufeff${article('会议于１１月５日召开，到会２００人。')}`,
		});
		expect(problems.map(formatProblem)).toEqual([]);
	});

	test('a story filed twice under two names is reported on the second file', async () => {
		const body = '同一篇稿件的正文，足够长，可以认出是同一篇。'.repeat(5);
		const problems = await check({
			'articles/2021-11-11/02-a.md': article(body),
			'articles/2021-11-11/02-b.md': article(body).replace('title: 标题', 'title: 另一个标题'),
		});
		expect(
			problems.map((problem) => [problem.file.split('/').pop(), problem.code, problem.field]),
		).toEqual([['02-b.md', 'duplicate-story', 'body']]);
	});
});
