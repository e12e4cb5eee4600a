import { existsSync, readFileSync, statSync, writeFileSync, type Stats } from 'node:fs';
import { appendFile, cp, mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RACY_NS } from '../../src/cache/file-stamp.ts';
import { CACHE_LOCATIONS } from '../../src/cache/locations.ts';
import { runBuild, scratchDir, type BuildOptions } from '../../support/build-site.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';
import { listFiles, siteDifferences as differences } from '../helpers/dist.ts';
import { pagesInLog } from '../../support/astro-page-log.ts';

/**
 * A rebuild over the last build's output folder publishes exactly what a clean build does
 * (src/integrations/fresh-out-dir.ts): the old `dist/` is moved aside, cached pages are put
 * back as hard links of their cache copies, and pages no longer made are pruned. Real
 * builds of a copy of `content/`: a first build; then an entry edited, one deleted, one
 * renamed, a stray file left in the output folder, two more and an item file changed by hand
 * in a folder whose item files the first build recorded (src/cache/item-files-record.ts);
 * a rebuild into the same folder with the same cache; a clean build of the same content
 * with a cache of its own; the two compared file by file. A third build with the same cache
 * into another folder must leave the second one's files as they were: a page shared with
 * the cache is never written through from another folder.
 */

const EDITED = 'articles/2021-11-11/02-tashiliuyin';
const DELETED = 'adverts/2021-11-11/02-chuangwen';
const RENAMED_FROM = 'articles/2021-11-11/02-zhu-haiyi';
const RENAMED_TO = 'articles/2021-11-11/02-zhu-haiyi-daode-mofan';
/** An item file of an entry left unchanged, kept from the first build unless it changed. */
const KEPT_ITEM_FILE = 'notices/2021-11-11/02-shiyingshi-paimai.json';
const MARK = '（增量输出测试加的一句。）';
const MARK_AGAIN = '（增量输出测试又加的一句。）';
// The same "today" for every build, so that the clean build's pages can equal the rebuild's.
const ENV = {
	SOURCE_DATE_EPOCH: String(Date.parse('2022-06-01T10:00:00+08:00') / 1000),
	// Astro's page-by-page lines, which say which pages were kept (`cached`).
	ARCHIVE_PROGRESS: 'off',
};

/** Every file of a site with its bytes. */
function snapshot(site: string): Map<string, Buffer> {
	return new Map(listFiles(site).map((file) => [file, readFileSync(join(site, file))]));
}

let dir: string;
let content: string;
let cacheDir: string;
let site: string;
let clean: string;
let first: string[];
let rebuildLog: string;
let rebuilt: Map<string, Buffer>;
let againLog: string;
let shared: { site: Stats; cache: Stats };
let firstShared: { site: Stats; cache: Stats };
/** The first build's pages shared with the cache: the last status change of any (ns). */
let firstPagesChanged: bigint;
/** When the search index and the post-build checks stored what they read of the pages. */
let firstPagesRead: bigint;
let siteBeforeThird: Map<string, Buffer>;
let third: string;

async function build(options: Omit<BuildOptions, 'contentDir' | 'env'>): Promise<string> {
	const result = await runBuild({ contentDir: content, env: ENV, ...options });
	if (result.exitCode !== 0)
		throw new Error(`build failed:\n${result.stdout.slice(-3000)}\n${result.stderr.slice(-3000)}`);
	return stripVTControlCharacters(result.stdout);
}

