import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { paper } from '../config/paper.ts';
import { loadArchive } from '../data/archive.ts';
import { itemPath } from '../domain/routes.ts';
import { storyTitle } from '../domain/story-title.ts';

const FEED_SIZE = 50;

/** The newest stories and notices; `@astrojs/rss` escapes every string it writes. */
export async function GET(context: APIContext) {
	const archive = await loadArchive();
	const stories = archive.stories.map((story) => {
		const lead = story.parts[0]!.part.entry.data;
		return { title: storyTitle(lead).text, date: lead.date, link: itemPath('article', story.id) };
	});
	const notices = archive.notices.map((notice) => ({
		title: notice.data.title,
		date: notice.data.date,
		link: itemPath('notice', notice.id),
	}));
	const items = [...stories, ...notices]
		.sort((a, b) => b.date.localeCompare(a.date) || a.link.localeCompare(b.link))
		.slice(0, FEED_SIZE);
	return rss({
		title: paper.shortName,
		description: paper.description,
		site: context.site ?? paper.siteUrl,
		customData: `<language>${paper.language}</language>`,
		items: items.map((item) => ({
			title: item.title,
			link: item.link,
			pubDate: new Date(`${item.date}T00:00:00${paper.utcOffset}`),
		})),
	});
}
