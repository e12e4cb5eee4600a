import type { APIContext } from 'astro';
import { paper } from '../../../config/paper.ts';
import { loadArchive } from '../../../data/archive.ts';
import { feedResponse, storyFeedItem } from '../../../data/feeds.ts';

/** One feed per person: the stories that mention them, `/feeds/people/zhu-haiyi.xml`. */
export async function getStaticPaths() {
	const archive = await loadArchive();
	return archive.people.map((person) => ({ params: { id: person.id } }));
}

export async function GET({ params }: APIContext<never, { id: string }>) {
	const archive = await loadArchive();
	const person = archive.peopleById.get(params.id)!;
	return feedResponse(
		`${paper.name} · ${person.data.name}`,
		`${paper.name}提到${person.data.name}的报道`,
		(archive.storiesByPerson.get(params.id) ?? []).map(storyFeedItem),
	);
}
