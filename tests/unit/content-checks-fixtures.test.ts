import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
	checkContent,
	formatProblem,
	PROBLEM_CODES,
	type ContentProblem,
	type ProblemCode,
} from '../../src/content-checks/index.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';

/**
 * `tests/fixtures/broken-content/` holds one file per mistake an editor can make. Each
 * must be reported with its file, line and field, in Chinese with English beside, with
 * a fix; the valid base files must not be; and `npm run check` must exit non-zero on
 * the folder and zero on the real `content/`.
 */

const FIXTURES = 'tests/fixtures/broken-content';
const NODE = join(PROJECT_ROOT, 'node_modules/.bin/node');
const CHECK = join(PROJECT_ROOT, 'scripts/check.ts');
const HAN = /[\u4e00-\u9fff]/u;

interface Expected {
	/** Below the fixtures folder. */
	file: string;
	line: number | undefined;
	field: string;
	code: ProblemCode;
	/** Text the message or fix must contain. */
	mentions?: string[];
}

const EXPECTED: Expected[] = [
	// Page files and regions (the printed page): media/ holds the files the issues name.
	{
		file: 'issues/2021-11-21.md',
		line: 5,
		field: 'pages.0.image',
		code: 'missing-media',
		mentions: ['media/2021-11-21/01.png'],
	},
	{
		file: 'issues/2021-11-22.md',
		line: 5,
		field: 'pages.0.image',
		code: 'media-type-mismatch',
		mentions: ['PNG', 'JPEG'],
	},
	{
		file: 'issues/2021-11-23.md',
		line: 5,
		field: 'pages.0.pdf',
		code: 'pdf-active-content',
		mentions: ['/JavaScript'],
	},
	{
		file: 'articles/2021-11-20/01-region-outside.md',
		line: 7,
		field: 'regions.1',
		code: 'region-outside-page',
		mentions: ['x: 0.6', 'x + w'],
	},
	{
		file: 'articles/2021-11-20/01-region-empty.md',
		line: 6,
		field: 'regions.0',
		code: 'region-empty',
	},
	{
		file: 'articles/2021-11-11/02-regions-no-image.md',
		line: 5,
		field: 'regions',
		code: 'region-without-image',
		mentions: ['image: media/2021-11-11/02.png'],
	},
	{
		file: 'adverts/2021-11-11/02-sponser-typo.md',
		line: 4,
		field: 'sponser',
		code: 'unknown-field',
		mentions: ['sponsor'],
	},
	{
		file: 'articles/2021-11-11/02-typo-field.md',
		line: 2,
		field: 'tittle',
		code: 'unknown-field',
		mentions: ['title'],
	},
	{
		file: 'articles/2021-11-11/02-missing-title.md',
		line: 1,
		field: 'title',
		code: 'missing-field',
	},
	{
		file: 'articles/2021-11-11/02-reference-and-schema.md',
		line: 5,
		field: 'order',
		code: 'invalid-value',
	},
	// The reference is checked even though the same file has a schema error.
	{
		file: 'articles/2021-11-11/02-reference-and-schema.md',
		line: 6,
		field: 'people.0',
		code: 'missing-person',
		mentions: ['li-si', `${FIXTURES}/people/`],
	},
	{
		file: 'articles/2021-11-11/02-unknown-person.md',
		line: 7,
		field: 'people.1',
		code: 'missing-person',
		mentions: ['zhu-haiyl'],
	},
	{
		file: 'articles/2021-11-11/02-unknown-story.md',
		line: 7,
		field: 'continuedOn.article',
		code: 'missing-article',
		mentions: ['2021-11-11/03-nowhere'],
	},
	{
		file: 'articles/2021-11-11/02-wrong-continuation-page.md',
		line: 6,
		field: 'continuedFrom.page',
		code: 'continuation-mismatch',
	},
	{
		file: 'articles/2021-11-11/02-same-story.md',
		line: 2,
		field: 'title',
		code: 'duplicate-story',
		mentions: [`${FIXTURES}/articles/2021-11-11/02-ok.md`],
	},
	{
		file: 'issues/2021-11-12.md',
		line: 2,
		field: 'date',
		code: 'duplicate-address',
		mentions: ['/issues/2021-11-11/'],
	},
	{
		file: 'articles/2021-11-13/02-no-issue.md',
		line: 3,
		field: 'date',
		code: 'missing-issue',
		mentions: ['2021-11-13.md'],
	},
	{
		file: 'issues/2021-11-15.md',
		line: 2,
		field: 'date',
		code: 'issue-file-name',
		mentions: ['2021-11-16.md'],
	},
	{
		file: 'articles/2021-11-11/02-time-in-date.md',
		line: 3,
		field: 'date',
		code: 'time-without-zone',
		mentions: ['2021-11-11 09:00'],
	},
	{
		file: 'notices/2021-11-11/02-deadline-no-zone.md',
		line: 12,
		field: 'registrationDeadline',
		code: 'time-without-zone',
		mentions: ['"2021-11-24T16:00+08:00"'],
	},
	{
		file: 'notices/2021-11-11/02-deadline-after-auction.md',
		line: 12,
		field: 'registrationDeadline',
		code: 'notice-dates',
	},
	{
		file: 'notices/2021-11-11/02-signed-after-printed.md',
		line: 13,
		field: 'signedDate',
		code: 'notice-dates',
	},
	{
		file: 'notices/2021-11-11/02-viewing-after-auction.md',
		line: 10,
		field: 'viewing.until',
		code: 'notice-dates',
	},
	{
		file: 'articles/2021-11-11/03-page-not-listed.md',
		line: 4,
		field: 'page',
		code: 'page-not-in-issue',
	},
	{
		file: 'articles/2021-11-11/01-on-missing-page.md',
		line: 4,
		field: 'page',
		code: 'page-marked-missing',
	},
	{
		file: 'articles/2021-11-11/02-script.md',
		line: 9,
		field: 'body',
		code: 'unsafe-html',
		mentions: ['<script>'],
	},
	{
		file: 'articles/2021-11-11/02-onerror.md',
		line: 9,
		field: 'body',
		code: 'unsafe-html',
		mentions: ['onerror'],
	},
	{
		file: 'articles/2021-11-11/02-javascript-link.md',
		line: 7,
		field: 'body',
		code: 'unsafe-html',
		mentions: ['javascript:'],
	},
	{
		file: 'articles/2021-11-11/02-component.mdx',
		line: undefined,
		field: '',
		code: 'mdx-not-allowed',
		mentions: [`${FIXTURES}/articles/interactive/`],
	},
	{ file: 'articles/2021-11-11/02-gbk.md', line: 2, field: '', code: 'not-utf8' },
	{
		file: 'articles/2021-11-11/02-zero-width.md',
		line: 2,
		field: 'title',
		code: 'invisible-character',
		mentions: ['U+200B'],
	},
	{
		file: 'articles/2021-11-11/02-control-character.md',
		line: 7,
		field: 'body',
		code: 'control-character',
		mentions: ['U+0008'],
	},
	{
		file: 'articles/2021-11-11/02-fullwidth-digits.md',
		line: 7,
		field: 'body',
		code: 'fullwidth-digits',
		mentions: ['680.29'],
	},
	{
		file: 'notices/2021-11-11/02-fullwidth-phone.md',
		line: 14,
		field: 'contacts.0.phones.0',
		code: 'fullwidth-digits',
		mentions: ['0915-3216489'],
	},
	{
		file: 'articles/2021-11-11/02-redirect-to-live.md',
		line: 5,
		field: 'redirectFrom.0',
		code: 'redirect-conflict',
		mentions: ['/articles/2021-11-11/02-ok/', `${FIXTURES}/articles/2021-11-11/02-ok.md`],
	},
	{
		file: 'published-urls.txt',
		line: 2,
		field: '',
		code: 'lost-address',
		mentions: ["redirectFrom: ['/articles/2021-11-11/02-renamed-away/']"],
	},
	// A line indented more than its neighbours: said as such, at that line.
	{ file: 'articles/2021-11-11/02-bad-yaml.md', line: 4, field: '', code: 'bad-indent' },
	{
		file: 'articles/2021-11-11/02-colon-in-value.md',
		line: 2,
		field: 'title',
		code: 'yaml-syntax',
		mentions: ['title: "示例: 标题里有冒号"'],
	},
	// Issue 15: dates are read as written; an impossible one is refused, not rolled over.
	{
		file: 'notices/2021-11-11/02-impossible-date.md',
		line: 10,
		field: 'viewing.until',
		code: 'invalid-value',
		mentions: ['“2021-11-31” 不是日历上有的日子：2021年11月只有 1 到 30 日'],
	},
	{
		file: 'notices/2021-11-11/02-impossible-date.md',
		line: 16,
		field: 'signedDate',
		code: 'invalid-value',
		mentions: ['“2021-11-00” 不是日历上有的日子'],
	},
	{
		file: 'articles/2021-11-11/02-wrong-date.md',
		line: 3,
		field: 'date',
		code: 'date-folder-mismatch',
		mentions: ['2021-11-11/ 文件夹', 'articles/2021-11-12/02-wrong-date.md'],
	},
	{
		file: 'articles/2021-11-11/03-page-prefix.md',
		line: 4,
		field: 'page',
		code: 'page-prefix-mismatch',
		mentions: ['02-page-prefix.md', '03-'],
	},
	// Every file under the content folder is accounted for.
	{
		file: 'stray-at-root.md',
		line: undefined,
		field: '',
		code: 'misplaced-file',
		mentions: ['articles/日期/'],
	},
	{
		file: 'articles/2021-11-11/02-saved-as.txt',
		line: undefined,
		field: '',
		code: 'misplaced-file',
		mentions: [`${FIXTURES}/articles/2021-11-11/02-saved-as.md`],
	},
	{
		file: 'artciles/2021-11-11/02-misspelt-folder.md',
		line: undefined,
		field: '',
		code: 'misplaced-file',
		mentions: ['是不是想写 articles/', `${FIXTURES}/articles/2021-11-11/02-misspelt-folder.md`],
	},
	// Text typed in Word or WPS.
	{
		file: 'articles/2021-11-11/02-curly-quotes.md',
		line: 2,
		field: 'title',
		code: 'curly-quotes',
		mentions: ['title: "示例: 弯引号"'],
	},
	{
		file: 'articles/2021-11-11/02-fullwidth-colon.md',
		line: 2,
		field: 'title',
		code: 'fullwidth-colon',
		mentions: ['title: 示例：全角冒号'],
	},
	{
		file: 'articles/2021-11-11/02-nbsp.md',
		line: 3,
		field: 'date',
		code: 'odd-space',
		mentions: ['U+00A0'],
	},
	{
		file: 'articles/2021-11-11/02-list-separator.md',
		line: 5,
		field: 'places',
		code: 'list-separator',
		mentions: ['places: [旬阳, 小河镇]'],
	},
	{
		file: 'articles/2021-11-11/02-list-separator.md',
		line: 6,
		field: 'tags',
		code: 'list-separator',
		mentions: ['tags: [道德模范, 义诊]'],
	},
	{
		file: 'articles/2021-11-11/02-duplicate-field.md',
		line: 4,
		field: 'title',
		code: 'duplicate-field',
		mentions: ['第 2 行已经有了'],
	},
	{ file: 'articles/2021-11-11/02-tab-indent.md', line: 6, field: '', code: 'tab-indent' },
	{
		file: 'articles/2021-11-11/02-unclosed.md',
		line: 5,
		field: '',
		code: 'unclosed-front-matter',
		mentions: ['在第 5 行前加一行 ---'],
	},
	// The same with a --- rule further down: YAML fails inside the text, said as the missing line.
	{
		file: 'articles/2021-11-11/02-unclosed-with-rule.md',
		line: 5,
		field: '',
		code: 'unclosed-front-matter',
	},
	// One cause, one message: the broken issue file, and its item pointing at it.
	{
		file: 'issues/2021-11-14.md',
		line: 5,
		field: '',
		code: 'unclosed-front-matter',
	},
	{
		file: 'articles/2021-11-14/02-issue-broken.md',
		line: 3,
		field: 'date',
		code: 'issue-file-broken',
		mentions: [`${FIXTURES}/issues/2021-11-14.md 有错误`],
	},
	{
		file: 'articles/2021-11-11/02-order-second.md',
		line: 5,
		field: 'order',
		code: 'duplicate-order',
		mentions: [`${FIXTURES}/articles/2021-11-11/02-order-first.md`],
	},
	// Each kind of notice has its own fields: a tender's bid opening is not an auction.
	{
		file: 'notices/2021-11-11/02-tender-as-auction.md',
		line: 7,
		field: 'auction',
		code: 'invalid-value',
		mentions: ['bidOpening', '招标公告不写 auction'],
	},
	{
		file: 'notices/2021-11-11/02-tender-documents-after-opening.md',
		line: 8,
		field: 'tenderDocuments.until',
		code: 'notice-dates',
		mentions: ['晚于开标日'],
	},
	{
		file: 'articles/2021-11-11/02-leftover-marker.md',
		line: 8,
		field: 'body',
		code: 'continuation-marker',
		mentions: ['（上接一版）', 'continuedFrom'],
	},
	{
		file: 'articles/2021-11-11/02-no-front-matter.md',
		line: 1,
		field: '',
		code: 'no-front-matter',
	},
	{
		file: 'people/bad-level.md',
		line: 6,
		field: 'honours.0.level',
		code: 'invalid-value',
		mentions: ['县级'],
	},
];

