import type { CollectionEntry } from 'astro:content';
import { stitchContinuations, type Story } from '../domain/continuations.ts';
import { comparePrintOrder } from '../domain/print-order.ts';
import { groupReprints } from '../domain/reprints.ts';
import { itemPath, type ItemKind } from '../domain/routes.ts';
import { continuationLabel, storyTitle } from '../domain/story-title.ts';
import { plainSummary } from '../domain/summary.ts';

/**
 * The whole archive tied together once per build: stories stitched from their parts, what
 * each issue and page holds, and the lookups every page needs. Every route asks the same
 * questions of it (a story by id, an issue by date, an issue's reading order), once per
 * page, so each is a map or a memo here rather than a scan of the whole archive: with
 * 100,000 articles a scan per page is 10^10 steps.
 *
 * No Astro runtime import, so it can be tested on plain objects.
 */

export type Article = CollectionEntry<'articles'>;
export type Person = CollectionEntry<'people'>;
export type Notice = CollectionEntry<'notices'>;
export type Advert = CollectionEntry<'adverts'>;
export type Issue = CollectionEntry<'issues'>;

export type ArchiveStory = Story<Article['data'] & { id: string; entry: Article }>;

/** Anything printed on a page, with where it links to. */
export type PrintedEntry =
	| {
			kind: 'article';
			entry: Article;
			storyId: string;
			/** The story's headline, from its first part, when this is a later part without one. */
			storyHeadline?: string | undefined;
	  }
	| { kind: 'notice'; entry: Notice }
	| { kind: 'advert'; entry: Advert };

export interface PageContents {
	date: string;
	number: number;
	name?: string | undefined;
	editor?: string | undefined;
	missing: boolean;
	/** The page as a PDF, below the content root (`media/…`). */
	pdf?: string | undefined;
	/** The page image, below the content root (`media/…`). */
	image?: string | undefined;
	/** Shown with the page image. */
	note?: string | undefined;
	items: PrintedEntry[];
}

export interface Archive {
	articles: Article[];
	people: Person[];
	notices: Notice[];
	adverts: Advert[];
	/** Issues, oldest first. */
	issues: Issue[];
	/** Stories in reading order of their first part. */
	stories: ArchiveStory[];
	storyById: Map<string, ArchiveStory>;
	/** Story id of each article part. */
	storyOfPart: Map<string, string>;
	peopleById: Map<string, Person>;
	issueByDate: Map<string, Issue>;
	/** Pages of every issue, keyed by date. */
	pagesByDate: Map<string, PageContents[]>;
	/** Stories that mention each person, by person id, newest first. */
	storiesByPerson: Map<string, ArchiveStory[]>;
	/**
	 * The other printings of each item printed more than once (同文另见), oldest first, by
	 * `printedKey`. Items printed once are not in it.
	 */
	reprintsOf: Map<string, PrintedEntry[]>;
}

/** The key of a printed item in `reprintsOf`: `notice:2021-11-11/02-x`. */
export function printedKey(item: Pick<PrintedEntry, 'kind' | 'entry'>): string {
	return `${item.kind}:${item.entry.id}`;
}

export interface Collections {
	articles: Article[];
	people: Person[];
	notices: Notice[];
	adverts: Advert[];
	issues: Issue[];
}

function groupBy<T>(items: Iterable<T>, key: (item: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const item of items) {
		const name = key(item);
		const group = groups.get(name);
		if (group) group.push(item);
		else groups.set(name, [item]);
	}
	return groups;
}

/** Ties the collections together. Sorts `issues` and `people` in place. */
export function assembleArchive({
	articles,
	people,
	notices,
	adverts,
	issues,
}: Collections): Archive {
	issues.sort((a, b) => a.data.date.localeCompare(b.data.date));

	const stories = stitchContinuations(
		articles.map((entry) => ({ ...entry.data, id: entry.id, entry })),
	);
	const storyOfPart = new Map<string, string>();
	const headlineOfPart = new Map<string, string>();
	for (const story of stories) {
		const headline = story.parts[0]!.part.title;
		for (const { part } of story.parts) {
			storyOfPart.set(part.id, story.id);
			if (headline && part.id !== story.id && !part.title) headlineOfPart.set(part.id, headline);
		}
	}

	const printed: PrintedEntry[] = [
		...articles.map((entry) => ({
			kind: 'article' as const,
			entry,
			storyId: storyOfPart.get(entry.id)!,
			storyHeadline: headlineOfPart.get(entry.id),
		})),
		...notices.map((entry) => ({ kind: 'notice' as const, entry })),
		...adverts.map((entry) => ({ kind: 'advert' as const, entry })),
	];
	const itemsByPage = groupBy(printed, (item) => `${item.entry.data.date}/${item.entry.data.page}`);

	const pagesByDate = new Map<string, PageContents[]>();
	for (const issue of issues) {
		const pages = [...issue.data.pages]
			.sort((a, b) => a.number - b.number)
			.map((page) => ({
				date: issue.data.date,
				number: page.number,
				name: page.name,
				editor: page.editor,
				missing: page.missing,
				pdf: page.pdf,
				image: page.image,
				note: page.note,
				items: (itemsByPage.get(`${issue.data.date}/${page.number}`) ?? []).sort((a, b) =>
					comparePrintOrder(
						{ id: a.entry.id, ...a.entry.data },
						{ id: b.entry.id, ...b.entry.data },
					),
				),
			}));
		pagesByDate.set(issue.data.date, pages);
	}

	const storiesByPerson = new Map<string, ArchiveStory[]>();
	for (const story of stories) {
		const mentioned = new Set(story.parts.flatMap(({ part }) => part.entry.data.people));
		for (const personId of mentioned) {
			const list = storiesByPerson.get(personId);
			if (list) list.push(story);
			else storiesByPerson.set(personId, [story]);
		}
	}
	for (const list of storiesByPerson.values()) {
		// Stable sort: stories of one day keep their reading order.
		list.sort((a, b) => b.parts[0]!.part.date.localeCompare(a.parts[0]!.part.date));
	}

	const reprints = groupReprints(
		printed.map((item) => ({
			key: printedKey(item),
			date: item.entry.data.date,
			page: item.entry.data.page,
			body: item.entry.body ?? '',
			item,
		})),
	);
	const reprintsOf = new Map(
		[...reprints].map(([key, others]) => [key, others.map((other) => other.item)]),
	);

	return {
		articles,
		people: people.sort((a, b) => a.data.name.localeCompare(b.data.name, 'zh-CN')),
		notices,
		adverts,
		issues,
		stories,
		storyById: new Map(stories.map((story) => [story.id, story])),
		storyOfPart,
		peopleById: new Map(people.map((person) => [person.id, person])),
		issueByDate: new Map(issues.map((issue) => [issue.data.date, issue])),
		pagesByDate,
		storiesByPerson,
		reprintsOf,
	};
}

