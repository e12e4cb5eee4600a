/**
 * The one part of the import that touches the disk, shared by every import form (`--jsonl`,
 * page text, page PDFs): writes articles and the issues they imply, never overwriting.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { COLLECTION_NAMES } from '../../../src/schemas/index.ts';
import { issueSchema } from '../../../src/schemas/issue.ts';
import { withCollisionSuffix } from './file-names.ts';
import { IssueCollector } from './issues.ts';
import { renderArticleMarkdown, renderIssueMarkdown } from './markdown.ts';
import { articleProblems, isObject } from './records.ts';
import type { ArticleInput, IssueInput, IssuePageInput } from './types.ts';

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
