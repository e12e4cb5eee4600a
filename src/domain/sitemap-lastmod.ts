/**
 * `lastmod` for the sitemap, from dates the archive already holds, never from the clock:
 * two builds of the same content write the same sitemap.
 *
 * - an item page: its catalogue `lastmod` (`/data/items.jsonl`): the issue date, or for a
 *   person the newest story that mentions them;
 * - an issue or a printed page (`/issues/2021-11-11/`, `/issues/2021-11-11/2/`): the
 *   issue's date, which names the issue file;
 * - anything else (lists, search, the home page): none, rather than a guess.
 */

const ISSUE_PATH = /^\/issues\/(\d{4}-\d{2}-\d{2})\//;

export function lastmodFor(
	pathname: string,
	itemLastmod: ReadonlyMap<string, string>,
): string | undefined {
	return itemLastmod.get(pathname) ?? ISSUE_PATH.exec(pathname)?.[1];
}

/** The catalogue's lines as `page path → lastmod`. */
export function lastmodByPath(catalogueText: string): Map<string, string> {
	const map = new Map<string, string>();
	for (const line of catalogueText.split('\n')) {
		if (!line.trim()) continue;
		const { url, lastmod } = JSON.parse(line) as { url: string; lastmod?: string };
		if (lastmod) map.set(new URL(url).pathname, lastmod);
	}
	return map;
}
