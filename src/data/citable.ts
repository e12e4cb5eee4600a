import { paper } from '../config/paper.ts';
import { citationAuthors, type CitableItem } from '../domain/citation.ts';
import { itemPath } from '../domain/routes.ts';
import { storyTitle } from '../domain/story-title.ts';
import {
	pageName,
	type Advert,
	type Archive,
	type ArchiveStory,
	type Notice,
	type Person,
} from './archive-model.ts';

/** Archive entries as the plain `CitableItem`s the citation code formats. */

function absolute(path: string): string {
	return new URL(path, paper.siteUrl).href;
}

const printed = {
	medium: 'newspaper',
	container: paper.name,
	publisher: paper.publisher,
	language: paper.language,
} as const;

export function citableStory(archive: Archive, story: ArchiveStory): CitableItem {
	const lead = story.parts[0]!.part.entry.data;
	return {
		...printed,
		key: `article/${story.id}`,
		title: storyTitle(lead).text,
		subtitle: lead.subtitle,
		authors: citationAuthors(story.parts.flatMap(({ part }) => part.entry.data.authors)),
		date: lead.date,
		page: lead.page,
		section: lead.section ?? pageName(archive, lead.date, lead.page),
		url: absolute(itemPath('article', story.id)),
	};
}

/** A notice is signed by its issuer (the auctioneer, the court, the person who lost a card). */
export function citableNotice(archive: Archive, notice: Notice): CitableItem {
	const { title, issuer, date, page } = notice.data;
	return {
		...printed,
		key: `notice/${notice.id}`,
		title,
		authors: [issuer],
		date,
		page,
		section: pageName(archive, date, page),
		url: absolute(itemPath('notice', notice.id)),
	};
}

export function citableAdvert(archive: Archive, advert: Advert): CitableItem {
	const { title, sponsor, date, page } = advert.data;
	return {
		...printed,
		key: `advert/${advert.id}`,
		title,
		authors: [sponsor],
		date,
		page,
		section: pageName(archive, date, page),
		url: absolute(itemPath('advert', advert.id)),
	};
}

/** A profile is a page of the archive, not something the paper printed. */
export function citablePerson(person: Person): CitableItem {
	return {
		key: `person/${person.id}`,
		medium: 'web',
		title: person.data.name,
		authors: [],
		container: paper.shortName,
		publisher: paper.publisher,
		language: paper.language,
		url: absolute(itemPath('person', person.id)),
	};
}

/** Every item that has a citation: stories (by their first part's id), notices, adverts, people. */
export function citableItems(
	archive: Archive,
): { kind: 'article' | 'notice' | 'advert' | 'person'; id: string; item: CitableItem }[] {
	return [
		...archive.stories.map((story) => ({
			kind: 'article' as const,
			id: story.id,
			item: citableStory(archive, story),
		})),
		...archive.notices.map((notice) => ({
			kind: 'notice' as const,
			id: notice.id,
			item: citableNotice(archive, notice),
		})),
		...archive.adverts.map((advert) => ({
			kind: 'advert' as const,
			id: advert.id,
			item: citableAdvert(archive, advert),
		})),
		...archive.people.map((person) => ({
			kind: 'person' as const,
			id: person.id,
			item: citablePerson(person),
		})),
	];
}
