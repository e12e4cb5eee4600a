import { matchesFilter, PEOPLE_FILTERS } from '../domain/people-filters.ts';
import type { Archive, Person, PrintedEntry } from './archive-model.ts';

/** How many people each directory filter shows, keyed by filter slug (and `all`). */
export function peopleFilterCounts(people: readonly Person[]): Map<string, number> {
	const counts = new Map<string, number>([['all', people.length]]);
	for (const filter of PEOPLE_FILTERS) {
		counts.set(filter.slug, people.filter((person) => matchesFilter(person.data, filter)).length);
	}
	return counts;
}

/** Every story that mentions a person, newest first. */
export function itemsMentioning(archive: Archive, personId: string): PrintedEntry[] {
	return (archive.storiesByPerson.get(personId) ?? []).map((story) => ({
		kind: 'article' as const,
		entry: story.parts[0]!.part.entry,
		storyId: story.id,
	}));
}
