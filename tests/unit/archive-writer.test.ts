import { CORPUS_SAMPLE_FILE } from '../../support/paths.ts';
import { spawnSync } from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { createMarkdownProcessor, parseFrontmatter } from '@astrojs/markdown-remark';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { afterAll, describe, expect, it } from 'vitest';
import {
	articleFileName,
	parseCorpusId,
	recordToArticle,
	slugify,
} from '../../scripts/lib/archive-writer/file-names.ts';
import { IssueCollector } from '../../scripts/lib/archive-writer/issues.ts';
import {
	renderArticleMarkdown,
	renderIssueMarkdown,
	renderMarkdownBody,
} from '../../scripts/lib/archive-writer/markdown.ts';
import { validateRecord } from '../../scripts/lib/archive-writer/records.ts';
import {
	replicateRecord,
	replicationShiftDays,
	shiftDate,
} from '../../scripts/lib/archive-writer/replication.ts';
import type { ArticleInput, SourceRecord } from '../../scripts/lib/archive-writer/types.ts';
import { ArchiveWriter } from '../../scripts/lib/archive-writer/writer.ts';
import { articleSchema, issueSchema } from '../../src/schemas/index.ts';

// js-yaml is what Astro reads front matter with. It ships no types and @types/js-yaml is
// not installed, so it is imported by a plain string; `load` is all this file uses.
const JS_YAML: string = 'js-yaml';
const yamlModule = (await import(JS_YAML)) as { default: { load(text: string): unknown } };
const yaml = yamlModule.default;

// All text below is made up. Corpus text is read (never copied) by the CLI test only.

const ROOT = resolve(import.meta.dirname, '../..');
/** Node 24 from the repo (type stripping); `node` on PATH may be older. */
const NODE = existsSync(join(ROOT, 'node_modules/.bin/node'))
	? join(ROOT, 'node_modules/.bin/node')
	: process.execPath;
const IMPORT = join(ROOT, 'scripts/import.ts');
const SAMPLE = CORPUS_SAMPLE_FILE;

