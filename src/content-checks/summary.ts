import { normalisedText, textDigest } from '../domain/reprints.ts';
import { calendarDate, pageNumber } from '../schemas/fields.ts';
import type { CollectionName } from '../schemas/index.ts';
import type { RawEntry } from './load.ts';

/**
 * What the checks across files (duplicates, references) need of one entry, read once from
 * its file: small, JSON-safe, and enough to give the same problems with the same lines as
 * the whole entry would. Kept in the check cache (src/cache/check-results.ts), so that a rebuild reads
 * back these summaries instead of parsing every file again.
 */
export interface EntrySummary {
	collection: CollectionName;
	id: string;
	file: string;
	readable: boolean;
	/** The front matter as written and where it starts: problems find their line from it. */
	rawFrontmatter: string;
	frontmatterLine: number;
	bodyLine: number;
	/** `date` as a calendar date, when it is one. */
	date?: string;
	/** `page` as a page number, when it is one. */
	page?: number;
	/** Printed items: the position on the page (`order`), when it is a whole number from 1. */
	order?: number;
	/** Printed items: the headline without whitespace or backslashes, when it is text. */
	headline?: string;
	/** Printed items: a digest of the text, when it is long enough to count as a duplicate. */
	bodyDigest?: string;
	/** Issues: the pages listed, with their number, place in the list and page files. */
	pages?: { number: number; missing: boolean; index?: number; pdf?: string; image?: string }[];
	/** Printed items: how many regions they give (any value written as a list). */
	regions?: number;
	/** Articles: every person named by id, with its place in the list. */
	people?: { index: number; id: string }[];
	/** Items with a page: the old addresses in `redirectFrom` that are text, with their place. */
	redirectFrom?: { index: number; path: string }[];
	/** Articles: the parts a story continues from and on, by id. */
	continuations?: { field: 'continuedFrom' | 'continuedOn'; article: string; page?: number }[];
}

export function dateOf(value: unknown): string | undefined {
	const result = calendarDate.safeParse(value);
	return result.success ? result.data : undefined;
}

export function pageOf(value: unknown): number | undefined {
	const result = pageNumber.safeParse(value);
	return result.success ? result.data : undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
	return value !== null && typeof value === 'object' && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

export const PRINTED: readonly CollectionName[] = ['articles', 'notices', 'adverts'];

/** The summary of one entry. An unreadable entry keeps its address and nothing else. */
export function summarise(entry: RawEntry): EntrySummary {
	const summary: EntrySummary = {
		collection: entry.collection,
		id: entry.id,
		file: entry.file,
		readable: entry.readable,
		rawFrontmatter: entry.rawFrontmatter,
		frontmatterLine: entry.frontmatterLine,
		bodyLine: entry.bodyLine,
	};
	if (!entry.readable) return summary;
	const { data } = entry;
	const date = dateOf(data.date);
	if (date !== undefined) summary.date = date;
	const page = pageOf(data.page);
	if (page !== undefined) summary.page = page;
	if (PRINTED.includes(entry.collection)) {
		if (typeof data.title === 'string') summary.headline = normalisedText(data.title);
		if (Number.isSafeInteger(data.order) && (data.order as number) >= 1)
			summary.order = data.order as number;
		if (Array.isArray(data.regions) && data.regions.length > 0)
			summary.regions = data.regions.length;
		// The digest reprints are grouped by on the site, so the check and the pages agree.
		const digest = textDigest(entry.body);
		if (digest !== undefined) summary.bodyDigest = digest;
	}
	if (Array.isArray(data.redirectFrom)) {
		summary.redirectFrom = [];
		data.redirectFrom.forEach((path, index) => {
			if (typeof path === 'string') summary.redirectFrom!.push({ index, path });
		});
	}
	if (entry.collection === 'issues') {
		const written = Array.isArray(data.pages) ? data.pages : [];
		summary.pages = [];
		written.forEach((page, index) => {
			const fields = record(page);
			const number = pageOf(fields?.number);
			if (number === undefined) return;
			const listed: NonNullable<EntrySummary['pages']>[number] = {
				number,
				missing: fields?.missing === true,
				index,
			};
			if (typeof fields?.pdf === 'string') listed.pdf = fields.pdf;
			if (typeof fields?.image === 'string') listed.image = fields.image;
			summary.pages!.push(listed);
		});
	}
	if (entry.collection === 'articles') {
		const named = Array.isArray(data.people) ? data.people : [];
		summary.people = [];
		named.forEach((person, index) => {
			if (typeof person === 'string') summary.people!.push({ index, id: person });
		});
		summary.continuations = [];
		for (const field of ['continuedFrom', 'continuedOn'] as const) {
			const continuation = record(data[field]);
			const article = continuation?.article;
			if (typeof article !== 'string') continue;
			const page = pageOf(continuation?.page);
			summary.continuations.push({ field, article, ...(page !== undefined && { page }) });
		}
	}
	return summary;
}
