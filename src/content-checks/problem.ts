/** One thing wrong with the content, said so that an editor can find and fix it. */
export interface ContentProblem {
	/** Path of the file, relative to the project (or absolute outside it). */
	file: string;
	/** 1-based line where the field (or the file's start) is, when known. */
	line?: number;
	/** The field, dotted: `auction.time`, `lots.0.quantity`; empty for the whole file. */
	field: string;
	/** What is wrong and how to fix it, Chinese first, English after ` / `. */
	message: string;
}

/** `content/articles/x.md:3 title: 不能为空 / must not be empty` */
export function formatProblem(problem: ContentProblem): string {
	const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
	const field = problem.field ? ` [${problem.field}]` : '';
	return `${where}${field} ${problem.message}`;
}

export function formatProblems(problems: readonly ContentProblem[]): string {
	const heading = `内容检查发现 ${problems.length} 个问题 / content check found ${problems.length} problem(s):`;
	return [heading, ...problems.map((problem) => `  - ${formatProblem(problem)}`)].join('\n');
}

export class ContentError extends Error {
	readonly problems: readonly ContentProblem[];
	constructor(problems: readonly ContentProblem[]) {
		super(formatProblems(problems));
		this.name = 'ContentError';
		this.problems = problems;
	}
}
