import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { entryIdFromPath } from '../../config/content-root.ts';
import { isPublishedEntryPath } from '../../content-checks/load.ts';
import { builtFileOfUrl, urlOfBuiltFile } from '../../domain/built-files.ts';
import { issuePath, itemPath, type ItemKind } from '../../domain/routes.ts';
import type { PagesRead } from './page-links.ts';
import type { Problems } from './problems.ts';
import type { Site } from './site-files.ts';

/** Content against pages: one page per entry, in the index when searchable, and no page without an entry. */

/** Collections and the kind of page each entry gets. Issues are pages, not search results. */
const ENTRY_PAGES: Record<string, { kind: ItemKind | 'issue'; searchable: boolean }> = {
	articles: { kind: 'article', searchable: true },
	people: { kind: 'person', searchable: true },
	notices: { kind: 'notice', searchable: true },
	adverts: { kind: 'advert', searchable: true },
	issues: { kind: 'issue', searchable: false },
};

/** Folders of the built site that hold nothing but one page per entry (and their listing). */
const ITEM_FOLDERS: Record<string, string[]> = {
	articles: [],
	notices: ['notices/index.html'],
	adverts: ['adverts/index.html'],
};

/** The addresses every content entry must have, one per entry. */
async function entryPages(contentDir: string): Promise<{ url: string; searchable: boolean }[]> {
	const pages: { url: string; searchable: boolean }[] = [];
	for (const [collection, { kind, searchable }] of Object.entries(ENTRY_PAGES)) {
		const base = join(contentDir, collection);
		const files = await readdir(base, { recursive: true }).catch(() => [] as string[]);
		for (const file of files.filter(isPublishedEntryPath)) {
			const id = entryIdFromPath(file);
			pages.push({ url: kind === 'issue' ? issuePath(id) : itemPath(kind, id), searchable });
		}
	}
	return pages;
}

export async function checkEntryPages(
	contentDir: string,
	{ fileSet, htmlFiles }: Site,
	{ redirects }: PagesRead,
	indexed: Set<string>,
	problems: Problems,
): Promise<number> {
	const entries = await entryPages(contentDir);
	const entryUrls = new Set<string>();
	for (const { url, searchable } of entries) {
		entryUrls.add(url);
		if (!fileSet.has(builtFileOfUrl(url))) {
			problems.add(url, '内容条目没有生成页面 / a content entry has no page');
		} else if (searchable && !redirects.has(url) && !indexed.has(url)) {
			problems.add(url, '条目页面不在搜索索引中 / the entry’s page is not in the search index');
		}
	}
	for (const [folder, listings] of Object.entries(ITEM_FOLDERS)) {
		for (const file of htmlFiles) {
			if (!file.startsWith(`${folder}/`) || listings.includes(file)) continue;
			if (!entryUrls.has(urlOfBuiltFile(file))) {
				problems.add(urlOfBuiltFile(file), '页面没有对应的内容条目 / a page with no content entry');
			}
		}
	}
	return entries.length;
}
