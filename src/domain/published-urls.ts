import { issuePagePath, issuePath, itemPath, type ItemKind } from './routes.ts';

/**
 * The list of every address the archive has published (`published-urls.txt` in the
 * content folder): read, compared and written here, so the content check, the build and
 * the tests agree on its form. See docs/permanence.md.
 */

export const PUBLISHED_URLS_FILE = 'published-urls.txt';

/** The collections whose entries have a page of their own, and the kind of that page. */
export const ITEM_COLLECTION_KINDS: Readonly<Record<string, ItemKind>> = {
	articles: 'article',
	notices: 'notice',
	adverts: 'advert',
	people: 'person',
};

/** The page of an entry (`/articles/2021-11-11/02-x/`), or `undefined` for issues. */
export function entryUrl(collection: string, id: string): string | undefined {
	const kind = ITEM_COLLECTION_KINDS[collection];
	return kind && itemPath(kind, id);
}

/** Pages of an issue: its contents page and one page per printed 版. */
export function issueUrls(
	date: string,
	pages: readonly { number: number; missing: boolean }[],
): string[] {
	return [
		issuePath(date),
		...pages.filter((page) => !page.missing).map((page) => issuePagePath(date, page.number)),
	];
}

const HEADER = `# 已发布网址 / Published addresses
#
# 本档案发布过的每一个条目网址，每行一个，按字符顺序排列。每次构建自动补上新网址，
# 请随内容一起提交，不要手工删改。某个网址不再有页面时，构建会失败并指出它：
# 文件改名或移动后，在新条目的字段区写上旧网址，例如
#   redirectFrom: ['/articles/2021-11-11/02-tashiliuyin/']
# 旧网址就会转到新页面。详见 content/README.md“永久网址”一节。
#
# Every entry address this archive has published, one per line, sorted. Each build adds
# new ones: commit this file with the content and do not edit it by hand. A build that
# would drop an address fails and names it: after renaming or moving an entry, list its
# old address in the entry's redirectFrom (above). See docs/permanence.md.
`;

export interface ListedUrl {
	path: string;
	/** 1-based line in the file. */
	line: number;
}

/** The addresses in the file's text, with their lines; comments and blank lines skipped. */
export function parsePublishedUrls(text: string): ListedUrl[] {
	const listed: ListedUrl[] = [];
	text.split(/\r?\n/).forEach((raw, index) => {
		const path = raw.trim();
		if (path === '' || path.startsWith('#')) return;
		listed.push({ path, line: index + 1 });
	});
	return listed;
}

/** The file's text for these addresses: the header, then each address once, in code-point order. */
export function formatPublishedUrls(paths: Iterable<string>): string {
	const sorted = [...new Set(paths)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	return `${HEADER}${sorted.map((path) => `${path}\n`).join('')}`;
}
