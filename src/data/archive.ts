import { getCollection, type CollectionEntry } from 'astro:content';
import { stitchContinuations, type Story } from '../domain/continuations.ts';
import { comparePrintOrder } from '../domain/print-order.ts';
import { itemPath, type ItemKind } from '../domain/routes.ts';
import { storyTitle } from '../domain/story-title.ts';

/**
 * The whole archive read once per build and shared by every route: collections,
 * stories stitched from their parts, and what each issue and page holds.
 */

export type Article = CollectionEntry<'articles'>;
export type Person = CollectionEntry<'people'>;
export type Notice = CollectionEntry<'notices'>;
export type Advert = CollectionEntry<'adverts'>;
export type Issue = CollectionEntry<'issues'>;

/** Anything printed on a page, with where it links to. */
export type PrintedEntry =
	| { kind: 'article'; entry: Article; storyId: string }
	| { kind: 'notice'; entry: Notice }
	| { kind: 'advert'; entry: Advert };

export interface PageContents {
	date: string;
	number: number;
	name?: string | undefined;
	editor?: string | undefined;
	missing: boolean;
	items: PrintedEntry[];
}

export interface Archive {
	articles: Article[];
	people: Person[];
	notices: Notice[];
	adverts: Advert[];
	/** Issues, oldest first. */
	issues: Issue[];
	stories: Story<Article['data'] & { id: string; entry: Article }>[];
	/** Story id of each article part. */
	storyOfPart: Map<string, string>;
	peopleById: Map<string, Person>;
	/** Pages of every issue, keyed by date. */
	pagesByDate: Map<string, PageContents[]>;
}

let archive: Promise<Archive> | undefined;

export function loadArchive(): Promise<Archive> {
	archive ??= readArchive();
	return archive;
}

async function readArchive(): Promise<Archive> {
	const [articles, people, notices, adverts, issues] = await Promise.all([
		getCollection('articles'),
		getCollection('people'),
		getCollection('notices'),
		getCollection('adverts'),
		getCollection('issues'),
	]);
	issues.sort((a, b) => a.data.date.localeCompare(b.data.date));

	const stories = stitchContinuations(
		articles.map((entry) => ({ ...entry.data, id: entry.id, entry })),
	);
	const storyOfPart = new Map<string, string>();
	for (const story of stories)
		for (const { part } of story.parts) storyOfPart.set(part.id, story.id);

	const printed: PrintedEntry[] = [
		...articles.map((entry) => ({
			kind: 'article' as const,
			entry,
			storyId: storyOfPart.get(entry.id)!,
		})),
		...notices.map((entry) => ({ kind: 'notice' as const, entry })),
		...adverts.map((entry) => ({ kind: 'advert' as const, entry })),
	];
	const itemsByPage = new Map<string, PrintedEntry[]>();
	for (const item of printed) {
		const key = `${item.entry.data.date}/${item.entry.data.page}`;
		itemsByPage.set(key, [...(itemsByPage.get(key) ?? []), item]);
	}

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
				items: (itemsByPage.get(`${issue.data.date}/${page.number}`) ?? []).sort((a, b) =>
					comparePrintOrder(
						{ id: a.entry.id, ...a.entry.data },
						{ id: b.entry.id, ...b.entry.data },
					),
				),
			}));
		pagesByDate.set(issue.data.date, pages);
	}

	return {
		articles,
		people: people.sort((a, b) => a.data.name.localeCompare(b.data.name, 'zh-CN')),
		notices,
		adverts,
		issues,
		stories,
		storyOfPart,
		peopleById: new Map(people.map((person) => [person.id, person])),
		pagesByDate,
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
			return { kind: 'article', title: storyTitle(item.entry.data).text, href };
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

/** Where a story part is anchored inside its story page. */
export function partAnchor(articleId: string): string {
	return `part-${articleId.replaceAll('/', '-')}`;
}

/** Everything printed in one issue, page by page in print order, one entry per story. */
export function issueSequence(
	archive: Archive,
	date: string,
): { title: string; href: string; kind: ItemKind }[] {
	const seen = new Set<string>();
	const sequence: { title: string; href: string; kind: ItemKind }[] = [];
	for (const page of archive.pagesByDate.get(date) ?? []) {
		for (const item of page.items) {
			const described = describePrinted(item);
			const key = described.href.split('#')[0]!;
			if (seen.has(key)) continue;
			seen.add(key);
			sequence.push({ ...described, href: key });
		}
	}
	return sequence;
}

export function issueOn(archive: Archive, date: string): Issue | undefined {
	return archive.issues.find((issue) => issue.data.date === date);
}

/** The page's name (版名) of a date and page, from its issue. */
export function pageName(archive: Archive, date: string, page: number): string | undefined {
	return archive.pagesByDate.get(date)?.find((contents) => contents.number === page)?.name;
}
