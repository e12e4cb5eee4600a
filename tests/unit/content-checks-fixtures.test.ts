import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, sep } from 'node:path';
import { describe, expect, test } from 'vitest';
import {
	checkContent,
	formatProblem,
	PROBLEM_CODES,
	type ContentProblem,
	type ProblemCode,
} from '../../src/content-checks/index.ts';
import { PROJECT_ROOT } from '../helpers/build-site.ts';

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
	{ file: 'articles/2021-11-11/02-bad-yaml.md', line: 4, field: '', code: 'yaml-syntax' },
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
			.filter((name) => /\.mdx?$/.test(name) && name.includes('/'));
		// Entry files only: published-urls.txt has an expected problem of its own above.
		const expectedFiles = new Set(
			EXPECTED.map((expected) => expected.file).filter((file) => /\.mdx?$/.test(file)),
		);
		expect(files.sort()).toEqual([...new Set([...expectedFiles, ...VALID])].sort());
		for (const file of VALID) expect(problemsOf(file).map(formatProblem)).toEqual([]);
		const exercised = new Set(EXPECTED.map((expected) => expected.code));
		// input-limit belongs to the trust checks (limits.ts) and has fixtures of its own there.
		const untested = Object.keys(PROBLEM_CODES).filter(
			(code) => code !== 'input-limit' && !exercised.has(code as ProblemCode),
		);
		expect(untested).toEqual([]);
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
