import { createMarkdownProcessor } from '@astrojs/markdown-remark';
import { readFileSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkInputLimits, INPUT_LIMITS } from '../../src/content-checks/limits.ts';
import { checkContent } from '../../src/content-checks/index.ts';
import { markdownPipeline } from '../../src/plugins/markdown-options.ts';
import { buildSiteExpectingFailure, scratchDir } from '../../support/build-site.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';
import { DEFAULT_CONTENT_DIR, contentFiles } from '../helpers/content.ts';
import { CORPUS_FILE } from '../../support/paths.ts';

/**
 * Input that would make the Markdown pipeline slow or crash (docs/stack-facts.md: a list nested 500
 * deep takes 11 s, 750 deep overflows the stack) is refused before it is parsed, with the
 * file, the line and what to do, in milliseconds. Real articles are far below every limit.
 */

/** Front matter of a valid article, numbered so that no two files look like one story filed twice. */
const front = (number = 0) =>
	[
		'---',
		`title: 测试稿件${number}`,
		'date: 2021-11-11',
		'page: 2',
		`order: ${number + 10}`,
		'---',
		'',
	].join('\n');
const FRONT = front();

const PATHOLOGICAL: Record<string, { body: string; says: string }> = {
	'a file over 1 MB': { body: '这是一段正常的文字。\n\n'.repeat(40_000), says: '文件过大' },
	'a line of 200,000 characters': { body: '长'.repeat(200_000), says: '这一行过长' },
	'a list nested 500 deep': {
		body: Array.from({ length: 500 }, (_, depth) => `${'  '.repeat(depth)}- 项`).join('\n'),
		says: '列表或引用嵌套过深',
	},
	'a list nested 750 deep on one line': {
		body: `${'- '.repeat(750)}项`,
		says: '列表或引用嵌套过深',
	},
	'block quotes nested 2,000 deep': {
		body: `${'>'.repeat(2_000)} 引文`,
		says: '列表或引用嵌套过深',
	},
	'HTML nested 5,000 deep': {
		body: `${'<div>\n'.repeat(5_000)}字\n${'</div>\n'.repeat(5_000)}`,
		says: 'HTML 标签嵌套过深',
	},
	'emphasis nested 1,600 deep': {
		body: `${'*强 '.repeat(1_600)}调${' 强*'.repeat(1_600)}`,
		says: '强调符号或方括号过多',
	},
	'links nested 1,500 deep': {
		body: `${'['.repeat(1_500)}字${'](/)'.repeat(1_500)}`,
		says: '强调符号或方括号过多',
	},
};

function timed<T>(work: () => T): { value: T; ms: number } {
	const started = performance.now();
	const value = work();
	return { value, ms: performance.now() - started };
}

describe('checkInputLimits', () => {
	test.each(Object.entries(PATHOLOGICAL))(
		'refuses %s in well under a second, saying where and why',
		(_name, { body, says }) => {
			const { value: problems, ms } = timed(() => checkInputLimits('x.md', FRONT + body));
			expect(ms).toBeLessThan(250);
			expect(problems.map((problem) => problem.message).join('\n')).toContain(says);
			for (const problem of problems) {
				expect(problem.file).toBe('x.md');
				expect(problem.code).toBe('input-limit');
				expect(problem.fix).toMatch(/[\u4e00-\u9fff]/);
			}
			if (!says.startsWith('文件过大')) expect(problems[0]!.line).toBeGreaterThan(6);
		},
	);

	test('accepts every file in content/', () => {
		for (const collection of ['articles', 'people', 'notices', 'adverts', 'issues']) {
			for (const file of contentFiles(collection)) {
				const path = join(DEFAULT_CONTENT_DIR, collection, file.path);
				expect(checkInputLimits(path, readFileSync(path, 'utf8'))).toEqual([]);
			}
		}
	});

	test('accepts every article of the real corpus, written as Markdown', () => {
		const lines = readFileSync(CORPUS_FILE, 'utf8').split('\n').filter(Boolean);
		expect(lines.length).toBeGreaterThan(3_000);
		const refused = lines.filter((line) => {
			const article = JSON.parse(line) as { id: string; title: string; body: string };
			const source = `---\ntitle: ${JSON.stringify(article.title)}\n---\n\n${article.body}\n`;
			return checkInputLimits(article.id, source).length > 0;
		});
		expect(refused).toEqual([]);
	});

	test('lets through only what the real pipeline renders in well under a second', async () => {
		const processor = await createMarkdownProcessor({
			smartypants: false,
			syntaxHighlight: false,
			...markdownPipeline,
		});
		const limit = INPUT_LIMITS;
		const atTheLimit = [
			Array.from({ length: limit.maxBlockNesting }, (_, depth) => `${'  '.repeat(depth)}- 项`).join(
				'\n',
			),
			`${'>'.repeat(limit.maxBlockNesting)} 引文`,
			`${'<span>'.repeat(limit.maxHtmlNesting)}字${'</span>'.repeat(limit.maxHtmlNesting)}`,
			`${'*强 '.repeat(limit.maxInlineMarksPerLine / 2)}调${' 强*'.repeat(limit.maxInlineMarksPerLine / 2)}`,
			'长'.repeat(limit.maxLineLength),
		];
		for (const body of atTheLimit) {
			expect(checkInputLimits('x.md', FRONT + body)).toEqual([]);
			const started = performance.now();
			await processor.render(body);
			expect(performance.now() - started).toBeLessThan(1_000);
		}
	});
});

describe('a real build', () => {
	let runDir: string;

	beforeAll(async () => {
		runDir = await scratchDir('trust-input-limits');
	});

	afterAll(async () => {
		if (runDir) await rm(runDir, { recursive: true, force: true });
	});

	test('refuses every oversized or overnested file at once, fast, without a crash', async () => {
		const contentDir = join(runDir, 'content');
		await cp(DEFAULT_CONTENT_DIR, contentDir, { recursive: true });
		const folder = join(contentDir, 'articles', '2021-11-11');
		await mkdir(folder, { recursive: true });
		const names = Object.keys(PATHOLOGICAL);
		await Promise.all(
			names.map((name, index) =>
				writeFile(join(folder, `09-limit-${index}.md`), front(index) + PATHOLOGICAL[name]!.body),
			),
		);
		// The content checks refuse them before any parser sees them (src/content-checks/load.ts);
		// the build's loader waits for their verdict before it reads a file.
		const guardStarted = performance.now();
		const problems = (await checkContent(contentDir, PROJECT_ROOT)).filter(
			(problem) => problem.code === 'input-limit',
		);
		const guard = { ms: performance.now() - guardStarted };
		expect(guard.ms).toBeLessThan(1_000);
		expect(new Set(problems.map((problem) => problem.file)).size).toBe(names.length);

		const started = performance.now();
		const result = await buildSiteExpectingFailure({ contentDir, outDir: join(runDir, 'site') });
		const seconds = (performance.now() - started) / 1000;
		console.info(
			`[input limits] guard ${guard.ms.toFixed(0)} ms; build refused in ${seconds.toFixed(1)} s`,
		);
		expect(result.output).not.toMatch(/Maximum call stack|heap out of memory/);
		for (const [index, name] of names.entries()) {
			expect(result.output, name).toContain(`09-limit-${index}.md`);
			expect(result.output, name).toContain(PATHOLOGICAL[name]!.says);
		}
		// Refused before any page was rendered: no output folder with pages.
		await expect(readFile(join(runDir, 'site', 'index.html'))).rejects.toThrow();
		// The whole refused build (Node and Astro starting included) stays short.
		expect(seconds).toBeLessThan(30);
	});
});
