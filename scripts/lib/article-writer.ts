/**
 * Turns imported records into content files: file names, front matter, Markdown bodies
 * and issue files. Everything above `ArchiveWriter` is pure (string in, string out);
 * `ArchiveWriter` at the bottom is the one part that touches the disk, shared by every
 * import form (`--jsonl` today, plain-text pages later).
 *
 * Messages are for editors: Chinese first, English beside.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { articleSchema } from '../../src/schemas/article.ts';
import { COLLECTION_NAMES } from '../../src/schemas/index.ts';
import { issueSchema } from '../../src/schemas/issue.ts';

// ---------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------

/** One record of the JSONL corpus format (see ../shared/corpus/README.md). */
export interface SourceRecord {
	/** Unique record id; the corpus form is `YYYYMMDD-PP-NNN`. */
	id: string;
	title: string;
	/** `YYYY-MM-DD`. */
	date: string;
	section: string | null;
	page: number;
	/** Paragraphs separated by a blank line (`"\n\n"`). */
	body: string;
}

/** What an article file holds: its front matter fields and its plain-text body. */
export interface ArticleInput {
	title: string;
	date: string;
	page: number;
	section?: string;
	/** Position on the printed page, from 1. */
	order?: number;
	/** Plain text, paragraphs separated by a blank line. Not Markdown: it is escaped. */
	body: string;
}

export interface IssuePageInput {
	number: number;
	name?: string;
	/** A page the paper printed that the archive does not hold (e.g. named by 上接一版). */
	missing?: boolean;
}

export interface IssueInput {
	date: string;
	/** The date was inferred from the content; say how in `body`. */
	dateInferred?: boolean;
	pages: IssuePageInput[];
	/** Plain text for the issue file's body, e.g. how the date was inferred. */
	body?: string;
}

export type RecordCheck =
	{ ok: true; record: SourceRecord; warnings: string[] } | { ok: false; reasons: string[] };

// ---------------------------------------------------------------------------
// Record validation
// ---------------------------------------------------------------------------

/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BODY_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Any control character, line breaks and tabs included: a field that is one line. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const LINE_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

