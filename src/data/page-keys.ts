import { createHash } from 'node:crypto';
import { itemPath } from '../domain/routes.ts';
import { storyTitle } from '../domain/story-title.ts';
import {
	describePrinted,
	issueSequence,
	pageName,
	reprintLinks,
	type Archive,
	type ArchiveStory,
	type Issue,
	type PageContents,
} from './archive-model.ts';
import { relatedStories } from './related.ts';

/**
 * Cache keys for Astro's incremental build (`experimental.incrementalBuild`): a page whose
 * key and code are unchanged since the last build is copied from the cache instead of
 * rendered. A key is a digest of everything the page shows from the archive: the entries
 * it prints in full (front matter, text and rendered HTML) and what it only names (titles
 * and links of its neighbours). A key that left something out would leave a stale page,
 * so when in doubt a whole entry goes in. The page's code is Astro's part: any change to
 * a route, component, style or module it imports (this one included) rebuilds it.
 */

/** A digest of any JSON-serialisable values. */
export function cacheKeyOf(...parts: unknown[]): string {
	return createHash('sha1').update(JSON.stringify(parts)).digest('base64url');
}

function neighbourLink(page: PageContents | undefined) {
	return page && { date: page.date, number: page.number, name: page.name };
}

function storyEntries(story: ArchiveStory) {
	return story.parts.map(({ part, ...continuation }) => [part.entry, continuation]);
}

/**
 * A story's page: its parts, its issue's neighbours, its page name, the people it names,
 * its reprints and its related stories. Its citation names no day (CiteThis.astro), so the
 * key holds none: a story page is not rendered again just because a day has passed.
 */
export function storyPageKey(archive: Archive, story: ArchiveStory): string {
	const lead = story.parts[0]!.part.entry;
	const { date, page } = lead.data;
	const sequence = issueSequence(archive, date);
	const position = sequence.findIndex((item) => item.href === itemPath('article', story.id));
	const people = [...new Set(story.parts.flatMap(({ part }) => part.entry.data.people))].map((id) =>
		archive.peopleById.get(id),
	);
	return cacheKeyOf(
		storyEntries(story),
		archive.issueByDate.get(date)?.data.dateInferred,
		pageName(archive, date, page),
		sequence[position - 1],
		sequence[position + 1],
		people,
		reprintLinks(
			archive,
			story.parts.map(({ part }) => ({ kind: 'article' as const, entry: part.entry })),
		),
		relatedStories(archive, story),
	);
}

/** The page a later part keeps at its own address: it names the story and points into it. */
export function partRedirectKey(story: ArchiveStory, redirectTo: string): string {
	return cacheKeyOf(storyTitle(story.parts[0]!.part.entry.data), redirectTo);
}

/** An issue's contents page: the issue, every page's items by title and link, its neighbours. */
export function issuePageKey(
	archive: Archive,
	issue: Issue,
	previous: Issue | undefined,
	next: Issue | undefined,
): string {
	const pages = (archive.pagesByDate.get(issue.data.date) ?? []).map(({ items, ...page }) => ({
		...page,
		items: items.map(describePrinted),
	}));
	return cacheKeyOf(issue, pages, previous?.data.date, next?.data.date);
}

/**
 * A day's "on this day" page: that day's issues of every year, each with its items as the
 * list names them (`OnThisDayList.astro`: title, kind and link). Publishing a day renders
 * only that day's page again, not all 366.
 */
export function onThisDayPageKey(archive: Archive, day: string, dates: readonly string[]): string {
	return cacheKeyOf(
		day,
		dates.map((date) => [date, issueSequence(archive, date)]),
	);
}

/** A page as printed: every item on it in full, and its neighbours by number and name. */
export function printedPageKey(
	archive: Archive,
	page: PageContents,
	previous: PageContents | undefined,
	next: PageContents | undefined,
): string {
	const { items, ...meta } = page;
	return cacheKeyOf(
		meta,
		items.map((item) => [item.kind, item.entry, describePrinted(item).href]),
		neighbourLink(previous),
		neighbourLink(next),
		archive.issueByDate.get(page.date)?.data.dateInferred,
	);
}
