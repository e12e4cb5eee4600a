import {
	HONOUR_CATEGORIES,
	HONOUR_LEVELS,
	type HonourCategory,
	type HonourLevel,
} from '../schemas/person.ts';

/** Static filter pages for the people directory: readable addresses, no JavaScript needed. */

export const LEVEL_SLUGS: Record<HonourLevel, string> = {
	县级: 'county',
	市级: 'city',
	省级: 'province',
	全国: 'national',
};

export const CATEGORY_SLUGS: Record<HonourCategory, string> = {
	助人为乐: 'helping-others',
	见义勇为: 'bravery',
	诚实守信: 'honesty',
	敬业奉献: 'dedication',
	孝老爱亲: 'filial-piety',
};

export interface PeopleFilter {
	facet: 'level' | 'category';
	value: HonourLevel | HonourCategory;
	slug: string;
	label: string;
}

export const PEOPLE_FILTERS: PeopleFilter[] = [
	...HONOUR_LEVELS.map((value) => ({
		facet: 'level' as const,
		value,
		slug: LEVEL_SLUGS[value],
		label: `${value}荣誉`,
	})),
	...HONOUR_CATEGORIES.map((value) => ({
		facet: 'category' as const,
		value,
		slug: CATEGORY_SLUGS[value],
		label: value,
	})),
];

export function peopleFilterPath(filter: PeopleFilter): string {
	return `/people/${filter.facet}/${filter.slug}/`;
}

interface HonouredPerson {
	honours: { level?: HonourLevel | undefined; category?: HonourCategory | undefined }[];
}

export function matchesFilter(person: HonouredPerson, filter: PeopleFilter): boolean {
	return person.honours.some((honour) => honour[filter.facet] === filter.value);
}

/** The highest level among a person's honours, for sorting and badges. */
export function highestLevel(person: HonouredPerson): HonourLevel | undefined {
	let best: HonourLevel | undefined;
	for (const honour of person.honours) {
		if (
			honour.level &&
			(!best || HONOUR_LEVELS.indexOf(honour.level) > HONOUR_LEVELS.indexOf(best))
		)
			best = honour.level;
	}
	return best;
}

/** 旬阳市 · 小河镇 · 神河社区 */
export function formatPlace(place: {
	county?: string | undefined;
	township?: string | undefined;
	village?: string | undefined;
}): string {
	return [place.county, place.township, place.village].filter(Boolean).join(' · ');
}
