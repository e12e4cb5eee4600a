import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { paper } from '../../src/config/paper.ts';
import { collectionFields, type FieldInfo } from '../../src/content-checks/schema-fields.ts';
import { calendarDateIn } from '../../src/domain/dates.ts';
import type { CollectionName } from '../../src/schemas/index.ts';
import { PROJECT_ROOT, TMP_ROOT } from '../../support/paths.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';

/**
 * `npm run new` through the real command, in copies of content/: the file it names,
 * the fields it lists (every schema field, filled or commented), the dates and positions
 * it fills, what it refuses, and that a file filled from the command line passes
 * `npm run check` while one with required fields left empty is refused.
 */

const NODE = join(PROJECT_ROOT, 'node_modules/.bin/node');
const NEW = join(PROJECT_ROOT, 'scripts/new.ts');
const CHECK = join(PROJECT_ROOT, 'scripts/check.ts');

const scratch = mkdtempSync(join(TMP_ROOT, 'new-command-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

let copies = 0;
function contentCopy(): string {
	const dir = join(scratch, `content-${++copies}`);
	cpSync(DEFAULT_CONTENT_DIR, dir, { recursive: true });
	return dir;
}

function run(script: string, root: string, ...args: string[]) {
	const result = spawnSync(NODE, [script, ...args], {
		cwd: PROJECT_ROOT,
		env: { ...process.env, ARCHIVE_CONTENT: root },
		encoding: 'utf8',
	});
	return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

/** The front matter with every commented field line turned back into YAML. */
function uncommented(source: string): Record<string, unknown> {
	const frontMatter = /^---\n([\s\S]*?)\n---/.exec(source)![1]!;
	return parse(frontMatter.replace(/^(\s*)# ((?:- )?[A-Za-z]+:)/gm, '$1$2')) as Record<
		string,
		unknown
	>;
}

function has(data: unknown, keys: readonly string[]): boolean {
	let value = data;
	for (const key of keys) {
		if (Array.isArray(value)) value = value[0];
		if (value === null || typeof value !== 'object' || !(key in value)) return false;
		value = (value as Record<string, unknown>)[key];
	}
	return true;
}

function chinaToday(): string[] {
	// Around midnight the command and the test may see different days; either is right.
	const now = Date.now();
	return [
		calendarDateIn(new Date(now - 60_000), paper.timeZone),
		calendarDateIn(new Date(now + 60_000), paper.timeZone),
	];
}

const KINDS: [string, CollectionName, string[]][] = [
	['article', 'articles', ['--page', '2', 'title=测试标题']],
	['person', 'people', ['--id', 'li-si', 'name=李四']],
	['notice', 'notices', ['--page', '2', 'title=测试公告']],
	['advert', 'adverts', ['--page', '2', 'title=测试广告']],
];

// The tests run the real command in a child process: seconds each when the 2 cores are busy.
describe('npm run new', { timeout: 60_000 }, () => {
	test.each(KINDS)(
		'%s: every schema field is filled in or listed as a comment',
		(kind, collection, args) => {
			const root = contentCopy();
			const { code, out } = run(NEW, root, kind, ...args);
			expect(code, out).toBe(0);
			const created = /created (\S+\.md)/.exec(out)![1]!;
			const data = uncommented(readFileSync(join(PROJECT_ROOT, created), 'utf8'));
			const missing = collectionFields(collection).filter(
				(field: FieldInfo) => !has(data, field.keys),
			);
			expect(missing.map((field) => field.path)).toEqual([]);
			// Each listed field carries its meaning from the guide.
			const source = readFileSync(join(PROJECT_ROOT, created), 'utf8');
			expect(source).toMatch(
				collection === 'people'
					? /name: "李四" {2}# 必填 \/ required: 姓名/
					: /date: \d{4}-\d{2}-\d{2} {2}# 必填 \/ required: 所在这一期的日期/,
			);
		},
	);

	test('an article gets today’s date in China time, the next free position and a matching file name', () => {
		const root = contentCopy();
		const { code, out } = run(NEW, root, 'article', '--page', '3', 'title=今天的文章');
		expect(code, out).toBe(0);
		const created = /created (\S+\.md)/.exec(out)![1]!;
		const today = chinaToday().find((day) => created.includes(`/articles/${day}/03-001.md`));
		expect(today, created).toBeDefined();
		const data: unknown = parse(
			/^---\n([\s\S]*?)\n---/.exec(readFileSync(join(PROJECT_ROOT, created), 'utf8'))![1]!,
		);
		expect(data).toMatchObject({ title: '今天的文章', date: today, page: 3, order: 1 });
		// The day had no issue file: one is made, listing the page.
		expect(out).toContain(`issues/${today}.md`);
		expect(existsSync(join(root, 'issues', `${today}.md`))).toBe(true);
	});

	test('on a page that has items, it takes the next order and number after them', () => {
		const root = contentCopy();
		const { code, out } = run(
			NEW,
			root,
			'advert',
			'--date',
			'2021-11-11',
			'--page',
			'2',
			'title=新广告',
		);
		expect(code, out).toBe(0);
		// The seed page holds six items in print order.
		expect(out).toContain(`${relative(PROJECT_ROOT, join(root, 'adverts/2021-11-11/02-007.md'))}`);
		const source = readFileSync(join(root, 'adverts/2021-11-11/02-007.md'), 'utf8');
		expect(source).toContain('order: 7');
		const second = run(
			NEW,
			root,
			'article',
			'--date',
			'2021-11-11',
			'--page',
			'2',
			'--slug',
			'xin-wen',
			'title=新文章',
		);
		expect(second.code, second.out).toBe(0);
		expect(readFileSync(join(root, 'articles/2021-11-11/02-xin-wen.md'), 'utf8')).toContain(
			'order: 8',
		);
	});

	test('a file filled in from the command line passes npm run check; empty required fields do not', () => {
		const root = contentCopy();
		expect(
			run(
				NEW,
				root,
				'article',
				'--date',
				'2021-11-11',
				'--page',
				'2',
				'title=完整的文章',
				'people=zhu-haiyi,qin-hua',
			).code,
		).toBe(0);
		const filled = run(CHECK, root);
		expect(filled.out).toContain('没有发现问题');
		expect(filled.code).toBe(0);

		expect(
			run(NEW, root, 'notice', '--date', '2021-11-11', '--page', '2', '--slug', 'kong').code,
		).toBe(0);
		const empty = run(CHECK, root, '--json');
		expect(empty.code).toBe(1);
		const problems = (JSON.parse(empty.out) as { problems: { file: string; field: string }[] })
			.problems;
		expect(
			problems.every((problem) => problem.file.endsWith('notices/2021-11-11/02-kong.md')),
		).toBe(true);
		expect(problems.map((problem) => problem.field).sort()).toEqual(
			[
				'auction.time',
				'auction.venue',
				'issuer',
				'lots.0.description',
				'registrationDeadline',
				'title',
			].sort(),
		);
	});

	test('times are written with the paper’s offset, quoted', () => {
		const root = contentCopy();
		const { code, out } = run(
			NEW,
			root,
			'notice',
			'--date',
			'2021-11-11',
			'--page',
			'2',
			'auction.time=2021-11-25 10:00',
		);
		expect(code, out).toBe(0);
		const created = /created (\S+\.md)/.exec(out)![1]!;
		expect(readFileSync(join(PROJECT_ROOT, created), 'utf8')).toContain(
			'time: "2021-11-25T10:00+08:00"',
		);
	});

	test('it never overwrites a file', () => {
		const root = contentCopy();
		const before = readFileSync(join(root, 'people/zhu-haiyi.md'), 'utf8');
		const person = run(NEW, root, 'person', '--id', 'zhu-haiyi', 'name=朱海义');
		expect(person.code).toBe(2);
		expect(person.out).toContain('--id zhu-haiyi-2');
		expect(readFileSync(join(root, 'people/zhu-haiyi.md'), 'utf8')).toBe(before);

		const slug = run(
			NEW,
			root,
			'article',
			'--date',
			'2021-11-11',
			'--page',
			'2',
			'--slug',
			'tashiliuyin',
		);
		expect(slug.code).toBe(2);
		expect(slug.out).toContain('已存在');
		const issue = run(NEW, root, 'issue', '--date', '2021-11-11');
		expect(issue.code).toBe(2);
	});

	test('it explains wrong usage instead of guessing', () => {
		const root = contentCopy();
		const typo = run(NEW, root, 'article', 'titel=标题');
		expect(typo.code).toBe(2);
		expect(typo.out).toContain('title');
		expect(run(NEW, root, 'person', 'name=无名').code).toBe(2);
		expect(run(NEW, root, 'story').code).toBe(2);
		expect(run(NEW, root, 'article', '--page', '二').code).toBe(2);
		const help = run(NEW, root, '--help');
		expect(help.code).toBe(0);
		expect(help.out).toContain('article|person|notice|advert');
	});
});
