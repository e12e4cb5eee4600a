import type { ProblemCode } from './codes.ts';
import { findDuplicateIds, findDuplicateStories, findIssueAddressProblems } from './duplicates.ts';
import { loadRawEntries } from './load.ts';
import { findNoticeDateContradictions } from './notice-dates.ts';
import type { ContentProblem } from './problem.ts';
import { findBrokenReferences } from './references.ts';
import { findTextHygieneProblems } from './text-hygiene.ts';
import { findTimesWithoutZone } from './times.ts';
import { findMisplacedMdx, findUnsafeHtml } from './unsafe-html.ts';
import { validateSchemas } from './validate.ts';

export { PROBLEM_CODES, type ProblemCode } from './codes.ts';
export {
	ContentError,
	formatProblem,
	formatProblems,
	formatProblemsForEditors,
	type ContentProblem,
} from './problem.ts';
export { MDX_FOLDER, isMdxAllowed } from './unsafe-html.ts';

/**
 * Problems that say more about a field than the schema's own message: when one of them
 * is reported, the schema's message for the same field is left out.
 */
const MORE_SPECIFIC: ReadonlySet<ProblemCode> = new Set([
	'time-without-zone',
	'fullwidth-digits',
	'invisible-character',
	'control-character',
]);

function withoutRedundantSchemaProblems(problems: ContentProblem[]): ContentProblem[] {
	const explained = new Set(
		problems
			.filter((problem) => problem.code && MORE_SPECIFIC.has(problem.code) && problem.field)
			.map((problem) => `${problem.file}\0${problem.field}`),
	);
	return problems.filter(
		(problem) =>
			!(problem.code === 'invalid-value' && explained.has(`${problem.file}\0${problem.field}`)),
	);
}

function byPlace(a: ContentProblem, b: ContentProblem): number {
	if (a.file !== b.file) return a.file < b.file ? -1 : 1;
	return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/**
 * Every problem in a content folder at once, sorted by file and line: unreadable files,
 * schema errors, unknown fields, times without a zone, references to entries that do
 * not exist, two files with one address, contradicting notice dates, unsafe HTML,
 * misplaced MDX, and invisible or full-width characters. Astro alone would drop a
 * duplicate silently and only log a missing reference.
 */
export async function checkContent(root: string, cwd = process.cwd()): Promise<ContentProblem[]> {
	const context = { root, cwd };
	const { entries, problems: readProblems } = await loadRawEntries(root, cwd);
	const { problems: schemaProblems } = validateSchemas(entries);
	const problems = [
		...readProblems,
		...findDuplicateIds(entries),
		...findIssueAddressProblems(entries),
		...findDuplicateStories(entries),
		...schemaProblems,
		...findTimesWithoutZone(entries),
		...findBrokenReferences(entries, context),
		...findNoticeDateContradictions(entries),
		...findUnsafeHtml(entries),
		...findMisplacedMdx(entries, context),
		...findTextHygieneProblems(entries),
	];
	return withoutRedundantSchemaProblems(problems).sort(byPlace);
}