beforeAll(async () => {
	dir = await scratchDir('incremental-output');
	content = join(dir, 'content');
	await cp(DEFAULT_CONTENT_DIR, content, { recursive: true });
	// Past the window in which a file's stamp is not trusted, as an editor's files are: the
	// first build records them, and the rebuild reads only those that changed.
	await sleep(Number(RACY_NS / 1_000_000n) + 200);
	cacheDir = join(dir, 'cache');
	site = join(dir, 'site');
	clean = join(dir, 'clean');
	third = join(dir, 'third');
	await build({ outDir: site, cacheDir });
	first = listFiles(site);
	const cachedPages = join(cacheDir, CACHE_LOCATIONS.renderedPages);
	firstPagesChanged = first
		.filter((file) => file.endsWith('.html') && existsSync(join(cachedPages, file)))
		.map((file) => statSync(join(site, file), { bigint: true }).ctimeNs)
		.reduce((latest, ctime) => (ctime > latest ? ctime : latest), 0n);
	firstPagesRead = ['search-pages', 'pages']
		.map((name) => join(cacheDir, CACHE_LOCATIONS.checkResults, `${name}.json`))
		.map((store) => statSync(store, { bigint: true }).mtimeNs)
		.reduce((earliest, mtime) => (mtime < earliest ? mtime : earliest));
	// Before the edit: the page as the first build left it, beside its cache copy.
	firstShared = {
		site: statSync(join(site, `${EDITED}/index.html`)),
		cache: statSync(join(cacheDir, CACHE_LOCATIONS.renderedPages, `${EDITED}/index.html`)),
	};
	await appendFile(join(content, `${EDITED}.md`), `\n${MARK}\n`);
	await rm(join(content, `${DELETED}.md`));
	await rename(join(content, `${RENAMED_FROM}.md`), join(content, `${RENAMED_TO}.md`));
	// The list of published addresses would rightly refuse to lose two of them.
	await rm(join(content, 'published-urls.txt'));
	writeFileSync(join(site, 'stray.html'), '<!doctype html><title>stray</title>');
	writeFileSync(join(site, 'articles/2021-11-11/stray.json'), '{}');
	await mkdir(join(site, 'articles/2021-11-11/stray'));
	await cp(join(site, `${EDITED}/index.html`), join(site, 'articles/2021-11-11/stray/index.html'));
	writeFileSync(join(site, KEPT_ITEM_FILE), '{"changed": "by hand"}\n');
	rebuildLog = await build({ outDir: site, cacheDir, keepOutDir: true });
	rebuilt = snapshot(site);
	await build({ outDir: clean, cacheDir: join(dir, 'clean-cache') });
	// Nothing changed: every keyed page is the last build's file, moved back into place.
	againLog = await build({ outDir: site, cacheDir, keepOutDir: true });
	siteBeforeThird = snapshot(site);
	const page = `${EDITED}/index.html`;
	shared = {
		site: statSync(join(site, page)),
		cache: statSync(join(cacheDir, CACHE_LOCATIONS.renderedPages, page)),
	};
	await appendFile(join(content, `${EDITED}.md`), `\n${MARK_AGAIN}\n`);
	await build({ outDir: third, cacheDir });
}, 900_000);

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a rebuild over the last output folder', () => {
	it('had the pages to prune in the first build', () => {
		expect(first).toContain(`${DELETED}/index.html`);
		expect(first).toContain(`${RENAMED_FROM}/index.html`);
		expect(first).not.toContain(`${RENAMED_TO}/index.html`);
	});

	it('kept unchanged pages from the cache, rendered the edited one', () => {
		const pages = pagesInLog(rebuildLog);
		expect(pages.cached).toContain('/notices/2021-11-11.item-files/');
		expect(pages.rendered).toContain(`/${EDITED}/index.html`);
	});

	it('read only the entry files that changed, keeping the other entries unread', () => {
		// The edited article and the renamed one; the deleted advert is simply gone.
		expect(rebuildLog).toMatch(/ articles: \d+ unchanged entries kept without reading, 2 read/);
		expect(rebuildLog).toMatch(/ people: [1-9]\d* unchanged entries kept without reading, 0 read/);
		expect(againLog).toMatch(/ articles: [1-9]\d* unchanged entries kept without reading, 0 read/);
	});

	it('kept item files of the last build where their bundle allowed', () => {
		expect(rebuildLog).toMatch(/\d+ item files written and [1-9]\d* kept from the last build/);
		expect(readFileSync(join(site, KEPT_ITEM_FILE), 'utf8')).not.toContain('by hand');
	});

	it('publishes exactly the files and bytes of a clean build', () => {
		expect(differences(clean, site)).toEqual([]);
	});

	it('with nothing changed, renders no keyed page and publishes the same files again', () => {
		const pages = pagesInLog(againLog);
		expect(pages.cached).toContain(`/${EDITED}/index.html`);
		expect(pages.cached).toContain(`/${RENAMED_TO}/index.html`);
		expect([...pages.rendered].filter((page) => page.startsWith('/articles/'))).toEqual([]);
		// The item-file bundles too, though unpacked and deleted from the site after each build.
		expect([...pages.cached].filter((page) => page.includes('.item-files'))).not.toEqual([]);
		expect([...pages.rendered].filter((page) => page.includes('.item-files'))).toEqual([]);
		// And not one item file written again.
		expect(againLog).toMatch(/ 0 item files written and [1-9]\d* kept from the last build/);
		const now = snapshot(site);
		expect([...now.keys()]).toEqual([...rebuilt.keys()]);
		for (const [file, bytes] of rebuilt) expect(now.get(file)?.equals(bytes), file).toBe(true);
	});

	it('left each page the first build rendered sharing its cache copy', () => {
		expect(firstShared.site.ino).toBe(firstShared.cache.ino);
		expect(firstShared.cache.nlink).toBe(2);
	});

	it('changed no page after the search index and the checks kept its stamp', () => {
		// Linking a page to its cache copy moves its ctime; done after they read it, the next
		// build would find every page's stamp stale and read the whole site again.
		expect(firstPagesChanged).toBeGreaterThan(0n);
		expect(firstPagesChanged).toBeLessThan(firstPagesRead);
	});

	it('shares each kept page with its cache copy (a hard link, not a copy)', () => {
		expect(shared.site.ino).toBe(shared.cache.ino);
		expect(shared.cache.nlink).toBe(2);
	});

	it('has no page of the deleted or the renamed entry, nor the stray file', () => {
		const files = listFiles(site);
		expect(files).not.toContain(`${DELETED}/index.html`);
		expect(files).not.toContain(`${RENAMED_FROM}/index.html`);
		expect(files).toContain(`${RENAMED_TO}/index.html`);
		expect(files).not.toContain('stray.html');
		expect(files).not.toContain('articles/2021-11-11/stray.json');
		expect(files).not.toContain('articles/2021-11-11/stray/index.html');
		expect(readFileSync(join(site, `${EDITED}/index.html`), 'utf8')).toContain(MARK);
	});

	it('leaves no discarded output behind in the cache', () => {
		expect(listFiles(cacheDir).some((f) => f.startsWith(CACHE_LOCATIONS.discardedOutput))).toBe(
			false,
		);
	});
});

describe('a build with the same cache into another folder', () => {
	it('renders the edited page there', () => {
		expect(readFileSync(join(third, `${EDITED}/index.html`), 'utf8')).toContain(MARK_AGAIN);
	});

	it('gave the cache copy of the edited page an inode of its own first', () => {
		const now = statSync(join(cacheDir, CACHE_LOCATIONS.renderedPages, `${EDITED}/index.html`));
		expect(now.ino).not.toBe(shared.site.ino);
		expect(statSync(join(site, `${EDITED}/index.html`)).ino).toBe(shared.site.ino);
	});

	it('changes no file of the folder built before', () => {
		const now = snapshot(site);
		expect([...now.keys()]).toEqual([...siteBeforeThird.keys()]);
		for (const [file, bytes] of siteBeforeThird)
			expect(now.get(file)?.equals(bytes), file).toBe(true);
	});
});