/** Files of the fixture folder that have no mistake: the base the others refer to. */
const VALID = [
	'issues/2021-11-11.md',
	'people/zhu-haiyi.md',
	'articles/2021-11-11/02-ok.md',
	'notices/2021-11-11/02-ok.md',
	'articles/2021-11-11/02-order-first.md',
	'notices/2021-11-11/02-tender-ok.md',
	'issues/2021-11-20.md',
	// The page files those issues name; what is wrong with one is reported at its issue file.
	'media/2021-11-20/01.pdf',
	'media/2021-11-20/01.png',
	'media/2021-11-22/01.png',
	'media/2021-11-23/01.pdf',
];

const shown = (file: string) => `${FIXTURES}/${file}`;
const all = await checkContent(join(PROJECT_ROOT, FIXTURES), PROJECT_ROOT);

function problemsOf(file: string): ContentProblem[] {
	return all.filter((problem) => problem.file.split(sep).join('/') === shown(file));
}

describe('npm run check on one file per mistake', () => {
	test.each(EXPECTED)('$file: $code at line $line, field “$field”', (expected) => {
		const found = problemsOf(expected.file);
		const match = found.find(
			(problem) => problem.code === expected.code && problem.field === expected.field,
		);
		expect(match, `got: ${found.map(formatProblem).join('\n') || 'nothing'}`).toBeDefined();
		expect(match!.line).toBe(expected.line);
		// What is wrong and how to fix it, each in Chinese with English beside.
		for (const text of [match!.message, match!.fix ?? '']) {
			expect(text).toMatch(HAN);
			expect(text).toMatch(/\/ .*[a-z]{3}/);
		}
		const said = `${match!.message} ${match!.fix}`;
		for (const mention of expected.mentions ?? []) expect(said).toContain(mention);
	});

	test('every fixture file is either valid base or an expected mistake, and every code is exercised', () => {
		const files = readdirSync(join(PROJECT_ROOT, FIXTURES), { recursive: true, encoding: 'utf8' })
			.map((name) => name.split(sep).join('/'))
			.filter(
				(name) => name !== 'README.md' && statSync(join(PROJECT_ROOT, FIXTURES, name)).isFile(),
			);
		const expectedFiles = new Set(EXPECTED.map((expected) => expected.file));
		expect(files.sort()).toEqual([...new Set([...expectedFiles, ...VALID])].sort());
		for (const file of VALID) expect(problemsOf(file).map(formatProblem)).toEqual([]);
		const exercised = new Set(EXPECTED.map((expected) => expected.code));
		// input-limit belongs to the trust checks (limits.ts) and has fixtures of its own there.
		const untested = Object.keys(PROBLEM_CODES).filter(
			(code) => code !== 'input-limit' && !exercised.has(code as ProblemCode),
		);
		expect(untested).toEqual([]);
	});

	test('a broken issue file is reported once, first; its items only point to it', () => {
		const issue = all.findIndex((problem) => problem.file === shown('issues/2021-11-14.md'));
		const item = problemsOf('articles/2021-11-14/02-issue-broken.md');
		// Issue files come before every other file: the cause is read before what it causes.
		expect(issue).toBeGreaterThanOrEqual(0);
		expect(all.slice(0, issue).every((problem) => problem.file.startsWith(shown('issues/')))).toBe(
			true,
		);
		expect(all.indexOf(item[0]!)).toBeGreaterThan(issue);
		expect(item.map((problem) => problem.code)).toEqual(['issue-file-broken']);
		expect(all.filter((problem) => problem.code === 'missing-issue').map((p) => p.file)).toEqual([
			shown('articles/2021-11-13/02-no-issue.md'),
		]);
	});

	test('a date in the wrong folder is one problem, not also a missing issue', () => {
		expect(problemsOf('articles/2021-11-11/02-wrong-date.md').map((p) => p.code)).toEqual([
			'date-folder-mismatch',
		]);
	});

	test('Word punctuation is said once, in its own words, not also as a YAML error', () => {
		for (const file of [
			'articles/2021-11-11/02-curly-quotes.md',
			'articles/2021-11-11/02-fullwidth-colon.md',
			'articles/2021-11-11/02-nbsp.md',
		]) {
			expect(problemsOf(file)).toHaveLength(1);
		}
	});

	test('no problem is reported without a file, a message in both languages and a code', () => {
		for (const problem of all) {
			expect(problem.file.startsWith(FIXTURES)).toBe(true);
			expect(problem.message).toMatch(HAN);
			expect(problem.code).toBeDefined();
		}
	});
});