function controlCharName(value: string, pattern: RegExp): string | undefined {
	const match = pattern.exec(value);
	if (!match) return undefined;
	return `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks one parsed JSONL value and returns a clean record, or every reason it cannot
 * be imported. The final gate is the article schema itself, so whatever passes here
 * is a file `astro build` accepts.
 */
export function validateRecord(value: unknown): RecordCheck {
	if (!isObject(value)) {
		return { ok: false, reasons: ['这一行不是 JSON 对象 / the line is not a JSON object'] };
	}
	const reasons: string[] = [];
	const warnings: string[] = [];

	const { id, title, date, page, section, body } = value;

	let cleanId = '';
	if (typeof id !== 'string' || id.trim() === '') {
		reasons.push('缺少 id / the id is missing');
	} else if (controlCharName(id, LINE_CONTROL)) {
		reasons.push(
			`id 含控制字符 ${controlCharName(id, LINE_CONTROL)} / the id contains a control character`,
		);
	} else if (!id.isWellFormed()) {
		reasons.push('id 含无效的 Unicode 字符 / the id is not valid Unicode');
	} else {
		cleanId = id.trim();
	}

	let cleanTitle = '';
	if (title === undefined || title === null) {
		reasons.push('缺少标题 / the title is missing');
	} else if (typeof title !== 'string') {
		reasons.push('标题应为文字 / the title must be text');
	} else if (title.trim() === '') {
		reasons.push('标题为空 / the title is empty');
	} else if (controlCharName(title, LINE_CONTROL)) {
		reasons.push(
			`标题含换行或控制字符 ${controlCharName(title, LINE_CONTROL)} / the title contains a line break or control character`,
		);
	} else if (!title.isWellFormed()) {
		reasons.push('标题含无效的 Unicode 字符 / the title is not valid Unicode');
	} else {
		cleanTitle = title.trim();
	}

	if (date === undefined || date === null) {
		reasons.push('缺少日期 / the date is missing');
	} else if (typeof date !== 'string') {
		reasons.push('日期应写成 "YYYY-MM-DD" / the date must be text written "YYYY-MM-DD"');
	}

	if (page === undefined || page === null) {
		reasons.push('缺少版次 / the page is missing');
	} else if (typeof page !== 'number' || !Number.isSafeInteger(page)) {
		reasons.push(
			`版次应为整数，而不是 ${JSON.stringify(page)} / the page must be a whole number, not ${JSON.stringify(page)}`,
		);
	}

	let cleanSection: string | null = null;
	if (typeof section === 'string') {
		if (controlCharName(section, LINE_CONTROL) || !section.isWellFormed()) {
			reasons.push(
				'版名含控制字符或无效字符 / the section contains a control or invalid character',
			);
		} else if (section.trim() !== '') {
			cleanSection = section.trim();
		}
	} else if (section !== undefined && section !== null) {
		reasons.push('版名应为文字或 null / the section must be text or null');
	}

	let cleanBody = '';
	if (typeof body === 'string') {
		if (BODY_CONTROL.test(body)) {
			reasons.push(
				`正文含控制字符 ${controlCharName(body, BODY_CONTROL)} / the body contains a control character`,
			);
		} else if (!body.isWellFormed()) {
			reasons.push('正文含无效的 Unicode 字符 / the body is not valid Unicode');
		} else {
			cleanBody = body;
		}
	} else if (body !== undefined && body !== null) {
		reasons.push('正文应为文字 / the body must be text');
	}

	if (reasons.length > 0) return { ok: false, reasons };

	const record: SourceRecord = {
		id: cleanId,
		title: cleanTitle,
		date: date as string,
		section: cleanSection,
		page: page as number,
		body: cleanBody,
	};
	const problems = articleProblems(recordToArticle(record));
	if (problems.length > 0) return { ok: false, reasons: problems };

	if (splitParagraphs(record.body).length === 0) warnings.push('正文为空 / the body is empty');
	const corpusId = parseCorpusId(record.id);
	if (corpusId && !corpusIdMatches(corpusId, record)) {
		warnings.push(
			`id ${record.id} 与日期 ${record.date}、版次 ${record.page} 不符，文件名改用 id 本身 / the id does not match the date and page; the file is named after the whole id`,
		);
	}
	return { ok: true, record, warnings };
}

/** Schema problems of an article's front matter, as `field: message` lines. */
export function articleProblems(article: ArticleInput): string[] {
	const result = articleSchema.safeParse(frontMatterOf(article));
	if (result.success) return [];
	return result.error.issues.map((issue) =>
		issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
	);
}

// ---------------------------------------------------------------------------
// Ids, slugs and file names
// ---------------------------------------------------------------------------

const CORPUS_ID = /^(\d{4})(\d{2})(\d{2})-(\d{2,3})-(\d{3,4})$/;

export interface CorpusId {
	/** `YYYY-MM-DD` from the id. */
	date: string;
	page: number;
	/** The article number on the page, as written in the id (`001`). */
	numberPart: string;
	/** The article number as a number (`1`). */
	order: number;
}

/** Reads a corpus id `YYYYMMDD-PP-NNN`; anything else gives `undefined`. */
export function parseCorpusId(id: string): CorpusId | undefined {
	const match = CORPUS_ID.exec(id);
	if (!match) return undefined;
	const [, year, month, day, page, number] = match as unknown as [
		string,
		string,
		string,
		string,
		string,
		string,
	];
	return {
		date: `${year}-${month}-${day}`,
		page: Number(page),
		numberPart: number,
		order: Number(number),
	};
}

function corpusIdMatches(corpusId: CorpusId, record: Pick<SourceRecord, 'date' | 'page'>): boolean {
	return corpusId.date === record.date && corpusId.page === record.page;
}

/** The corpus id of a record, when it has one that agrees with its date and page. */
export function matchingCorpusId(
	record: Pick<SourceRecord, 'id' | 'date' | 'page'>,
): CorpusId | undefined {
	const corpusId = parseCorpusId(record.id);
	return corpusId && corpusIdMatches(corpusId, record) ? corpusId : undefined;
}

const MAX_SLUG_LENGTH = 60;

/** A lowercase ASCII slug (`a-z`, `0-9`, `-`) of any id; `article` when nothing is left. */
export function slugify(value: string): string {
	const slug = value
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, MAX_SLUG_LENGTH)
		.replace(/-+$/, '');
	return slug === '' ? 'article' : slug;
}

function pagePrefix(page: number): string {
	return String(page).padStart(2, '0');
}

/**
 * Where an article goes, relative to the content root:
 * `articles/<YYYY-MM-DD>/<PP>-<NNN>.md` for a corpus id `YYYYMMDD-PP-NNN`
 * (`19980101-01-001` → `articles/1998-01-01/01-001.md`), otherwise
 * `articles/<YYYY-MM-DD>/<PP>-<slug of the id>.md`.
 */
export function articleFileName(record: Pick<SourceRecord, 'id' | 'date' | 'page'>): string {
	const corpusId = matchingCorpusId(record);
	const slug = corpusId ? corpusId.numberPart : slugify(record.id);
	return `articles/${record.date}/${pagePrefix(record.page)}-${slug}.md`;
}

/** `articles/d/01-001.md` with suffix 2 → `articles/d/01-001-2.md`. */
export function withCollisionSuffix(path: string, suffix: number): string {
	return path.replace(/(\.md)?$/, `-${suffix}$1`);
}

/** The article a record becomes: `order` from the corpus id, `section` only when set. */
export function recordToArticle(record: SourceRecord): ArticleInput {
	const article: ArticleInput = {
		title: record.title,
		date: record.date,
		page: record.page,
		body: record.body,
	};
	if (record.section !== null) article.section = record.section;
	const corpusId = matchingCorpusId(record);
	if (corpusId && corpusId.order >= 1) article.order = corpusId.order;
	return article;
}

// ---------------------------------------------------------------------------
// Dates and replication
// ---------------------------------------------------------------------------

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
	return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** `date` moved by `days` days (UTC calendar arithmetic). */
export function shiftDate(date: string, days: number): string {
	return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * How far copy 1 of a replicated corpus is moved: the corpus span in days (first to
 * last date, both included) rounded up to whole weeks, so no copy overlaps another and
 * every date keeps its weekday. 1998-01-01…1998-01-31 (31 days) → 35 days.
 */
export function replicationShiftDays(firstDate: string, lastDate: string): number {
	const span = dayNumber(lastDate) - dayNumber(firstDate) + 1;
	return Math.ceil(span / 7) * 7;
}

/**
 * Copy `copy` (from 1) of a record, moved `copy * shiftDays` days forward. A corpus id
 * gets the new date in place of the old one (unique, since copies never share a date);
 * any other id gets `-r<copy>` appended.
 */
export function replicateRecord(
	record: SourceRecord,
	copy: number,
	shiftDays: number,
): SourceRecord {
	if (copy === 0) return record;
	const date = shiftDate(record.date, copy * shiftDays);
	const corpusId = matchingCorpusId(record);
	const id = corpusId
		? `${date.replaceAll('-', '')}${record.id.slice(8)}`
		: `${record.id}-r${copy}`;
	return { ...record, id, date };
}

// ---------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------

/**
 * Every string double-quoted: safe for any title (colons, quotes, `#`, leading dashes,
 * `yes`, `1_000`, `2021-11-11`…) whatever YAML schema reads it back. `lineWidth: 0`
 * keeps each value on one line, so no line of the front matter can start with `---`.
 */
