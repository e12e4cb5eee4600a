import { readdirSync, readFileSync, statSync } from 'node:fs';
import { appendFile, cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_LOCATIONS } from '../../src/cache/locations.ts';
import { runBuild, scratchDir } from '../../support/build-site.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';
import { pagesInLog } from '../../support/astro-page-log.ts';

/**
 * The yearly downloads (`/data/<year>.jsonl.gz`) carry a cache key made from the item-file
 * bundles' keys (src/data/item-files.ts, `yearlyDownloadKeys`): an incremental build gzips
 * again only the years whose records changed. Real builds of the default content with a
 * second year (a story and an advert of 2021-11-11 run again on 2022-11-11); one 2022
 * story is edited between two builds with one cache, and a clean build of the edited
 * content is the reference.
 */

const YEARS = ['2021', '2022', 'people'];
const EDITED = 'articles/2022-11-11/03-tashiliuyin.md';
const MARK = '（年度数据增量构建测试加的一句。）';

async function put(root: string, path: string, text: string): Promise<void> {
	await mkdir(dirname(join(root, path)), { recursive: true });
	await writeFile(join(root, path), text);
}

/** Content of two years: the default content and two of its entries run again a year later. */
async function twoYears(content: string): Promise<void> {
	await cp(DEFAULT_CONTENT_DIR, content, { recursive: true });
	await put(content, 'issues/2022-11-11.md', '---\ndate: 2022-11-11\npages:\n  - number: 3\n---\n');
	const article = await readFile(
		join(DEFAULT_CONTENT_DIR, 'articles/2021-11-11/02-tashiliuyin.md'),
		'utf8',
	);
	await put(
		content,
		EDITED,
		article
			.replace('date: 2021-11-11', 'date: 2022-11-11')
			.replace('page: 2', 'page: 3')
			.replace(/continuedFrom:\n.*\n/, ''),
	);
	const advert = await readFile(
		join(DEFAULT_CONTENT_DIR, 'adverts/2021-11-11/02-xingfu-ankang-jiu.md'),
		'utf8',
	);
	await put(
		content,
		'adverts/2022-11-11/03-xingfu-ankang-jiu.md',
		advert.replace('date: 2021-11-11', 'date: 2022-11-11').replace('page: 2', 'page: 3'),
	);
}

/** The yearly downloads of a built site, by name (`2021`, `people`), as bytes. */
function downloads(site: string): Map<string, Buffer> {
	return new Map(YEARS.map((year) => [year, readFileSync(join(site, 'data', `${year}.jsonl.gz`))]));
}

/** The ids of the records in a download. */
function ids(bytes: Buffer): string[] {
	return gunzipSync(bytes)
		.toString('utf8')
		.trimEnd()
		.split('\n')
		.map((line) => (JSON.parse(line) as { id: string }).id);
}

let dir: string;
let first: Map<string, Buffer>;
let incremental: Map<string, Buffer>;
let clean: Map<string, Buffer>;
let againLog: string;
let membersBefore: Map<string, number>;
let membersAfter: Map<string, number>;

/** The 2022 download's gzip members kept in the cache, by file name, with their inodes. */
function members(cacheDir: string): Map<string, number> {
	const folder = join(cacheDir, CACHE_LOCATIONS.downloadMembers, '2022');
	return new Map(readdirSync(folder).map((name) => [name, statSync(join(folder, name)).ino]));
}

beforeAll(async () => {
	dir = await scratchDir('yearly-downloads');
	const content = join(dir, 'content');
	await twoYears(content);
	const cacheDir = join(dir, 'cache');
	let log = '';
	const build = async (outDir: string, cache: string) => {
		// Astro's page-by-page lines, which say which files came from the cache (`restored`).
		const env = { ARCHIVE_PROGRESS: 'off' };
		const result = await runBuild({ contentDir: content, outDir, cacheDir: cache, env });
		if (result.exitCode !== 0) throw new Error(`build failed:\n${result.stdout.slice(-3000)}`);
		log = result.stdout;
		return result.outDir;
	};
	first = downloads(await build(join(dir, 'first'), cacheDir));
	membersBefore = members(cacheDir);
	await appendFile(join(content, EDITED), `\n${MARK}\n`);
	incremental = downloads(await build(join(dir, 'again'), cacheDir));
	membersAfter = members(cacheDir);
	// Astro colours its log where CI is set (CI=true): read the text, not the colours.
	againLog = stripVTControlCharacters(log);
	clean = downloads(await build(join(dir, 'clean'), join(dir, 'clean-cache')));
}, 600_000);

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('yearly downloads through an incremental build', () => {
	it('hold each year’s records', () => {
		expect(ids(first.get('2021')!)).toContain('2021-11-11/02-tashiliuyin');
		expect(ids(first.get('2022')!)).toEqual([
			'2022-11-11/03-tashiliuyin',
			'2022-11-11/03-xingfu-ankang-jiu',
		]);
	});

	it('gzips again only the year whose record changed', () => {
		const pages = pagesInLog(againLog);
		const reused = new Set([...pages.cached, ...pages.restored]);
		expect(pages.rendered).toContain('/data/2022.jsonl.gz');
		// `cached` when the cache copy was linked into the new folder first (fresh-out-dir.ts).
		expect(reused).toContain('/data/2021.jsonl.gz');
		expect(reused).toContain('/data/people.jsonl.gz');
	});

	it('writes the changed year’s new records', () => {
		expect(gunzipSync(first.get('2022')!).toString('utf8')).not.toContain(MARK);
		expect(gunzipSync(incremental.get('2022')!).toString('utf8')).toContain(MARK);
		expect(incremental.get('2021')!.equals(first.get('2021')!)).toBe(true);
	});

	it('gzips again only the changed year’s changed member, and keeps one file a member', () => {
		const names = (kept: Map<string, number>) => [...kept.keys()].map((name) => name.split('.')[0]);
		expect(names(membersBefore).sort()).toEqual(['advert-2022-11', 'article-2022-11']);
		expect(names(membersAfter).sort()).toEqual(['advert-2022-11', 'article-2022-11']);
		const advert = [...membersBefore.keys()].find((name) => name.startsWith('advert-'))!;
		// The same file, not written again.
		expect(membersAfter.get(advert)).toBe(membersBefore.get(advert));
		const article = [...membersBefore.keys()].find((name) => name.startsWith('article-'))!;
		expect(membersAfter.has(article)).toBe(false);
	});

	it('gives every download byte for byte as a clean build does', () => {
		for (const year of YEARS)
			expect(incremental.get(year)!.equals(clean.get(year)!), year).toBe(true);
	});
});
