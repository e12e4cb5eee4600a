import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { contentRoot } from '../../config/content-root.ts';
import { CheckCache, checkCacheFile } from '../../cache/check-results.ts';
import { codeDigest, LOCK_FILE } from '../../cache/code-digest.ts';
import { checkEntryPages } from './entry-pages.ts';
import { checkHeadersPolicy } from './headers-policy.ts';
import { pageFactsCodec, readPagesQuickly, type PageFactsCache } from './page-facts.ts';
import { readPagesFully, type PagesRead } from './page-links.ts';
import { formatPostBuildProblems, Problems, type PostBuildReport } from './problems.ts';
import { checkSearchCoverage } from './search-coverage.ts';
import { listSite, type PostBuildOptions, type Site } from './site-files.ts';

export { pageFacts, pageFactsCodec, type PageFacts, type StoredPageFacts } from './page-facts.ts';
export { formatPostBuildProblems, type PostBuildReport } from './problems.ts';
export type { PostBuildOptions } from './site-files.ts';

/**
 * Checks the built site after every build (after the search index is written) and fails
 * the build when something was lost on the way from content to pages: an entry without
 * its page, a page the search index left out, a link or `#anchor` that leads nowhere, an
 * id used twice in a page, pages that disagree on their Content-Security-Policy. Pages are
 * read one at a time and only what the checks need is kept, so 100,000 pages fit: no page's
 * HTML outlives its scan, and the facts kept of every page name each file, id and policy by
 * its number in one table (`pageFactsCodec`), not as a string per link.
 *
 * With a cache, what each page holds (its ids, the files and anchors it links to, its CSP)
 * is kept by the digest of its bytes, so a rebuild scans only the pages that changed, and
 * by the page's stamp (inode, size, ctime: `file-stamp.ts`), so it does not even read a page
 * (or index fragment) untouched since the last build: at 100,000 articles reading them
 * all was 48 of a no-change rebuild's 290 s. The
 * cached facts can only show that nothing is wrong: when any page has a problem of its own,
 * or a link, anchor or policy does not match across pages, the whole site is checked again
 * without the cache, so a failing build reports exactly what it would without one.
 */

/**
 * The checks over the whole site once its pages are read: the `_headers` policy, the search
 * index against the pages, and one page per entry.
 */
async function checkSiteWide(
	options: PostBuildOptions,
	site: Site,
	read: PagesRead,
	problems: Problems,
	fragmentCache?: CheckCache<string | null>,
): Promise<PostBuildReport> {
	await checkHeadersPolicy(options.distDir, site, read, problems);
	const indexed = checkSearchCoverage(options.distDir, site, read, problems, fragmentCache);
	const entries = await checkEntryPages(options.contentDir, site, read, indexed, problems);
	return {
		pages: site.htmlFiles.length,
		links: read.links,
		entries,
		indexed: indexed.size,
		problems: problems.listed,
		problemCount: problems.count,
	};
}

export interface PostBuildCaches {
	pages: PageFactsCache;
	fragments: CheckCache<string | null>;
}

/** The stores a build keeps in `cacheDir`, for checks whose code has the digest `code`. */
export async function openPostBuildCaches(
	cacheDir: string,
	code: string,
): Promise<PostBuildCaches> {
	return {
		pages: await CheckCache.open(checkCacheFile(cacheDir, 'pages'), code, pageFactsCodec),
		fragments: await CheckCache.open(checkCacheFile(cacheDir, 'index-fragments'), code),
	};
}

export async function checkBuiltSite(
	options: PostBuildOptions,
	caches?: PostBuildCaches,
): Promise<PostBuildReport> {
	const site = await listSite(options.distDir);
	if (caches) {
		const read = readPagesQuickly(options, site, caches.pages);
		if (read) {
			const problems = new Problems();
			const report = await checkSiteWide(options, site, read, problems, caches.fragments);
			if (problems.count === 0) return report;
		}
	}
	const problems = new Problems();
	return checkSiteWide(options, site, readPagesFully(options, site, problems), problems);
}

/** What besides a page's bytes decides its facts: this code, Node, and the site's address. */
export async function postBuildChecksDigest(site: string): Promise<string> {
	return codeDigest(
		[fileURLToPath(import.meta.url)],
		[LOCK_FILE],
		[`node ${process.version}`, `site ${site}`],
	);
}

/**
 * Runs `checkBuiltSite` at the end of `astro build`. It must come after the Pagefind
 * integration in the list, since hooks run in list order and it reads the index.
 */
export function postBuildChecks(): AstroIntegration {
	let site = '';
	let cacheDir = '';
	return {
		name: 'archive:post-build-checks',
		hooks: {
			'astro:config:done': ({ config }) => {
				site = config.site ?? '';
				cacheDir = fileURLToPath(config.cacheDir);
			},
			'astro:build:done': async ({ dir, logger }) => {
				if (!site) throw new Error('post-build checks need `site` in astro.config.mjs');
				const started = performance.now();
				const code = await postBuildChecksDigest(site);
				const caches = await openPostBuildCaches(cacheDir, code);
				const report = await checkBuiltSite(
					{ distDir: fileURLToPath(dir), contentDir: contentRoot(), site },
					caches,
				);
				for (const cache of [caches.pages, caches.fragments]) {
					await cache.save().catch((error: unknown) => {
						logger.warn(`check cache not saved: ${(error as Error).message}`);
					});
				}
				if (report.problemCount > 0) throw new Error(formatPostBuildProblems(report));
				const seconds = ((performance.now() - started) / 1000).toFixed(1);
				logger.info(
					`checked ${report.pages} pages (${caches.pages.misses} scanned, ${caches.pages.hits} unchanged), ${report.links} links, ${report.entries} entries, ${report.indexed} indexed pages in ${seconds} s: no problems`,
				);
			},
		},
	};
}