const tempDirs: string[] = [];
function tempDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'archive-writer-'));
	tempDirs.push(dir);
	return dir;
}
afterAll(() => {
	for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** The front matter as Astro reads it (js-yaml), and the Markdown after it. */
function readBack(markdown: string): { data: Record<string, unknown>; content: string } {
	const { frontmatter, rawFrontmatter, content } = parseFrontmatter(markdown);
	expect(yaml.load(rawFrontmatter)).toEqual(frontmatter);
	return { data: frontmatter as Record<string, unknown>, content };
}

const base: ArticleInput = { title: '县里开会', date: '2021-11-11', page: 2, body: '正文。' };

describe('front matter round trip (js-yaml + article schema)', () => {
	const nastyTitles = [
		'标题：冒号后有空格: 还有',
		'key: value # not a comment',
		'"双引号" 与 \'单引号\' 与 “中文引号”',
		'# 井号开头',
		'- 短横开头',
		'-- 两个短横',
		'---',
		'...',
		'? 问号开头',
		': 冒号开头',
		'| 竖线',
		'> 大于号',
		'[方括号] 开头',
		'{花括号: 1}',
		'&锚点 *别名 !标签 %指令 @at `反引号`',
		'<<',
		'yes',
		'No',
		'on',
		'null',
		'~',
		'true',
		'2021-11-11',
		'2021-11-11 09:00',
		'12:30:00',
		'1_000',
		'0x1F',
		'0o17',
		'1e3',
		'.inf',
		'-.5',
		'反斜杠 \\ 与 \\n 字样',
		'\u3000全角空格开头',
		'不换行\u00a0空格',
		'分隔符\u2028与\u2029段落符',
		'表情 😀 与 𠀀',
		'长'.repeat(300),
		'<script>alert(1)</script>',
		'tab\there',
		'line\nbreak\n---\nnot a fence',
	];

	it.each(nastyTitles)('keeps the title %j', (title) => {
		const markdown = renderArticleMarkdown({ ...base, title, section: title, order: 3 });
		const { data } = readBack(markdown);
		expect(data.title).toBe(title);
		expect(data.section).toBe(title);
		const parsed = articleSchema.parse(data);
		expect(parsed.title).toBe(title.trim());
		expect(parsed).toMatchObject({ date: '2021-11-11', page: 2, order: 3 });
	});

	it('writes title, date, page, section, order in that order and leaves out what is unset', () => {
		const markdown = renderArticleMarkdown({ ...base, section: '要闻', order: 1 });
		expect(markdown.split('---\n')[1]).toBe(
			'title: "县里开会"\ndate: "2021-11-11"\npage: 2\nsection: "要闻"\norder: 1\n',
		);
		const { data } = readBack(renderArticleMarkdown(base));
		expect(Object.keys(data)).toEqual(['title', 'date', 'page']);
	});

	it('keeps the date the same calendar day when read back', () => {
		for (const date of ['1998-01-01', '2000-02-29', '2021-12-31']) {
			expect(
				articleSchema.parse(readBack(renderArticleMarkdown({ ...base, date })).data).date,
			).toBe(date);
		}
	});

	it('renders an issue file that the issue schema accepts, pages sorted', () => {
		const markdown = renderIssueMarkdown({
			date: '2021-11-11',
			pages: [{ number: 3 }, { number: 1, name: '要闻: 头版' }, { number: 2, name: '- 综合' }],
		});
		const issue = issueSchema.parse(readBack(markdown).data);
		expect(issue.pages).toEqual([
			{ number: 1, name: '要闻: 头版', missing: false },
			{ number: 2, name: '- 综合', missing: false },
			{ number: 3, missing: false },
		]);
	});
});

// ---------------------------------------------------------------------------
// Markdown body
// ---------------------------------------------------------------------------

/** The pipeline Astro runs on `.md` (GFM on, smartypants off), up to HTML. */
const pipeline = unified()
	.use(remarkParse)
	.use(remarkGfm)
	.use(remarkRehype, { allowDangerousHtml: true })
	.use(rehypeRaw)
	.use(rehypeStringify, { allowDangerousHtml: true });

interface HastNode {
	type: string;
	tagName?: string;
	value?: string;
	children?: HastNode[];
}

/** The visible text of each paragraph; fails on any element but p, br and a. */
function visibleParagraphs(markdown: string): string[] {
	const tree = pipeline.runSync(pipeline.parse(markdown)) as HastNode;
	const paragraphs: string[] = [];
	for (const node of tree.children ?? []) {
		if (node.type === 'text' && node.value?.trim() === '') continue;
		expect(node.type === 'element' ? node.tagName : node.type, markdown).toBe('p');
		paragraphs.push(textOf(node, markdown));
	}
	return paragraphs;
}

function textOf(node: HastNode, markdown: string): string {
	if (node.type === 'text') return node.value ?? '';
	if (node.type !== 'element')
		throw new Error(`unexpected ${node.type} in ${JSON.stringify(markdown)}`);
	expect(['p', 'br', 'a'], markdown).toContain(node.tagName);
	return (node.children ?? []).map((child) => textOf(child, markdown)).join('');
}

/** What a paragraph should show: its lines without spaces or tabs at either end. */
function expectedLines(paragraph: string): string {
	return paragraph
		.split('\n')
		.map((line) => line.replace(/^[ \t]+|[ \t]+$/g, ''))
		.filter((line) => line !== '')
		.join('\n');
}

function expectShownAsWritten(paragraphs: string[]): void {
	const body = paragraphs.join('\n\n');
	const markdown = renderMarkdownBody(body);
	// A line holding only spaces or tabs is a blank line: it ends a paragraph.
	const expected = body
		.split(/\n(?:[ \t]*\n)+/)
		.map(expectedLines)
		.filter((text) => text !== '');
	expect(visibleParagraphs(markdown), markdown).toEqual(expected);
}

const nastyParagraphs = [
	'# 不是标题',
	'###### 也不是',
	'#没有空格',
	'- 不是列表',
	'* 星号',
	'+ 加号',
	'> 不是引用',
	'>>> 多层',
	'1. 不是有序列表',
	'2) 右括号',
	'123456789. 九位数字',
	'1234567890. 十位数字',
	'1.5亿元',
	'1998.',
	'---',
	'***',
	'___',
	'- - -',
	'===',
	'|甲|乙|',
	'甲 | 乙',
	':--',
	'```js',
	'~~~',
	'~~删除线~~ 与 ~单波浪~',
	'**粗体** 与 *斜体* 与 _下划线_ 与 __双下划线__',
	'snake_case_name 与 2*3*4',
	'`代码` 与 ``两个``',
	'[链接](http://example.com) 与 ![图](a.png)',
	'[^1] 脚注',
	'[定义]: http://example.com/',
	'- [ ] 任务',
	'<b>粗</b> <!-- 注释 --> <http://example.com> <a@b.c>',
	'&amp; &copy; &#123; &#x41; &nbsp; 与 a & b',
	'\\ 反斜杠 \\* \\_ \\\\',
	'C:\\Windows\\path\\',
	'行尾反斜杠\\',
	'http://example.com/a_b_c*d*~e~',
	'见https://example.org/~user/?q=1&r=2#frag。',
	'www.example.com/__init__.py',
	'WWW.EXAMPLE.COM 与 HTTP://EXAMPLE.COM',
	'邮箱 a_b.c@example.com 与 mailto:x@y.zz',
	'{花括号} $数学$ ^上标^ ==标记== :smile:',
	'"直引号" \'单引号\' -- 两个短横 ... 省略',
	'10:30 开会',
	'　全角空格开头',
	'不换行\u00a0空格',
	'表情 😀 与 é 组合字符',
	'行一\n行二',
	'文字\n---',
	'文字\n===',
	'文字\n:-:',
	'甲\n| - |',
	'文字\n- 列表',
	'文字\n1. 列表',
	'文字\n> 引用',
	'文字\n# 标题',
	'文字\n    四个空格',
	'行尾两个空格  \n下一行',
	'    四个空格开头（代码块）',
	'\t制表符开头',
	'中间\t制表符',
];

describe('Markdown body shows the text exactly as written', () => {
	it.each(nastyParagraphs)('%j', (paragraph) => {
		expectShownAsWritten([paragraph]);
	});

	it('keeps every paragraph of a body, in order, and drops empty ones', () => {
		expectShownAsWritten(nastyParagraphs);
		expect(visibleParagraphs(renderMarkdownBody('甲\n\n\n\n乙\n \t\n丙\r\n\r\n丁'))).toEqual([
			'甲',
			'乙',
			'丙',
			'丁',
		]);
		expect(renderMarkdownBody('  \n\n \t ')).toBe('');
	});

	it('survives random mixes of Markdown punctuation (seeded)', () => {
		const tokens = [
			...'\\`*_[]<>&~|#+-=:.!()"\'{}$^@%/;,?0123456789aAwWhHtTpPsSx中文字 \t',
			'http://',
			'https://',
			'www.',
			'&amp;',
			'&#35;',
			'1.',
			'2)',
			'<a>',
			'</p>',
			'---',
			'```',
			'~~',
			'**',
			'__',
			'[x](y)',
			'![',
			'a@b.cc',
			'\n',
		];
		let seed = 1998;
		const random = () => {
			seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
			return seed / 2_147_483_648;
		};
		for (let i = 0; i < 1500; i++) {
			const length = 1 + Math.floor(random() * 24);
			let paragraph = '';
			for (let j = 0; j < length; j++) paragraph += tokens[Math.floor(random() * tokens.length)];
			expectShownAsWritten([paragraph]);
		}
	});

	it('renders the same HTML in Astro’s own Markdown processor', async () => {
		const astro = await createMarkdownProcessor({
			gfm: true,
			smartypants: false,
			syntaxHighlight: false,
		});
		const markdown = renderArticleMarkdown({ ...base, body: nastyParagraphs.join('\n\n') });
		const { content } = readBack(markdown);
		const ours = String(await pipeline.process(content));
		expect((await astro.render(content)).code).toBe(ours);
	});
});

// ---------------------------------------------------------------------------
// Records, names, replication, issues
// ---------------------------------------------------------------------------

const record: SourceRecord = {
	id: '20211111-02-003',
	title: '虚构的标题',
	date: '2021-11-11',
	section: null,
	page: 2,
	body: '第一段。\n\n第二段。',
};

describe('file names', () => {
	it('names a corpus id <PP>-<NNN> under its date', () => {
		expect(articleFileName({ id: '19980101-01-001', date: '1998-01-01', page: 1 })).toBe(
			'articles/1998-01-01/01-001.md',
		);
		expect(articleFileName(record)).toBe('articles/2021-11-11/02-003.md');
		expect(parseCorpusId('19980101-12-045')).toEqual({
			date: '1998-01-01',
			page: 12,
			numberPart: '045',
			order: 45,
		});
	});

	it('falls back to a slug of the id when the id is not a corpus id or disagrees', () => {
		expect(articleFileName({ ...record, id: 'Zhang San: 采访 #1' })).toBe(
			'articles/2021-11-11/02-zhang-san-1.md',
		);
		expect(articleFileName({ ...record, id: '20211111-03-003' })).toBe(
			'articles/2021-11-11/02-20211111-03-003.md',
		);
		expect(articleFileName({ ...record, id: '纯中文' })).toBe('articles/2021-11-11/02-article.md');
		expect(slugify('Café_Ünïcode--x')).toBe('cafe-unicode-x');
		expect(slugify('x'.repeat(100))).toHaveLength(60);
	});

	it('takes order from the id and leaves section out when null', () => {
		expect(recordToArticle(record)).toEqual({
			title: '虚构的标题',
			date: '2021-11-11',
			page: 2,
			order: 3,
			body: record.body,
		});
		expect(recordToArticle({ ...record, id: 'x', section: '要闻' })).toEqual({
			title: '虚构的标题',
			date: '2021-11-11',
			page: 2,
			section: '要闻',
			body: record.body,
		});
	});
});

describe('validateRecord', () => {
	it('accepts a good record and ignores extra fields', () => {
		const result = validateRecord({ ...record, extra: 1 });
		expect(result).toEqual({ ok: true, record, warnings: [] });
	});

	it.each([
		['not an object', [1, 2], 'JSON 对象'],
		['no id', { ...record, id: undefined }, 'id'],
		['blank id', { ...record, id: ' ' }, 'id'],
		['no title', { ...record, title: undefined }, 'title is missing'],
		['blank title', { ...record, title: '  ' }, 'title is empty'],
		['title with a line break', { ...record, title: '上\n下' }, 'line break'],
		['no date', { ...record, date: undefined }, 'date is missing'],
		['impossible date', { ...record, date: '2021-02-30' }, 'not a valid date'],
		['date with a time', { ...record, date: '2021-11-11T08:00' }, 'not a valid date'],
		['no page', { ...record, page: undefined }, 'page is missing'],
		['page as text', { ...record, page: '2' }, 'whole number'],
		['page 1.5', { ...record, page: 1.5 }, 'whole number'],
		['page 0', { ...record, page: 0 }, 'pages start at 1'],
		['section as number', { ...record, section: 3 }, 'section'],
		['body with a control character', { ...record, body: 'a\u0000b' }, 'U+0000'],
		['body as array', { ...record, body: ['a'] }, 'body must be text'],
	])('rejects %s', (_name, value, reason) => {
		const result = validateRecord(value);
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.reasons.join('\n')).toContain(reason);
	});

	it('warns, without rejecting, about an empty body or an id that disagrees with date and page', () => {
		const empty = validateRecord({ ...record, body: '' });
		expect(empty.ok && empty.warnings.join()).toContain('body is empty');
		const odd = validateRecord({ ...record, page: 5 });
		expect(odd.ok && odd.warnings.join()).toContain('does not match');
	});
});

describe('replication', () => {
	it('shifts by the span rounded up to whole weeks, keeping weekdays', () => {
		expect(replicationShiftDays('1998-01-01', '1998-01-31')).toBe(35);
		expect(replicationShiftDays('2021-11-11', '2021-11-11')).toBe(7);
		expect(replicationShiftDays('2021-11-01', '2021-11-14')).toBe(14);
		expect(shiftDate('1998-12-31', 1)).toBe('1999-01-01');
		expect(shiftDate('2000-02-28', 1)).toBe('2000-02-29');
		const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
		expect(weekday(shiftDate('1998-01-01', 35 * 3))).toBe(weekday('1998-01-01'));
	});

	it('gives copies new dates and unique ids', () => {
		expect(replicateRecord(record, 0, 35)).toBe(record);
		expect(replicateRecord(record, 2, 7)).toMatchObject({
			id: '20211125-02-003',
			date: '2021-11-25',
		});
		expect(articleFileName(replicateRecord(record, 2, 7))).toBe('articles/2021-11-25/02-003.md');
		expect(replicateRecord({ ...record, id: 'x' }, 1, 7)).toMatchObject({
			id: 'x-r1',
			date: '2021-11-18',
		});
	});
});

describe('IssueCollector', () => {
	it('names a page only when all its articles give the same section', () => {
		const issues = new IssueCollector();
		issues.add('2021-11-11', 3, '文化');
		issues.add('2021-11-11', 1, '要闻');
		issues.add('2021-11-11', 1, '要闻');
		issues.add('2021-11-11', 2, '综合');
		issues.add('2021-11-11', 2, undefined);
		issues.add('2021-11-11', 4, undefined);
		issues.add('2021-11-10', 1, undefined);
		expect(issues.issues()).toEqual([
			{ date: '2021-11-10', pages: [{ number: 1 }] },
			{
				date: '2021-11-11',
				pages: [
					{ number: 1, name: '要闻' },
					{ number: 2 },
					{ number: 3, name: '文化' },
					{ number: 4 },
				],
			},
		]);
	});
});

describe('ArchiveWriter', () => {
	it('never overwrites: a taken name gets -2, -3 and is reported', async () => {
		const out = tempDir();
		const notices: string[] = [];
		const writer = new ArchiveWriter({
			outDir: out,
			concurrency: 2,
			onNotice: (message) => notices.push(message),
		});
		await writer.prepare();
		// A file from before the run.
		const existing = join(out, 'articles/2021-11-11');
		mkdirSync(existing, { recursive: true });
		writeFileSync(join(existing, '02-003.md'), 'old');
		const paths = [];
		for (let i = 0; i < 3; i++) {
			const result = await writer.writeArticle(recordToArticle(record), articleFileName(record));
			expect(result.ok).toBe(true);
			if (result.ok) paths.push(result.path);
		}
		const summary = await writer.finish();
		expect(readFileSync(join(existing, '02-003.md'), 'utf8')).toBe('old');
		expect(readdirSync(existing).sort()).toEqual([
			'02-003-2.md',
			'02-003-3.md',
			'02-003-4.md',
			'02-003.md',
		]);
		expect(summary).toMatchObject({ articles: 3, renamed: 3, issuesWritten: 1, issuesKept: 0 });
		expect(notices).toHaveLength(3);
		expect(notices.join('\n')).toContain('was taken');
		expect(readdirSync(out).sort()).toEqual(['adverts', 'articles', 'issues', 'notices', 'people']);
	});

	it('refuses an article the schema refuses', async () => {
		const writer = new ArchiveWriter({ outDir: tempDir() });
		const result = await writer.writeArticle({ ...base, page: 0 }, 'articles/x/00-x.md');
		expect(result).toEqual({ ok: false, reasons: ['page: 版次从 1 开始 / pages start at 1'] });
	});
});

// ---------------------------------------------------------------------------
// The command
// ---------------------------------------------------------------------------

function runImport(...args: string[]) {
	const result = spawnSync(NODE, [IMPORT, ...args], {
		cwd: ROOT,
		encoding: 'utf8',
		timeout: 60_000,
	});
	return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function markdownFiles(dir: string): string[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.filter((name) => name.endsWith('.md'))
		.map((name) => join(dir, name));
}

describe('npm run import', () => {
	// The corpus is beside the checkout on every machine and in CI: a missing file is a failure, not a skip.
	it('imports sample-200: 200 valid articles and one valid issue per date', () => {
		const out = tempDir();
		const { code, stderr } = runImport('--jsonl', SAMPLE, '--out', out);
		expect(stderr).toBe('');
		expect(code).toBe(0);

		const records = readFileSync(SAMPLE, 'utf8')
			.split('\n')
			.filter((line) => line.trim() !== '')
			.map((line) => JSON.parse(line) as SourceRecord);
		const articles = markdownFiles(join(out, 'articles'));
		expect(articles).toHaveLength(200);

		const pagesByDate = new Map<string, Set<number>>();
		for (const file of articles) {
			const { data, content } = readBack(readFileSync(file, 'utf8'));
			const article = articleSchema.parse(data);
			const id = relative(join(out, 'articles'), file).replace(/\.md$/, '');
			expect(id.startsWith(`${article.date}/${String(article.page).padStart(2, '0')}-`)).toBe(true);
			const pages = pagesByDate.get(article.date) ?? new Set();
			pages.add(article.page);
			pagesByDate.set(article.date, pages);
			// The body shows each source paragraph as written.
			const source = records.find((r) => articleFileName(r) === `articles/${id}.md`);
			expect(source).toBeDefined();
			expect(article.title).toBe(source!.title);
			expect(visibleParagraphs(content)).toEqual(
				source!.body.split('\n\n').filter((p) => p.trim() !== ''),
			);
		}

		const issues = markdownFiles(join(out, 'issues'));
		expect(issues).toHaveLength(new Set(records.map((r) => r.date)).size);
		for (const file of issues) {
			const issue = issueSchema.parse(readBack(readFileSync(file, 'utf8')).data);
			expect(file.endsWith(`${issue.date}.md`)).toBe(true);
			expect(issue.pages.map((page) => page.number)).toEqual(
				[...(pagesByDate.get(issue.date) ?? [])].sort((a, b) => a - b),
			);
		}
		for (const folder of ['people', 'notices', 'adverts']) {
			expect(readdirSync(join(out, folder))).toEqual([]);
		}
	}, 60_000);

	it('reports bad lines with their numbers, writes the good ones, exits 1', () => {
		const dir = tempDir();
		const file = join(dir, 'in.jsonl');
		const good = (id: string, extra: object = {}) => JSON.stringify({ ...record, id, ...extra });
		writeFileSync(
			file,
			[
				good('20211111-02-001', { title: '- 甲: "乙" #丙', section: '综合' }),
				'{not json',
				good('20211111-02-002', { page: 0 }),
				'',
				good('20211111-02-003', { section: '综合' }),
				good('20211112-01-001', { date: '2021-11-12', page: 1 }),
			].join('\n'),
		);
		const out = join(dir, 'out');
		const { code, stdout, stderr } = runImport('--jsonl', file, '--out', out);
		expect(code).toBe(1);
		expect(stderr).toContain('第 2 行 / line 2');
		expect(stderr).toContain('第 3 行 / line 3');
		expect(stderr).toContain('pages start at 1');
		expect(stdout).toContain('articles written:    3');
		expect(
			markdownFiles(join(out, 'articles'))
				.map((f) => relative(out, f))
				.sort(),
		).toEqual([
			'articles/2021-11-11/02-001.md',
			'articles/2021-11-11/02-003.md',
			'articles/2021-11-12/01-001.md',
		]);
		const issue = issueSchema.parse(
			readBack(readFileSync(join(out, 'issues/2021-11-11.md'), 'utf8')).data,
		);
		expect(issue.pages).toEqual([{ number: 2, name: '综合', missing: false }]);
	});

	it('replicates with --replicate and takes the first records with --limit', () => {
		const dir = tempDir();
		const file = join(dir, 'in.jsonl');
		writeFileSync(
			file,
			[
				JSON.stringify(record),
				JSON.stringify({ ...record, id: 'free-form', date: '2021-11-13', page: 1 }),
				JSON.stringify({ ...record, id: '20211114-01-001', date: '2021-11-14', page: 1 }),
			].join('\n'),
		);
		const out = join(dir, 'out');
		const { code, stdout } = runImport(
			'--jsonl',
			file,
			'--out',
			out,
			'--limit',
			'2',
			'--replicate',
			'3',
		);
		expect(code).toBe(0);
		expect(stdout).toContain('7 天 / days');
		expect(
			markdownFiles(join(out, 'articles'))
				.map((f) => relative(out, f))
				.sort(),
		).toEqual([
			'articles/2021-11-11/02-003.md',
			'articles/2021-11-13/01-free-form.md',
			'articles/2021-11-18/02-003.md',
			'articles/2021-11-20/01-free-form-r1.md',
			'articles/2021-11-25/02-003.md',
			'articles/2021-11-27/01-free-form-r2.md',
		]);
		expect(readdirSync(join(out, 'issues'))).toHaveLength(6);
	});

	it('refuses a non-empty output folder, odd arguments and an unreadable page file with exit 2', () => {
		const dir = tempDir();
		const file = join(dir, 'in.jsonl');
		writeFileSync(file, JSON.stringify(record));
		const out = join(dir, 'out');
		expect(runImport('--jsonl', file, '--out', out).code).toBe(0);
		const again = runImport('--jsonl', file, '--out', out);
		expect(again.code).toBe(2);
		expect(again.stderr).toContain('not empty');
		expect(runImport('--jsonl', file).code).toBe(2);
		expect(runImport('--jsonl', file, '--out', join(dir, 'o2'), '--replicate', '0').code).toBe(2);
		expect(runImport('--jsonl', file, '--out', join(dir, 'o3'), '--bogus').code).toBe(2);
		expect(runImport('--jsonl', join(dir, 'missing.jsonl'), '--out', join(dir, 'o4')).code).toBe(2);
		const text = runImport(join(dir, 'missing-page.txt'), '--date', '2021-11-11', '--page', '2');
		expect(text.code).toBe(2);
		expect(text.stderr).toContain('cannot read');
		const help = runImport('--help');
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('--replicate');
		expect(help.stdout).toContain('用法 / Usage');
	});
});
