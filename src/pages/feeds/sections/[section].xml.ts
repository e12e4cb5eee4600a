import type { APIContext } from 'astro';
import { paper } from '../../../config/paper.ts';
import { loadArchive } from '../../../data/archive.ts';
import { feedResponse, storiesBySection, storyFeedItem } from '../../../data/feeds.ts';

/** One feed per section (版名): `/feeds/sections/要闻.xml`. */
export async function getStaticPaths() {
	const archive = await loadArchive();
	return [...storiesBySection(archive).keys()].map((section) => ({ params: { section } }));
}

export async function GET({ params }: APIContext<never, { section: string }>) {
	const archive = await loadArchive();
	const stories = storiesBySection(archive).get(params.section) ?? [];
	return feedResponse(
		`${paper.name} · ${params.section}`,
		`${paper.name}“${params.section}”版的文章`,
		stories.map(storyFeedItem),
	);
}
