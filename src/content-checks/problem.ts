import type { ProblemCode } from './codes.ts';

/** One thing wrong with the content, said so that an editor can find and fix it. */
export interface ContentProblem {
	/** Path of the file, relative to the project (or absolute outside it). */
	file: string;
	/** 1-based line where the field (or the file's start) is, when known. */
	line?: number;
	/** 1-based column (in characters) on that line, for a problem inside a text. */
	column?: number;
	/** The field, dotted: `auction.time`, `lots.0.quantity`; `body` for the text below the front matter; empty for the whole file. */
	field: string;
	/** What is wrong, Chinese first, English after ` / `. */
	message: string;
	/** How to fix it, Chinese first, English after ` / `. */
	fix?: string;
	/** Which kind of problem, as listed in content/README.md (错误一览). */
	code?: ProblemCode;
}

function where(problem: ContentProblem): string {
	if (!problem.line) return problem.file;
	return problem.column
		? `${problem.file}:${problem.line}:${problem.column}`
		: `${problem.file}:${problem.line}`;
}

/** `content/articles/x.md:3 [title] 不能为空 / must not be empty — 改法 / fix: …` on one line. */
export function formatProblem(problem: ContentProblem): string {
	const field = problem.field ? ` [${problem.field}]` : '';
	const fix = problem.fix ? ` — 改法 / fix: ${problem.fix}` : '';
	return `${where(problem)}${field} ${problem.message}${fix}`;
}

export function formatProblems(problems: readonly ContentProblem[]): string {
	const heading = `内容检查发现 ${problems.length} 个问题 / content check found ${problems.length} problem(s):`;
	return [heading, ...problems.map((problem) => `  - ${formatProblem(problem)}`)].join('\n');
}

/**
 * The problems grouped by file, each on its own lines (where, what, fix), for a terminal.
 * `npm run check` prints this; the build log uses the one-line form.
 */
export function formatProblemsForEditors(problems: readonly ContentProblem[]): string {
	const byFile = new Map<string, ContentProblem[]>();
	for (const problem of problems) {
		const list = byFile.get(problem.file) ?? [];
		list.push(problem);
		byFile.set(problem.file, list);
	}
	const blocks: string[] = [];
	for (const [file, list] of byFile) {
		const lines = [file];
		for (const problem of list) {
			const position = problem.line
				? `第 ${problem.line} 行${problem.column ? `第 ${problem.column} 列` : ''} / line ${problem.line}${problem.column ? `:${problem.column}` : ''}`
				: '整个文件 / whole file';
			const field = problem.field ? `  字段 / field: ${problem.field}` : '';
			const code = problem.code ? `  (${problem.code})` : '';
			lines.push(`  ${position}${field}${code}`);
			lines.push(`    问题 / problem: ${problem.message}`);
			if (problem.fix) lines.push(`    改法 / fix:     ${problem.fix}`);
		}
		blocks.push(lines.join('\n'));
	}
	return blocks.join('\n\n');
}

export class ContentError extends Error {
	readonly problems: readonly ContentProblem[];
	constructor(problems: readonly ContentProblem[]) {
		super(formatProblems(problems));
		this.name = 'ContentError';
		this.problems = problems;
	}

	/**
	 * Short, and free of the words Astro guesses hints from: it reads `String(error)` and
	 * adds a hint about browser APIs when it finds "document" or "window" (a tender
	 * notice's documents). The message keeps the whole list.
	 */
	override toString(): string {
		return `${this.name}: ${this.problems.length} problem(s)`;
	}
}
