import rss from '@astrojs/rss';
import { paper } from '../config/paper.ts';
import { itemPath } from '../domain/routes.ts';
import { storyTitle } from '../domain/story-title.ts';
import { pageName, type Archive, type ArchiveStory } from './archive-model.ts';

/**
 * The feeds beside `/rss.xml`: one per section (版名), one per person, one for notices.
 * RSS 2.0 written by `@astrojs/rss`, which escapes every string. See docs/open-data.md.
 */

export const FEED_SIZE = 50;

export interface FeedItem {
	title: string;
	link: string;
	date: string;
}

/** Newest first; ties by link, so the order never depends on how files were read. */
export function newestFirst(items: FeedItem[]): FeedItem[] {
	return [...items]
		.sort((a, b) => b.date.localeCompare(a.date) || a.link.localeCompare(b.link))
		.slice(0, FEED_SIZE);
}

export function storyFeedItem(story: ArchiveStory): FeedItem {
	const lead = story.parts[0]!.part.entry.data;
	return { title: storyTitle(lead).text, date: lead.date, link: itemPath('article', story.id) };
}

/** The section (版名) a story is filed under: its own `section`, else its page's name. */
export function storySection(archive: Archive, story: ArchiveStory): string | undefined {
	const lead = story.parts[0]!.part.entry.data;
	return lead.section ?? pageName(archive, lead.date, lead.page);
}

export function storiesBySection(archive: Archive): Map<string, ArchiveStory[]> {
	const sections = new Map<string, ArchiveStory[]>();
	for (const story of archive.stories) {
		const section = storySection(archive, story);
		if (!section) continue;
		const list = sections.get(section);
		if (list) list.push(story);
		else sections.set(section, [story]);
	}
	return sections;
}

export function feedResponse(title: string, description: string, items: FeedItem[]) {
	return rss({
		title,
		description,
		site: paper.siteUrl,
		customData: `<language>${paper.language}</language>`,
		items: newestFirst(items).map((item) => ({
			title: item.title,
			link: item.link,
			pubDate: new Date(`${item.date}T00:00:00${paper.utcOffset}`),
		})),
	});
}