export const YAML_OPTIONS = {
	defaultStringType: 'QUOTE_DOUBLE',
	defaultKeyType: 'PLAIN',
	lineWidth: 0,
	minContentWidth: 0,
} as const;

export function renderFrontMatter(data: Record<string, unknown>): string {
	return `---\n${stringify(data, YAML_OPTIONS)}---\n`;
}

/** The front matter fields of an article, in the order they are written. */
export function frontMatterOf(article: ArticleInput): Record<string, unknown> {
	const data: Record<string, unknown> = {
		title: article.title,
		date: article.date,
		page: article.page,
	};
	if (article.section !== undefined) data.section = article.section;
	if (article.order !== undefined) data.order = article.order;
	return data;
}

/**
 * Splits plain text into paragraphs of lines. Paragraphs are separated by one or more
 * blank lines. Spaces and tabs at either end of a line are dropped (Markdown would drop
 * or misread them), and so are empty paragraphs.
 */
export function splitParagraphs(body: string): string[][] {
	return body
		.replace(/\r\n?/g, '\n')
		.split(/\n(?:[ \t]*\n)+/)
		.map((paragraph) =>
			paragraph
				.split('\n')
				.map((line) => line.replace(/^[ \t]+|[ \t]+$/g, ''))
				.filter((line) => line !== ''),
		)
		.filter((lines) => lines.length > 0);
}

