import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../support/paths.ts';

/**
 * The content folder as the tests see it, read independently of the site's own loader:
 * which files there are, the id each must get (its path below the collection folder,
 * without extension, lowercased) and its front matter.
 */

export const DEFAULT_CONTENT_DIR = join(PROJECT_ROOT, 'content');

export const ITEM_COLLECTIONS = ['articles', 'people', 'notices', 'adverts'] as const;
export type ItemCollection = (typeof ITEM_COLLECTIONS)[number];

export const KIND_OF_COLLECTION: Record<ItemCollection, string> = {
	articles: 'article',
	people: 'person',
	notices: 'notice',
	adverts: 'advert',
};

export interface ContentFile {
	collection: string;
	/** Path below the collection folder, `/`-separated, e.g. `2021-11-11/02-zhu-haiyi.md`. */
	path: string;
	id: string;
	data: Record<string, unknown>;
}

/** Front matter of a Markdown file as plain data (YAML 1.2: dates stay strings). */
export function frontMatterOf(source: string): Record<string, unknown> {
	const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(source);
	if (!match) return {};
	return (parse(match[1]!) ?? {}) as Record<string, unknown>;
}

/** Entry files of one collection: Markdown, skipping anything named with a leading `_` or `.`. */
export function contentFiles(collection: string, contentDir = DEFAULT_CONTENT_DIR): ContentFile[] {
	const base = join(contentDir, collection);
	let names: string[];
	try {
		names = readdirSync(base, { recursive: true, encoding: 'utf8' });
	} catch {
		return [];
	}
	return names
		.map((name) => name.split(sep).join('/'))
		.filter(
			(path) =>
				/\.(md|mdx)$/i.test(path) && !path.split('/').some((segment) => /^[_.]/.test(segment)),
		)
		.sort()
		.map((path) => ({
			collection,
			path,
			id: path.replace(/\.(md|mdx)$/i, '').toLowerCase(),
			data: frontMatterOf(readFileSync(join(base, path), 'utf8')),
		}));
}

/** `content/articles/2021-11-11/02-zhu-haiyi.md` relative to the project, for messages. */
export function projectPath(contentDir: string, file: ContentFile): string {
	return relative(PROJECT_ROOT, join(contentDir, file.collection, file.path))
		.split(sep)
		.join('/');
}

export interface IssueInfo {
	date: string;
	dateInferred: boolean;
	pages: { number: number; missing: boolean }[];
}

export function issuesOf(contentDir = DEFAULT_CONTENT_DIR): IssueInfo[] {
	return contentFiles('issues', contentDir).map(({ data }) => ({
		date: String(data.date),
		dateInferred: data.dateInferred === true,
		pages: ((data.pages ?? []) as { number: number; missing?: boolean }[]).map((page) => ({
			number: page.number,
			missing: page.missing === true,
		})),
	}));
}

/**
 * Article ids that open a story: a part that continues from another archived part is
 * shown inside that story, and its own address forwards there.
 */
export function storyLeadIds(contentDir = DEFAULT_CONTENT_DIR): string[] {
	const articles = contentFiles('articles', contentDir);
	const ids = new Set(articles.map((article) => article.id));
	return articles
		.filter((article) => {
			const from = (article.data.continuedFrom as { article?: string } | undefined)?.article;
			return from === undefined || !ids.has(from);
		})
		.map((article) => article.id);
}
