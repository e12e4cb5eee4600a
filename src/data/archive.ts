import { getCollection } from 'astro:content';
import { assembleArchive, type Archive } from './archive-model.ts';

/**
 * The whole archive read once per build and shared by every route. What it holds and the
 * lookups on it live in `archive-model.ts` (no Astro runtime there, so it is testable).
 */

export {
	describePrinted,
	issueOn,
	issueSequence,
	pageName,
	partAnchor,
	printedKey,
	reprintLinks,
	type Advert,
	type Archive,
	type ArchiveStory,
	type Article,
	type Issue,
	type Notice,
	type PageContents,
	type Person,
	type PrintedEntry,
} from './archive-model.ts';

let archive: Promise<Archive> | undefined;

export function loadArchive(): Promise<Archive> {
	archive ??= readArchive();
	return archive;
}

async function readArchive(): Promise<Archive> {
	const [articles, people, notices, adverts, issues] = await Promise.all([
		getCollection('articles'),
		getCollection('people'),
		getCollection('notices'),
		getCollection('adverts'),
		getCollection('issues'),
	]);
	return assembleArchive({ articles, people, notices, adverts, issues });
}
