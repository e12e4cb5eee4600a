import { forEachFileResult, type CheckCache } from '../../cache/check-results.ts';
import { builtFileOfUrl } from '../../domain/built-files.ts';
import { fragmentUrl } from '../pagefind-fragments.ts';
import type { PagesRead } from './page-links.ts';
import type { Problems } from './problems.ts';
import type { Site } from './site-files.ts';

/** The search index against the pages: every page marked for search is in it, and nothing else. */

/** URLs of every page in the Pagefind index, read from its fragments (gzip, `pagefind_dcd` + JSON). */
function indexedUrls(
	distDir: string,
	files: readonly string[],
	cache?: CheckCache<string | null>,
): Set<string> {
	const urls = new Set<string>();
	// One bundle in pagefind/, or several (shards) below it: every fragment is one page.
	const fragments = files.filter((file) =>
		/^pagefind\/(?:.+\/)?fragment\/[^/]+\.pf_fragment$/.test(file),
	);
	forEachFileResult(
		distDir,
		fragments,
		cache,
		(_, content) => fragmentUrl(content),
		(_, url) => {
			if (url) urls.add(url);
		},
	);
	return urls;
}

export function checkSearchCoverage(
	distDir: string,
	{ files, fileSet }: Site,
	{ markedForIndex }: PagesRead,
	problems: Problems,
	cache?: CheckCache<string | null>,
): Set<string> {
	const indexed = indexedUrls(distDir, files, cache);
	for (const url of markedForIndex) {
		if (!indexed.has(url))
			problems.add(
				url,
				'页面标记为可检索，却不在搜索索引中 / marked for search but missing from the index',
			);
	}
	for (const url of indexed) {
		if (!fileSet.has(builtFileOfUrl(url)))
			problems.add(
				url,
				'搜索索引中的页面不存在 / the search index lists a page that does not exist',
			);
	}
	return indexed;
}