/** Characters with a meaning anywhere in a line: escaped wherever they occur. */
const INLINE_SPECIAL = /[\\`*_[\]<&~|]/g;
/** Characters that start a block (heading, list, quote, setext or table rule) at line start. */
const LINE_START_SPECIAL = /^[#>+\-=:]/;
/** An ordered list marker: 1–9 digits, `.` or `)`, then a space or the line end. */
const ORDERED_LIST_START = /^(\d{1,9})([.)])(?=[ \t]|$)/;

/**
 * One line of plain text as Markdown that shows exactly that text (CommonMark + GFM,
 * as Astro renders `.md` with `smartypants: false`):
 * - `\ ` * _ [ ] < & ~ |` are backslash-escaped everywhere (code, emphasis, links,
 *   raw HTML, entities, strikethrough, tables);
 * - `# > + - = :` and `1.` / `1)` are escaped at the start of the line (headings,
 *   quotes, lists, thematic breaks, setext underlines, table delimiter rows);
 * - `http://`, `https://` and `www.` get an escaped `:` / `.`, because inside a GFM
 *   autolink literal escapes are not undone and would show. The address still becomes
 *   a link; its text is unchanged.
 */
export function escapeMarkdownLine(line: string): string {
	return line
		.replace(INLINE_SPECIAL, '\\$&')
		.replace(/(https?):(?=\/\/)/gi, '$1\\:')
		.replace(/(www)\./gi, '$1\\.')
		.replace(LINE_START_SPECIAL, '\\$&')
		.replace(ORDERED_LIST_START, '$1\\$2');
}

/**
 * The Markdown body for plain text: paragraphs separated by a blank line; a single line
 * break inside a paragraph stays a line break (a trailing backslash, i.e. `<br>`).
 */
export function renderMarkdownBody(body: string): string {
	return splitParagraphs(body)
		.map((lines) => lines.map(escapeMarkdownLine).join('\\\n'))
		.join('\n\n');
}

/** A whole article file: front matter, a blank line, the escaped body. */
export function renderArticleMarkdown(article: ArticleInput): string {
	const body = renderMarkdownBody(article.body);
	return renderFrontMatter(frontMatterOf(article)) + (body === '' ? '' : `\n${body}\n`);
}

/** A whole issue file: `date` and `pages` (sorted by number), no body. */
export function renderIssueMarkdown(issue: IssueInput): string {
	const pages = [...issue.pages]
		.sort((a, b) => a.number - b.number)
		.map((page) => ({
			number: page.number,
			...(page.name === undefined ? {} : { name: page.name }),
			...(page.missing ? { missing: true } : {}),
		}));
	const data = issue.dateInferred
		? { date: issue.date, dateInferred: true, pages }
		: { date: issue.date, pages };
	const body = issue.body === undefined ? '' : renderMarkdownBody(issue.body);
	return renderFrontMatter(data) + (body === '' ? '' : `\n${body}\n`);
}

// ---------------------------------------------------------------------------
// Issues from articles
// ---------------------------------------------------------------------------

interface PageSeen {
	section: string | undefined;
	agree: boolean;
}

/**
 * Gathers the pages each date's articles use. A page is named after the articles'
 * section only when all of them give the same, non-empty section.
 */
export class IssueCollector {
	#dates = new Map<string, Map<number, PageSeen>>();

	add(date: string, page: number, section: string | undefined): void {
		let pages = this.#dates.get(date);
		if (!pages) {
			pages = new Map();
			this.#dates.set(date, pages);
		}
		const seen = pages.get(page);
		if (!seen) pages.set(page, { section, agree: true });
		else if (seen.section !== section) seen.agree = false;
	}

	get size(): number {
		return this.#dates.size;
	}

