import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fileResult, type CheckCache } from '../cache/check-results.ts';
import { codeDigest, LOCK_FILE } from '../cache/code-digest.ts';
import type { ProblemCode } from './codes.ts';
import { findAddressProblems, readPublishedUrls } from './addresses.ts';
import {
	findDuplicateIds,
	findDuplicateOrders,
	findDuplicateStories,
	findIssueAddressProblems,
} from './duplicates.ts';
import { INPUT_LIMITS } from './limits.ts';
import { listEntryFiles, readEntry, tooLarge, type FileToRead, type RawEntry } from './load.ts';
import { findLeftoverContinuationMarkers } from './continuation-markers.ts';
import { findMediaProblems } from './media.ts';
import { findNoticeDateContradictions } from './notice-dates.ts';
import { findPlacementProblems } from './placement.ts';
import type { ContentProblem } from './problem.ts';
import { findBrokenReferences, folderLabel, type CheckContext } from './references.ts';
import { findRegionProblems } from './regions.ts';
import { summarise, type EntrySummary } from './summary.ts';
import { surveyContentRoot } from './stray-files.ts';
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
export { CheckCache, checkCacheFile } from '../cache/check-results.ts';

/**
 * Problems that say more about a field than the schema's own message: when one of them
 * is reported, the schema's message for the same field is left out.
 */
const MORE_SPECIFIC: ReadonlySet<ProblemCode> = new Set([
	'time-without-zone',
	'fullwidth-digits',
	'invisible-character',
	'control-character',
	'region-outside-page',
	'region-empty',
]);

/**
 * Problems that follow from a date in the wrong folder: the date is checked against the
 * issues only once it is known to be the one meant.
 */
const FOLLOW_FROM_DATE: ReadonlySet<ProblemCode> = new Set([
	'missing-issue',
	'issue-file-broken',
	'page-not-in-issue',
	'page-marked-missing',
]);

function withoutRedundantSchemaProblems(problems: ContentProblem[]): ContentProblem[] {
	const explained = new Set(
		problems
			.filter((problem) => problem.code && MORE_SPECIFIC.has(problem.code) && problem.field)
			.map((problem) => `${problem.file}\0${problem.field}`),
	);
	const misfiled = new Set(
		problems
			.filter((problem) => problem.code === 'date-folder-mismatch')
			.map((problem) => problem.file),
	);
	return problems.filter(
		(problem) =>
			!(problem.code === 'invalid-value' && explained.has(`${problem.file}\0${problem.field}`)) &&
			!(problem.code && FOLLOW_FROM_DATE.has(problem.code) && misfiled.has(problem.file)),
	);
}

/**
 * Sorted by file and line, issue files first: an item's problem may only be that its
 * issue file is broken, and the cause is read before what it causes.
 */
function byPlace(issuesFolder: string): (a: ContentProblem, b: ContentProblem) => number {
	const rank = (problem: ContentProblem) =>
		problem.file.split('\\').join('/').startsWith(issuesFolder) ? 0 : 1;
	return (a, b) => rank(a) - rank(b) || byFileAndLine(a, b);
}

