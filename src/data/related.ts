import { buildRelatedIndex, relatedTo, type RelatedIndex } from '../domain/related.ts';
import { itemPath } from '../domain/routes.ts';
import { storyTitle } from '../domain/story-title.ts';
import type { Archive, ArchiveStory } from './archive-model.ts';

/** Related stories for a story's page, from one index per archive (src/domain/related.ts). */

const indexes = new WeakMap<Archive, RelatedIndex>();
// The page's cache key and the page itself both ask: answer once per story.
const answers = new WeakMap<ArchiveStory, RelatedLink[]>();

function indexOf(archive: Archive): RelatedIndex {
	let index = indexes.get(archive);
	if (!index) {
		index = buildRelatedIndex(
			archive.stories.map((story) => {
				const parts = story.parts.map(({ part }) => part.entry.data);
				return {
					id: story.id,
					date: parts[0]!.date,
					people: parts.flatMap((part) => part.people),
					places: parts.flatMap((part) => part.places),
					tags: parts.flatMap((part) => part.tags),
				};
			}),
		);
		indexes.set(archive, index);
	}
	return index;
}

export interface RelatedLink {
	href: string;
	title: string;
	date: string;
}

export function relatedStories(archive: Archive, story: ArchiveStory): RelatedLink[] {
	const known = answers.get(story);
	if (known) return known;
	const links = relatedTo(indexOf(archive), story.id).map((id) => {
		const lead = archive.storyById.get(id)!.parts[0]!.part.entry.data;
		return { href: itemPath('article', id), title: storyTitle(lead).text, date: lead.date };
	});
	answers.set(story, links);
	return links;
}