/** The title and link of anything printed, as lists and page views show it. */
export function describePrinted(item: PrintedEntry): {
	kind: ItemKind;
	title: string;
	href: string;
} {
	switch (item.kind) {
		case 'article': {
			const anchor = item.storyId === item.entry.id ? '' : `#${partAnchor(item.entry.id)}`;
			const href = `${itemPath('article', item.storyId)}${anchor}`;
			const { data, body } = item.entry;
			// A part whose headline ran on a page the archive lacks is named by its opening words.
			const opening = !data.title && !item.storyHeadline ? plainSummary(body, 40) : undefined;
			const title = opening
				? continuationLabel(opening)
				: storyTitle(data, item.storyHeadline).text;
			return { kind: 'article', title, href };
		}
		case 'notice':
			return {
				kind: 'notice',
				title: item.entry.data.title,
				href: itemPath('notice', item.entry.id),
			};
		case 'advert':
			return {
				kind: 'advert',
				title: item.entry.data.title,
				href: itemPath('advert', item.entry.id),
			};
	}
}

/**
 * Where else the text of an item (or of any part of a story) was printed, oldest first,
 * one link per page reached; the item's own parts are left out.
 */
export function reprintLinks(
	archive: Archive,
	items: readonly Pick<PrintedEntry, 'kind' | 'entry'>[],
): { title: string; href: string; date: string; page: number }[] {
	const own = new Set(items.map(printedKey));
	const seen = new Set<string>();
	const links: { title: string; href: string; date: string; page: number }[] = [];
	for (const item of items) {
		for (const other of archive.reprintsOf.get(printedKey(item)) ?? []) {
			if (own.has(printedKey(other))) continue;
			const { title, href } = describePrinted(other);
			if (seen.has(href)) continue;
			seen.add(href);
			links.push({ title, href, date: other.entry.data.date, page: other.entry.data.page });
		}
	}
	return links.sort((a, b) => a.date.localeCompare(b.date) || a.page - b.page);
}

/** Where a story part is anchored inside its story page. */
export function partAnchor(articleId: string): string {
	return `part-${articleId.replaceAll('/', '-')}`;
}

export interface SequenceItem {
	title: string;
	href: string;
	kind: ItemKind;
}

// Every story page of an issue asks for the same sequence: computed once per date.
const sequences = new WeakMap<Archive, Map<string, readonly SequenceItem[]>>();

/** Everything printed in one issue, page by page in print order, one entry per story. */
export function issueSequence(archive: Archive, date: string): readonly SequenceItem[] {
	let byDate = sequences.get(archive);
	if (!byDate) {
		byDate = new Map();
		sequences.set(archive, byDate);
	}
	const cached = byDate.get(date);
	if (cached) return cached;
	const seen = new Set<string>();
	const sequence: SequenceItem[] = [];
	for (const page of archive.pagesByDate.get(date) ?? []) {
		for (const item of page.items) {
			const described = describePrinted(item);
			const key = described.href.split('#')[0]!;
			if (seen.has(key)) continue;
			seen.add(key);
			sequence.push({ ...described, href: key });
		}
	}
	byDate.set(date, sequence);
	return sequence;
}

export function issueOn(archive: Archive, date: string): Issue | undefined {
	return archive.issueByDate.get(date);
}

/** The page's name (版名) of a date and page, from its issue. */
export function pageName(archive: Archive, date: string, page: number): string | undefined {
	return archive.pagesByDate.get(date)?.find((contents) => contents.number === page)?.name;
}
