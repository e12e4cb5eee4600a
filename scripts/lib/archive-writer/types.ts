/** What an import hands to the writer: a source record, and the article and issue it becomes. */

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
