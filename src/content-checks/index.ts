import { loadRawEntries } from './load.ts';
import type { ContentProblem } from './problem.ts';
import { findBrokenReferences, findDuplicateIds, validateSchemas } from './validate.ts';

export { ContentError, formatProblem, formatProblems, type ContentProblem } from './problem.ts';

/**
 * Every problem in a content folder at once: unreadable files, schema errors, two files
 * with one address, and references to entries that do not exist. Astro alone would
 * drop a duplicate silently and only log a missing reference.
 */
export async function checkContent(root: string, cwd = process.cwd()): Promise<ContentProblem[]> {
	const { entries, problems } = await loadRawEntries(root, cwd);
	const { valid, problems: schemaProblems } = validateSchemas(entries);
	return [
		...problems,
		...findDuplicateIds(entries),
		...schemaProblems,
		...findBrokenReferences(valid),
	];
}