function byFileAndLine(a: ContentProblem, b: ContentProblem): number {
	if (a.file !== b.file) return a.file < b.file ? -1 : 1;
	return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

/** The checks that look at one file alone, in the order their problems are listed. */
const SINGLE_FILE_CHECKS = [
	'read',
	'schema',
	'placement',
	'times',
	'noticeDates',
	'unsafeHtml',
	'mdx',
	'hygiene',
	'markers',
	'regions',
] as const;

type SingleFileCheck = (typeof SINGLE_FILE_CHECKS)[number];

/**
 * What checking one file gives: its problems from each single-file check (only checks that
 * found any), and its summary for the checks across files. This is what the cache keeps.
 */
export interface FileCheck {
	problems: Partial<Record<SingleFileCheck, ContentProblem[]>>;
	summary: EntrySummary;
}

function checkEntry(
	{ entry, problems: read }: { entry: RawEntry; problems: ContentProblem[] },
	context: CheckContext,
): FileCheck {
	const one = [entry];
	const found: Record<SingleFileCheck, ContentProblem[]> = {
		read,
		schema: validateSchemas(one).problems,
		placement: findPlacementProblems(one),
		times: findTimesWithoutZone(one),
		noticeDates: findNoticeDateContradictions(one),
		unsafeHtml: findUnsafeHtml(one),
		mdx: findMisplacedMdx(one, context),
		hygiene: findTextHygieneProblems(one),
		markers: findLeftoverContinuationMarkers(one),
		regions: findRegionProblems(one),
	};
	const problems: FileCheck['problems'] = {};
	for (const check of SINGLE_FILE_CHECKS) {
		if (found[check].length > 0) problems[check] = found[check];
	}
	return { problems, summary: summarise(entry) };
}

/**
 * The digest of everything besides a file's bytes that decides its `FileCheck`: the code
 * of the checks and what it imports, dependency versions, Node, and the folders that
 * appear in messages. A cache opened with another digest is not used.
 */
export async function contentChecksDigest(root: string, cwd = process.cwd()): Promise<string> {
	return codeDigest(
		[fileURLToPath(import.meta.url)],
		[LOCK_FILE],
		[`node ${process.version}`, `root ${root}`, `cwd ${cwd}`],
	);
}

export interface CheckOptions {
	/**
	 * Results of earlier runs, reused for files whose bytes are unchanged (see
	 * src/cache/check-results.ts); the caller opens it with `contentChecksDigest` and saves it.
	 */
	cache?: CheckCache<FileCheck>;
}

/**
 * Reads with the synchronous calls: one after another they take a third of the time of
 * many promises waiting on the thread pool (15,000 files: 0.65 s against 1.5 s here), and
 * nothing else runs while the checks do.
 */
function checkFile(
	target: FileToRead,
	context: CheckContext,
	cache: CheckCache<FileCheck> | undefined,
): FileCheck {
	// A huge file is refused from its size alone, without reading it.
	const stat = statSync(target.absolute, { bigint: true });
	const size = Number(stat.size);
	if (size > INPUT_LIMITS.maxFileBytes) return checkEntry(tooLarge(target, size), context);
	// A file untouched since its result was stored is not even read (src/cache/file-stamp.ts).
	const check = (bytes: Buffer) => checkEntry(readEntry(target, bytes), context);
	return fileResult(target.absolute, target.file, cache, check, stat);
}

/**
 * Every problem in a content folder at once, sorted by file and line: unreadable files,
 * schema errors, unknown fields, times without a zone, references to entries that do
 * not exist, two files with one address, a published address left without a page, old
 * addresses (redirectFrom) that clash, contradicting notice dates, unsafe HTML,
 * misplaced MDX, and invisible or full-width characters. Astro alone would drop a
 * duplicate silently and only log a missing reference.
 *
 * Each file is checked alone (or its result taken from `options.cache`), then the checks
 * across files (addresses, duplicates, references) run over every file's summary.
 */
export async function checkContent(
	root: string,
	cwd = process.cwd(),
	options: CheckOptions = {},
): Promise<ContentProblem[]> {
	return (await checkContentReport(root, cwd, options)).problems;
}

/** What a check of the whole content folder found, with how much it looked at. */
export interface ContentReport {
	problems: ContentProblem[];
	/** Files under the content folder (drafts and hidden files left out). */
	filesSeen: number;
	/** Entry files of the collections, each read and checked. */
	entriesRead: number;
	/** What the checks across files used of each entry file, in `listEntryFiles` order. */
	summaries: EntrySummary[];
}

/** `checkContent`, with the count of files seen and entries read for the summary line. */
export async function checkContentReport(
	root: string,
	cwd = process.cwd(),
	options: CheckOptions = {},
): Promise<ContentReport> {
	const context = { root, cwd };
	const [targets, survey] = await Promise.all([
		listEntryFiles(root, cwd),
		surveyContentRoot(root, cwd),
	]);
	const checks = targets.map((target) => checkFile(target, context, options.cache));
	const summaries = checks.map((check) => check.summary);
	const fromEachFile = (name: SingleFileCheck) =>
		checks.flatMap((check) => check.problems[name] ?? []);
	const problems = [
		...survey.problems,
		...fromEachFile('read'),
		...findDuplicateIds(summaries),
		...findIssueAddressProblems(summaries),
		...findDuplicateStories(summaries),
		...findDuplicateOrders(summaries),
		...findAddressProblems(summaries, context, readPublishedUrls(root)),
		...fromEachFile('schema'),
		...fromEachFile('placement'),
		...fromEachFile('times'),
		...findBrokenReferences(summaries, context),
		...fromEachFile('noticeDates'),
		...fromEachFile('unsafeHtml'),
		...fromEachFile('mdx'),
		...fromEachFile('hygiene'),
		...fromEachFile('markers'),
		...fromEachFile('regions'),
		...findMediaProblems(summaries, context),
	];
	return {
		problems: withoutRedundantSchemaProblems(problems).sort(
			byPlace(`${folderLabel(context, 'issues')}/`),
		),
		filesSeen: survey.seen,
		entriesRead: targets.length,
		summaries,
	};
}
