import type { AstroIntegration } from 'astro';
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { contentRoot, entryIdFromPath } from '../config/content-root.ts';
import { CheckCache, checkCacheFile } from '../content-checks/check-cache.ts';
import { codeDigest, digestOf, LOCK_FILE } from '../data/code-digest.ts';
import { isPublishedEntryPath } from '../content-checks/load.ts';
import { issuePath, itemPath, type ItemKind } from '../domain/routes.ts';
import { scanPage } from './built-html-scan.ts';
import { headerPolicyFor, parseHeadersFile, sameCsp } from './csp-header.ts';

/**
 * Checks the built site after every build (after the search index is written) and fails
 * the build when something was lost on the way from content to pages: an entry without
 * its page, a page the search index left out, a link or `#anchor` that leads nowhere, an
 * id used twice in a page, pages that disagree on their Content-Security-Policy. Pages are
 * read one at a time and only what the checks need is kept, so 100,000 pages fit.
 *
 * With a cache, what each page holds (its ids, the files and anchors it links to, its CSP)
 * is kept by the digest of its bytes, so a rebuild scans only the pages that changed. The
 * cached facts can only show that nothing is wrong: when any page has a problem of its own,
 * or a link, anchor or policy does not match across pages, the whole site is checked again
 * without the cache, so a failing build reports exactly what it would without one.
 */

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

/**
 * Reads the files one by one, in order, with the synchronous call: for many small files it
 * is several times faster than promises on the thread pool (15,000 pages: 0.3 s against
 * 0.8 s here), and nothing else runs during the checks.
 */
function forEachFile(
	dir: string,
	files: readonly string[],
	use: (file: string, content: Buffer) => void,
): void {
	for (const file of files) use(file, readFileSync(join(dir, file)));
}

/** At most this many problems are listed; the total is always given. */
const MAX_LISTED = 100;

export interface PostBuildOptions {
	/** The built site. */
	distDir: string;
	/** The content folder the site was built from. */
	contentDir: string;
	/** The site's public address: absolute links to it are internal links. */
	site: string;
}

export interface PostBuildReport {
	pages: number;
	links: number;
	entries: number;
	indexed: number;
	problems: string[];
	/** All problems found, also those not listed. */
	problemCount: number;
}

class Problems {
	readonly listed: string[] = [];
	count = 0;
	add(where: string, message: string): void {
		this.count++;
		if (this.listed.length < MAX_LISTED) this.listed.push(`${where}: ${message}`);
	}
}

async function listFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
		.sort();
}

/** `issues/2021-11-11/index.html` → `/issues/2021-11-11/`. */
function urlOfFile(file: string): string {
	if (file === 'index.html') return '/';
	return file.endsWith('/index.html') ? `/${file.slice(0, -'index.html'.length)}` : `/${file}`;
}

/** `/issues/2021-11-11/` → `issues/2021-11-11/index.html`. */
function fileOfPath(path: string): string {
	const below = path.replace(/^\/+/, '');
	return below === '' || below.endsWith('/') ? `${below}index.html` : below;
}

function decodePath(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}

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

function fragmentUrl(content: Buffer): string | null {
	const text = gunzipSync(content).toString('utf8');
	const url = /^pagefind_dcd\{"url":("(?:[^"\\]|\\.)*")/.exec(text)?.[1];
	return url ? (JSON.parse(url) as string) : null;
}

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
	forEachFile(distDir, fragments, (file, content) => {
		let url: string | null | undefined;
		if (cache) {
			const digest = digestOf(content);
			url = cache.get(file, digest);
			if (url === undefined) cache.set(file, digest, (url = fragmentUrl(content)));
		} else {
			url = fragmentUrl(content);
		}
		if (url) urls.add(url);
	});
	return urls;
}

/** The built site's files, listed once for both ways of checking it. */
interface Site {
	files: string[];
	fileSet: Set<string>;
	htmlFiles: string[];
}

/** What the pages say, gathered by either way of reading them, for the checks that follow. */
interface PagesRead {
	links: number;
	markedForIndex: Set<string>;
	redirects: Set<string>;
	policy: { csp: string; page: string } | undefined;
}

