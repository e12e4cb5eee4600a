import { cp, readFile, rm, unlink, writeFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { paper } from '../../src/config/paper.ts';
import { CheckCache, checkCacheFile } from '../../src/cache/check-results.ts';
import {
	checkBuiltSite,
	formatPostBuildProblems,
	type PostBuildCaches,
	type PostBuildReport,
} from '../../src/integrations/post-build-checks/index.ts';
import { fragmentUrl } from '../../src/integrations/pagefind-fragments.ts';
import { buildSiteExpectingFailure, scratchDir } from '../../support/build-site.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';
import { defaultSiteCopy, editBuiltFile } from '../helpers/broken-site.ts';
import { defaultSiteDir } from '../helpers/dist.ts';

/**
 * The check that runs after every build, tried on copies of the real built site with one
 * thing broken each time, and once through a real build that must fail. Each broken copy is
 * also checked with the cache of its intact state, which must report exactly the same.
 */

const ARTICLE = 'articles/2021-11-11/02-tashiliuyin/index.html';
const NOTICE = 'notices/2021-11-11/02-shiyingshi-paimai/index.html';

let runDir: string;

beforeAll(async () => {
	runDir = await scratchDir('trust-post-build');
});

afterAll(async () => {
	if (runDir) await rm(runDir, { recursive: true, force: true });
});

function siteCopy(name: string): Promise<string> {
	return defaultSiteCopy(runDir, name);
}

/** Puts markup at the start of the page's <main>. */
const inMain = (markup: string) => (html: string) =>
	html.replace(/<main([^>]*)>/, (tag) => `${tag}${markup}`);

async function reportOf(dir: string, caches?: PostBuildCaches): Promise<PostBuildReport> {
	return checkBuiltSite(
		{ distDir: dir, contentDir: DEFAULT_CONTENT_DIR, site: paper.siteUrl },
		caches,
	);
}

async function openCaches(dir: string): Promise<PostBuildCaches> {
	return {
		pages: await CheckCache.open(checkCacheFile(dir, 'pages'), 'test'),
		fragments: await CheckCache.open(checkCacheFile(dir, 'index-fragments'), 'test'),
	};
}

/** Checks with the caches in `dir` and saves them, as a build does. */
async function cachedReportOf(siteDir: string, dir: string) {
	const caches = await openCaches(dir);
	const report = await reportOf(siteDir, caches);
	await caches.pages.save();
	await caches.fragments.save();
	return { report, caches };
}

interface BrokenSite {
	name: string;
	breakIt: (dir: string) => Promise<void>;
	/** Text one problem must contain. */
	expected: string;
}

const CASES: BrokenSite[] = [
	{
		name: 'an entry whose page is missing',
		breakIt: (dir) => rm(join(dir, NOTICE)),
		expected: '/notices/2021-11-11/02-shiyingshi-paimai/: 内容条目没有生成页面',
	},
	{
		name: 'a page with no entry behind it',
		breakIt: async (dir) => {
			await mkdir(join(dir, 'articles/2021-11-11/ghost'), { recursive: true });
			await cp(join(dir, ARTICLE), join(dir, 'articles/2021-11-11/ghost/index.html'));
		},
		expected: '/articles/2021-11-11/ghost/: 页面没有对应的内容条目',
	},
	{
		name: 'a link to a page that does not exist',
		breakIt: (dir) => editBuiltFile(dir, ARTICLE, inMain('<a href="/articles/no-such/">x</a>')),
		expected: '“/articles/no-such/” 指向不存在的页面',
	},
	{
		name: 'an absolute link to this site that leads nowhere',
		breakIt: (dir) =>
			editBuiltFile(dir, ARTICLE, inMain(`<a href="${paper.siteUrl}issues/1999-01-01/">x</a>`)),
		expected: 'issues/1999-01-01/” 指向不存在的页面',
	},
	{
		name: 'an anchor missing on the same page',
		breakIt: (dir) => editBuiltFile(dir, ARTICLE, inMain('<a href="#no-such-anchor">x</a>')),
		expected: '“#no-such-anchor” 的锚点在本页不存在',
	},
	{
		name: 'an anchor missing on another page',
		breakIt: (dir) =>
			editBuiltFile(
				dir,
				ARTICLE,
				inMain('<a href="/notices/2021-11-11/02-shiyingshi-paimai/#nope">x</a>'),
			),
		expected: '#nope，但该页没有这个锚点',
	},
	{
		name: 'an id used twice in a page',
		breakIt: (dir) => editBuiltFile(dir, ARTICLE, inMain('<span id="main">x</span>')),
		expected: 'id “main” 在页面中出现不止一次',
	},
	{
		name: 'a script URL in a link',
		breakIt: (dir) => editBuiltFile(dir, ARTICLE, inMain('<a href="javascript:alert(1)">x</a>')),
		expected: '含脚本地址',
	},
	{
		name: 'an entry page left out of the search index',
		breakIt: async (dir) => {
			const fragments = join(dir, 'pagefind/fragment');
			for (const name of await readdir(fragments)) {
				const url = fragmentUrl(await readFile(join(fragments, name)));
				if (url === '/notices/2021-11-11/02-shiyingshi-paimai/') {
					await unlink(join(fragments, name));
					return;
				}
			}
			throw new Error('no fragment for the notice');
		},
		expected: '/notices/2021-11-11/02-shiyingshi-paimai/: 页面标记为可检索，却不在搜索索引中',
	},
	{
		name: 'a page that disagrees with the others on its CSP',
		breakIt: (dir) =>
			editBuiltFile(dir, ARTICLE, (html) =>
				html.replace(/content="default-src 'self';/, `content="default-src *;`),
			),
		expected: 'CSP 与',
	},
	{
		name: 'a _headers policy that drifted from the pages',
		breakIt: (dir) =>
			editBuiltFile(dir, '_headers', (text) =>
				text.replace("frame-ancestors 'none'", 'frame-ancestors *'),
			),
		expected: '/_headers: Content-Security-Policy 头与页面的 <meta> 不一致',
	},
];

describe('the post-build check', () => {
	test('finds nothing wrong with the site as built', async () => {
		const report = await checkBuiltSite({
			distDir: defaultSiteDir(),
			contentDir: DEFAULT_CONTENT_DIR,
			site: paper.siteUrl,
		});
		expect(report.problems).toEqual([]);
		expect(report.pages).toBeGreaterThan(20);
		expect(report.entries).toBeGreaterThan(10);
		expect(report.links).toBeGreaterThan(report.pages);
		console.info(
			`[post-build] ${report.pages} pages, ${report.links} links, ${report.entries} entries, ${report.indexed} indexed`,
		);
	});

	test('reuses what it read of unchanged pages, and reports the same', async () => {
		const dir = await siteCopy('cached');
		const first = await cachedReportOf(dir, `${dir}-cache`);
		const second = await cachedReportOf(dir, `${dir}-cache`);
		expect(second.report).toEqual(first.report);
		expect(second.report).toEqual(await reportOf(dir));
		expect(first.caches.pages.hits).toBe(0);
		expect(second.caches.pages.misses).toBe(0);
		expect(second.caches.pages.hits).toBe(first.report.pages);
	});

	test.each(CASES)('finds $name', async ({ name, breakIt, expected }) => {
		const dir = await siteCopy(name.replace(/[^a-z]+/gi, '-'));
		const cacheDir = `${dir}-cache`;
		expect((await cachedReportOf(dir, cacheDir)).report.problems).toEqual([]);
		await breakIt(dir);
		const report = await reportOf(dir);
		expect(report.problems.join('\n')).toContain(expected);
		// The cache of the intact site must not hide the break, nor change the report.
		expect((await cachedReportOf(dir, cacheDir)).report).toEqual(report);
	});

	test('fails a real build whose article links to a page that does not exist', async () => {
		const contentDir = join(runDir, 'content-broken-link');
		await cp(DEFAULT_CONTENT_DIR, contentDir, { recursive: true });
		const file = join(contentDir, 'articles/2021-11-11/02-tashiliuyin.md');
		await writeFile(
			file,
			`${await readFile(file, 'utf8')}\n另见[往期报道](/articles/1998-01-01/no-such/)。\n`,
		);
		const result = await buildSiteExpectingFailure({
			contentDir,
			outDir: join(runDir, 'broken-site'),
		});
		// The story page and the printed page that shows the story in full both carry the link.
		expect(result.output).toContain('构建后检查发现 2 个问题');
		expect(result.output).toContain(
			'/articles/2021-11-11/02-tashiliuyin/: a href “/articles/1998-01-01/no-such/” 指向不存在的页面',
		);
		expect(result.output).toContain(
			'/issues/2021-11-11/2/: a href “/articles/1998-01-01/no-such/”',
		);
	});

	test('lists at most 100 problems and counts the rest', () => {
		const text = formatPostBuildProblems({
			pages: 1,
			links: 0,
			entries: 0,
			indexed: 0,
			problems: ['/a/: x'],
			problemCount: 5,
		});
		expect(text).toContain('post-build check found 5 problem(s)');
		expect(text).toContain('and 4 more');
	});
});