	/** The issues, by date, each with its pages by number. */
	issues(): IssueInput[] {
		return [...this.#dates.entries()]
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([date, pages]) => ({
				date,
				pages: [...pages.entries()]
					.sort(([a], [b]) => a - b)
					.map(([number, seen]) =>
						seen.agree && seen.section !== undefined ? { number, name: seen.section } : { number },
					),
			}));
	}
}

// ---------------------------------------------------------------------------
// Writing to disk
// ---------------------------------------------------------------------------

/** Runs at most `limit` tasks at once; `run` waits for a free slot (back-pressure). */
class TaskPool {
	#limit: number;
	#active = 0;
	#slotWaiters: Array<() => void> = [];
	#idleWaiters: Array<() => void> = [];
	#error: unknown = undefined;
	#failed = false;

	constructor(limit: number) {
		this.#limit = Math.max(1, limit);
	}

	async run(task: () => Promise<void>): Promise<void> {
		while (this.#active >= this.#limit)
			await new Promise<void>((resolve) => this.#slotWaiters.push(resolve));
		if (this.#failed) throw this.#error;
		this.#active++;
		task()
			.catch((error: unknown) => {
				if (!this.#failed) {
					this.#failed = true;
					this.#error = error;
				}
			})
			.finally(() => {
				this.#active--;
				this.#slotWaiters.shift()?.();
				if (this.#active === 0) for (const wake of this.#idleWaiters.splice(0)) wake();
			});
	}

	async drain(): Promise<void> {
		while (this.#active > 0) await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
		if (this.#failed) throw this.#error;
	}
}

export interface ArchiveWriterOptions {
	/** The content root to write into (holds `articles/`, `issues/`, …). */
	outDir: string;
	/** Files written at once. */
	concurrency?: number;
	/** Called with each bilingual notice (renamed files, issue files left alone). */
	onNotice?: (message: string) => void;
}

export type ArticleWriteResult = { ok: true; path: string } | { ok: false; reasons: string[] };

export interface ArchiveSummary {
	articles: number;
	/** Articles written under another name because theirs was taken. */
	renamed: number;
	issuesWritten: number;
	/** Issue files that already existed and were left unchanged. */
	issuesKept: number;
}

function isFileExists(error: unknown): boolean {
	return isObject(error) && error.code === 'EEXIST';
}

/**
 * Writes articles as they come (never holding more than `concurrency` files in memory)
 * and, at `finish()`, one issue file per date. It never overwrites a file: a taken
 * article name gets `-2`, `-3`… and is reported; an existing issue file is kept and
 * reported.
 */
export class ArchiveWriter {
	#outDir: string;
	#pool: TaskPool;
	#notice: (message: string) => void;
	#taken = new Set<string>();
	#dirs = new Map<string, Promise<unknown>>();
	#issues = new IssueCollector();
	#articles = 0;
	#renamed = 0;
	#issueDetails = new Map<
		string,
		Pick<IssueInput, 'dateInferred' | 'body'> & { pages?: IssuePageInput[] }
	>();

	constructor(options: ArchiveWriterOptions) {
		this.#outDir = options.outDir;
		this.#pool = new TaskPool(options.concurrency ?? 64);
		this.#notice = options.onNotice ?? (() => {});
	}

	/** Creates the content root with every collection folder, so the layout is complete. */
	async prepare(): Promise<void> {
		await Promise.all(
			COLLECTION_NAMES.map((name) => mkdir(join(this.#outDir, name), { recursive: true })),
		);
	}

	/**
	 * Validates `article` against the schema and queues it for writing at `path`
	 * (relative to the content root, e.g. from `articleFileName`). Resolves once queued.
	 */
	async writeArticle(article: ArticleInput, path: string): Promise<ArticleWriteResult> {
		const reasons = articleProblems(article);
		if (reasons.length > 0) return { ok: false, reasons };
		const finalPath = this.#claim(path);
		this.#issues.add(article.date, article.page, article.section);
		this.#articles++;
		const content = renderArticleMarkdown(article);
		await this.#pool.run(() => this.#writeNew(finalPath, content, path));
		return { ok: true, path: finalPath };
	}

	/**
	 * Queues any entry file (a notice, an advert, an article draft that may still need
	 * review) already rendered as Markdown, at `path` or the first free variant of it.
	 * `printedOn` adds its page to the issue file written at `finish()`.
	 */
	async writeEntry(
		path: string,
		content: string,
		printedOn?: { date: string; page: number; section?: string },
	): Promise<string> {
		const finalPath = this.#claim(path);
		if (printedOn) this.#issues.add(printedOn.date, printedOn.page, printedOn.section);
		await this.#pool.run(() => this.#writeNew(finalPath, content, path));
		return finalPath;
	}

	/**
	 * What the issue file of `date` says beyond its pages: an inferred date and why, and
	 * pages named by continuation markers that the archive does not hold (`missing`).
	 */
	describeIssue(
		date: string,
		details: { dateInferred?: boolean; body?: string; missingPages?: number[] },
	): void {
		this.#issueDetails.set(date, {
			...(details.dateInferred === undefined ? {} : { dateInferred: details.dateInferred }),
			...(details.body === undefined ? {} : { body: details.body }),
			pages: (details.missingPages ?? []).map((number) => ({ number, missing: true })),
		});
	}

	/** Waits for every article, then writes the issue files. */
	async finish(): Promise<ArchiveSummary> {
		await this.#pool.drain();
		let issuesWritten = 0;
		let issuesKept = 0;
		for (const collected of this.#issues.issues()) {
			const details = this.#issueDetails.get(collected.date);
			const extraPages = (details?.pages ?? []).filter(
				(page) => !collected.pages.some((printed) => printed.number === page.number),
			);
			const issue: IssueInput = {
				...collected,
				...(details?.dateInferred === undefined ? {} : { dateInferred: details.dateInferred }),
				...(details?.body === undefined ? {} : { body: details.body }),
				pages: [...collected.pages, ...extraPages],
			};
			// The body is Markdown below the front matter, not a field.
			const frontMatter: IssueInput = { ...issue };
			delete frontMatter.body;
			const checked = issueSchema.safeParse(frontMatter);
			if (!checked.success) {
				throw new Error(
					`期 ${issue.date} 无效 / issue ${issue.date} is invalid: ${checked.error.message}`,
				);
			}
			const path = `issues/${issue.date}.md`;
			const content = renderIssueMarkdown(issue);
			await this.#pool.run(async () => {
				const target = join(this.#outDir, path);
				await this.#ensureDir(dirname(target));
				try {
					await writeFile(target, content, { flag: 'wx' });
					issuesWritten++;
				} catch (error) {
					if (!isFileExists(error)) throw error;
					issuesKept++;
					const pages = issue.pages.map((page) => page.number).join(', ');
					this.#notice(
						`${path} 已存在，未改动；请确认它列出了版面 ${pages} / ${path} exists and was left unchanged; check that it lists pages ${pages}`,
					);
				}
			});
		}
		await this.#pool.drain();
		return { articles: this.#articles, renamed: this.#renamed, issuesWritten, issuesKept };
	}

	/** Reserves `path`, or the first free `-2`, `-3`… variant of it. */
	#claim(path: string): string {
		let candidate = path;
		for (let suffix = 2; this.#taken.has(candidate.toLowerCase()); suffix++) {
			candidate = withCollisionSuffix(path, suffix);
		}
		this.#taken.add(candidate.toLowerCase());
		return candidate;
	}

	async #writeNew(path: string, content: string, wanted: string): Promise<void> {
		const target = join(this.#outDir, path);
		await this.#ensureDir(dirname(target));
		try {
			await writeFile(target, content, { flag: 'wx' });
		} catch (error) {
			if (!isFileExists(error)) throw error;
			// A file from before this run has the name: take the next free one.
			return this.#writeNew(this.#claim(wanted), content, wanted);
		}
		if (path !== wanted) {
			this.#renamed++;
			this.#notice(
				`${wanted} 文件名已被占用，改写为 ${path} / ${wanted} was taken; wrote ${path} instead`,
			);
		}
	}

	#ensureDir(dir: string): Promise<unknown> {
		let made = this.#dirs.get(dir);
		if (!made) {
			made = mkdir(dir, { recursive: true });
			this.#dirs.set(dir, made);
		}
		return made;
	}
}