/** Every page scanned and every link followed, each problem listed where it is found. */
function readPagesFully(
	options: PostBuildOptions,
	{ fileSet, htmlFiles }: Site,
	problems: Problems,
): PagesRead {
	const { distDir, site } = options;
	const origin = new URL(site).origin;
	const markedForIndex = new Set<string>();
	const redirects = new Set<string>();
	/** Anchors in other pages, checked once every page has been read: target file → anchor → first page linking. */
	const anchorsWanted = new Map<string, Map<string, string>>();
	let links = 0;
	let policy: { csp: string; page: string } | undefined;

	forEachFile(distDir, htmlFiles, (file, content) => {
		const url = urlOfFile(file);
		const page = scanPage(content.toString('utf8'));
		const ids = new Set<string>();
		for (const id of page.ids) {
			if (ids.has(id))
				problems.add(url, `id “${id}” 在页面中出现不止一次 / id “${id}” is used more than once`);
			ids.add(id);
		}
		if (page.indexed) markedForIndex.add(url);
		if (page.refreshTo !== undefined) redirects.add(url);
		if (page.csp.length !== 1) {
			problems.add(
				url,
				`应有且只有一条 CSP <meta>，实有 ${page.csp.length} 条 / expected one CSP <meta>, found ${page.csp.length}`,
			);
		} else if (!policy) {
			policy = { csp: page.csp[0]!, page: url };
		} else if (page.csp[0] !== policy.csp) {
			problems.add(
				url,
				`CSP 与 ${policy.page} 不同，HTTP 头只能发送一条 / CSP differs from ${policy.page}; one HTTP header cannot serve both`,
			);
		}
		const base = new URL(url, site);
		for (const link of page.links) {
			links++;
			let target: URL;
			try {
				target = new URL(link.url, base);
			} catch {
				problems.add(url, `${link.from} “${link.url}” 不是有效地址 / is not a valid address`);
				continue;
			}
			// A data: image cannot run script; a data: document in a link or frame can.
			const scheme = target.protocol.toLowerCase();
			if (
				['javascript:', 'vbscript:'].includes(scheme) ||
				(scheme === 'data:' && link.from !== 'img src')
			) {
				problems.add(
					url,
					`${link.from} 含脚本地址 “${link.url.slice(0, 60)}” / carries a script URL`,
				);
				continue;
			}
			if (target.origin !== origin) continue;
			const targetFile = fileOfPath(decodePath(target.pathname));
			if (!fileSet.has(targetFile)) {
				problems.add(url, `${link.from} “${link.url}” 指向不存在的页面 / leads to no page`);
				continue;
			}
			const anchor = decodePath(target.hash.slice(1));
			if (anchor === '' || !targetFile.endsWith('.html')) continue;
			if (targetFile === file) {
				if (!ids.has(anchor))
					problems.add(
						url,
						`${link.from} “${link.url}” 的锚点在本页不存在 / anchor not on this page`,
					);
				continue;
			}
			const wanted = anchorsWanted.get(targetFile) ?? new Map<string, string>();
			if (!wanted.has(anchor)) wanted.set(anchor, url);
			anchorsWanted.set(targetFile, wanted);
		}
	});

	forEachFile(distDir, [...anchorsWanted.keys()].sort(), (file, content) => {
		const wanted = anchorsWanted.get(file)!;
		const ids = new Set(scanPage(content.toString('utf8')).ids);
		for (const [anchor, from] of wanted) {
			if (!ids.has(anchor)) {
				problems.add(
					from,
					`链接到 ${urlOfFile(file)}#${anchor}，但该页没有这个锚点 / links to an anchor that page does not have`,
				);
			}
		}
	});

	return { links, markedForIndex, redirects, policy };
}

/**
 * The checks over the whole site once its pages are read: the `_headers` policy, the search
 * index against the pages, and one page per entry.
 */
async function checkSiteWide(
	options: PostBuildOptions,
	{ files, fileSet, htmlFiles }: Site,
	{ links, markedForIndex, redirects, policy }: PagesRead,
	problems: Problems,
	fragmentCache?: CheckCache<string | null>,
): Promise<PostBuildReport> {
	const { distDir, contentDir } = options;
	if (policy && fileSet.has('_headers')) {
		const headers = parseHeadersFile(await readFile(join(distDir, '_headers'), 'utf8'));
		const sent = headers.get('/*')?.get('content-security-policy');
		const expected = headerPolicyFor(policy.csp);
		if (!sent || !sameCsp(sent, expected)) {
			problems.add(
				'/_headers',
				`Content-Security-Policy 头与页面的 <meta> 不一致，请把 public/_headers 中的这一行改为 / the header policy does not match the pages' <meta>; set it in public/_headers to:\n      Content-Security-Policy: ${expected}`,
			);
		}
	}

	const indexed = indexedUrls(distDir, files, fragmentCache);
	for (const url of markedForIndex) {
		if (!indexed.has(url))
			problems.add(
				url,
				'页面标记为可检索，却不在搜索索引中 / marked for search but missing from the index',
			);
	}
	for (const url of indexed) {
		if (!fileSet.has(fileOfPath(url)))
			problems.add(
				url,
				'搜索索引中的页面不存在 / the search index lists a page that does not exist',
			);
	}

	const entries = await entryPages(contentDir);
	const entryUrls = new Set<string>();
	for (const { url, searchable } of entries) {
		entryUrls.add(url);
		if (!fileSet.has(fileOfPath(url))) {
			problems.add(url, '内容条目没有生成页面 / a content entry has no page');
		} else if (searchable && !redirects.has(url) && !indexed.has(url)) {
			problems.add(url, '条目页面不在搜索索引中 / the entry’s page is not in the search index');
		}
	}
	for (const [folder, listings] of Object.entries(ITEM_FOLDERS)) {
		for (const file of htmlFiles) {
			if (!file.startsWith(`${folder}/`) || listings.includes(file)) continue;
			if (!entryUrls.has(urlOfFile(file))) {
				problems.add(urlOfFile(file), '页面没有对应的内容条目 / a page with no content entry');
			}
		}
	}

	return {
		pages: htmlFiles.length,
		links,
		entries: entries.length,
		indexed: indexed.size,
		problems: problems.listed,
		problemCount: problems.count,
	};
}

