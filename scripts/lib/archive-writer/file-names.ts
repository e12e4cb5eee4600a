/** Ids, slugs and file names of imported articles; never two files with one name. */
import type { ArticleInput, SourceRecord } from './types.ts';

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

export function corpusIdMatches(
	corpusId: CorpusId,
	record: Pick<SourceRecord, 'date' | 'page'>,
): boolean {
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