function runCheck(env: Record<string, string>, ...args: string[]) {
	const result = spawnSync(NODE, [CHECK, ...args], {
		cwd: PROJECT_ROOT,
		env: { ...process.env, ...env },
		encoding: 'utf8',
	});
	return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

// The tests run the real command in a child process: seconds each when the 2 cores are busy.
describe('the npm run check command', { timeout: 60_000 }, () => {
	test('exits 1 on the broken folder, printing every mistake with file, line and field', () => {
		const { code, out } = runCheck({ ARCHIVE_CONTENT: FIXTURES });
		expect(code).toBe(1);
		for (const expected of EXPECTED) {
			const block = out.split('\n\n').find((text) => text.startsWith(shown(expected.file)));
			expect(block, `${expected.file} in:\n${out}`).toBeDefined();
			if (expected.line !== undefined) expect(block).toContain(`第 ${expected.line} 行`);
			if (expected.field) expect(block).toContain(`字段 / field: ${expected.field}`);
			expect(block).toContain(`(${expected.code})`);
		}
		expect(out).toContain(`${all.length} problem(s)`);
		// Every file counted: the stray ones too (README.md is the fixtures' own note).
		const files = readdirSync(join(PROJECT_ROOT, FIXTURES), {
			recursive: true,
			encoding: 'utf8',
		}).filter((name) => statSync(join(PROJECT_ROOT, FIXTURES, name)).isFile()).length;
		const entries = EXPECTED.concat(VALID.map((file) => ({ file }) as Expected))
			.map((expected) => expected.file)
			.filter((file, index, list) => list.indexOf(file) === index)
			.filter((file) => /^(articles|people|notices|adverts|issues)\/.+\.mdx?$/.test(file)).length;
		expect(out).toContain(`${files} files seen, ${entries} entries read`);
	});

	test('checks the folder given as an argument the same way', () => {
		const { code, out } = runCheck({}, FIXTURES, '--json');
		expect(code).toBe(1);
		const report = JSON.parse(out) as { problems: ContentProblem[] };
		expect(report.problems).toEqual(JSON.parse(JSON.stringify(all)));
	});

	test('exits 0 on the real content', () => {
		const env = { ARCHIVE_CONTENT: '' };
		const { code, out } = runCheck(env);
		expect(out).toContain('没有发现问题');
		expect(code).toBe(0);
	});

	test('exits 2 on a folder that does not exist, and explains itself with --help', () => {
		expect(runCheck({ ARCHIVE_CONTENT: 'tests/fixtures/no-such-folder' }).code).toBe(2);
		const help = runCheck({}, '--help');
		expect(help.code).toBe(0);
		expect(help.out).toContain('ARCHIVE_CONTENT');
		expect(help.out).toMatch(HAN);
	});
});