/**
 * What the checks need of one page, and whether anything on the page alone is wrong: the
 * part of `readPagesFully` that depends on nothing but the page's bytes, its address and
 * the site, so it can be kept by the page's digest.
 */
export interface PageFacts {
	/** Something in the page itself is wrong: a repeated id, not one CSP, a bad or script URL, a missing anchor of its own. */
	faulty: boolean;
	links: number;
	indexed: boolean;
	redirect: boolean;
	/** The page's one CSP (empty when faulty). */
	csp: string;
	/** Its ids, for anchors other pages link to. */
	ids: string[];
	/** Files of this site it links to, each once. */
	targets: string[];
	/** Anchors it links to in other pages, `file#anchor`, each once. */
	anchors: string[];
}

export function pageFacts(file: string, html: string, site: string): PageFacts {
	const origin = new URL(site).origin;
	const url = urlOfFile(file);
	const page = scanPage(html);
	const ids = new Set(page.ids);
	let faulty = ids.size !== page.ids.length || page.csp.length !== 1;
	const targets = new Set<string>();
	const anchors = new Set<string>();
	const base = new URL(url, site);
	for (const link of page.links) {
		let target: URL;
		try {
			target = new URL(link.url, base);
		} catch {
			faulty = true;
			continue;
		}
		const scheme = target.protocol.toLowerCase();
		if (
			['javascript:', 'vbscript:'].includes(scheme) ||
			(scheme === 'data:' && link.from !== 'img src')
		) {
			faulty = true;
			continue;
		}
		if (target.origin !== origin) continue;
		const targetFile = fileOfPath(decodePath(target.pathname));
		targets.add(targetFile);
		const anchor = decodePath(target.hash.slice(1));
		if (anchor === '' || !targetFile.endsWith('.html')) continue;
		if (targetFile === file) {
			if (!ids.has(anchor)) faulty = true;
			continue;
		}
		anchors.add(`${targetFile}#${anchor}`);
	}
	return {
		faulty,
		links: page.links.length,
		indexed: page.indexed,
		redirect: page.refreshTo !== undefined,
		csp: faulty ? '' : page.csp[0]!,
		ids: [...ids],
		targets: [...targets],
		anchors: [...anchors],
	};
}

/**
 * The pages read through their facts, cached by digest; `undefined` as soon as anything is
 * wrong, for the full reading to find and list it.
 */
function readPagesQuickly(
	options: PostBuildOptions,
	{ fileSet, htmlFiles }: Site,
	cache: CheckCache<PageFacts>,
): PagesRead | undefined {
	const read: PagesRead = {
		links: 0,
		markedForIndex: new Set(),
		redirects: new Set(),
		policy: undefined,
	};
	const factsOf = new Map<string, PageFacts>();
	let clean = true;
	forEachFile(options.distDir, htmlFiles, (file, content) => {
		const digest = digestOf(content);
		let facts = cache.get(file, digest);
		if (!facts) {
			facts = pageFacts(file, content.toString('utf8'), options.site);
			cache.set(file, digest, facts);
		}
		factsOf.set(file, facts);
		// Every page is still read and kept, so that the next build finds it in the cache.
		if (!clean) return;
		const url = urlOfFile(file);
		read.links += facts.links;
		if (facts.indexed) read.markedForIndex.add(url);
		if (facts.redirect) read.redirects.add(url);
		read.policy ??= { csp: facts.csp, page: url };
		clean =
			!facts.faulty &&
			facts.csp === read.policy.csp &&
			facts.targets.every((target) => fileSet.has(target));
	});
	if (!clean) return undefined;
	for (const facts of factsOf.values()) {
		for (const wanted of facts.anchors) {
			const at = wanted.indexOf('#');
			const target = factsOf.get(wanted.slice(0, at));
			if (!target?.ids.includes(wanted.slice(at + 1))) return undefined;
		}
	}
	return read;
}

export interface PostBuildCaches {
	pages: CheckCache<PageFacts>;
	fragments: CheckCache<string | null>;
}

export async function checkBuiltSite(
	options: PostBuildOptions,
	caches?: PostBuildCaches,
): Promise<PostBuildReport> {
	const files = await listFiles(options.distDir);
	const site: Site = {
		files,
		fileSet: new Set(files),
		htmlFiles: files.filter((file) => file.endsWith('.html')),
	};
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

export function formatPostBuildProblems(report: PostBuildReport): string {
	const more = report.problemCount - report.problems.length;
	return [
		`构建后检查发现 ${report.problemCount} 个问题 / post-build check found ${report.problemCount} problem(s):`,
		...report.problems.map((problem) => `  - ${problem}`),
		...(more > 0 ? [`  … 另有 ${more} 个 / and ${more} more`] : []),
	].join('\n');
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
				const caches: PostBuildCaches = {
					pages: await CheckCache.open(checkCacheFile(cacheDir, 'pages'), code),
					fragments: await CheckCache.open(checkCacheFile(cacheDir, 'index-fragments'), code),
				};
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
