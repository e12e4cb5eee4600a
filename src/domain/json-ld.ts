import { paper } from '../config/paper.ts';

/** schema.org descriptions for search engines. Strings are data: BaseLayout escapes them. */

function publisher() {
	return { '@type': 'NewsMediaOrganization', name: paper.publisher, url: paper.siteUrl };
}

function absolute(path: string): string {
	return new URL(path, paper.siteUrl).href;
}

export function articleJsonLd(input: {
	lead: {
		date: string;
		authors: string[];
		kicker?: string | undefined;
		subtitle?: string | undefined;
		tags: string[];
	};
	title: string | undefined;
	url: string;
	people: string[];
}) {
	return {
		'@type': 'NewsArticle',
		...(input.title && { headline: input.title }),
		...(input.lead.subtitle && { alternativeHeadline: input.lead.subtitle }),
		datePublished: `${input.lead.date}T00:00:00${paper.utcOffset}`,
		url: absolute(input.url),
		inLanguage: paper.language,
		isPartOf: { '@type': 'Periodical', name: paper.name },
		publisher: publisher(),
		...(input.lead.authors.length > 0 && {
			author: input.lead.authors.map((name) => ({ '@type': 'Person', name })),
		}),
		...(input.people.length > 0 && {
			mentions: input.people.map((name) => ({ '@type': 'Person', name })),
		}),
		...(input.lead.tags.length > 0 && { keywords: input.lead.tags.join(',') }),
	};
}

export function personJsonLd(input: {
	name: string;
	description: string;
	url: string;
	place?: string | undefined;
	honours: string[];
}) {
	return {
		'@type': 'Person',
		name: input.name,
		description: input.description,
		url: absolute(input.url),
		...(input.place && { homeLocation: { '@type': 'Place', name: input.place } }),
		...(input.honours.length > 0 && { award: input.honours }),
	};
}

/** An auction notice with a time and venue is an event; other notices are plain web pages. */
export function noticeJsonLd(input: {
	title: string;
	url: string;
	date: string;
	issuer: string;
	auction?: { time: string; venue: string } | undefined;
}) {
	if (!input.auction) {
		return {
			'@type': 'WebPage',
			name: input.title,
			url: absolute(input.url),
			datePublished: input.date,
		};
	}
	return {
		'@type': 'Event',
		name: input.title,
		url: absolute(input.url),
		startDate: input.auction.time,
		eventAttendanceMode: 'https://schema.org/OfflineEventAttendanceMode',
		eventStatus: 'https://schema.org/EventScheduled',
		location: { '@type': 'Place', name: input.auction.venue, address: input.auction.venue },
		organizer: { '@type': 'Organization', name: input.issuer },
	};
}
