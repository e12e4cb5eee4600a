import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { appendFile, cp, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild, scratchDir } from '../../support/build-site.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';
import { pagesInLog } from '../../support/astro-page-log.ts';

/**
 * The files beside item pages (`.json`, `.ris`, `.bib`, `.csl.json`) come from one bundle per
 * kind and day, unpacked after the pages (src/data/item-files.ts,
 * src/integrations/item-files.ts). Through an incremental build they must stay exactly what a
 * clean build writes: an edited entry's files are written again, a removed entry's files are
 * gone, and no bundle is left in the site. Real builds of a copy of `content/`, the second one
 * with the first one's cache.
 */

const ITEM_FILE = /\.(json|ris|bib|csl\.json)$/;
const ITEM_FOLDERS = ['articles', 'notices', 'adverts', 'people'];
const EDITED = 'articles/2021-11-11/02-tashiliuyin';
const REMOVED = 'adverts/2021-11-11/02-chuangwen';
const MARK = '（增量构建测试加的一句。）';

/** Every file under the item folders, by its path in the site, with its bytes. */
function itemFiles(site: string): Map<string, string> {
	const files = new Map<string, string>();
	for (const folder of ITEM_FOLDERS) {
		const root = join(site, folder);
		for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
			if (!entry.isFile()) continue;
			const file = join(entry.parentPath, entry.name);
			if (ITEM_FILE.test(entry.name) || entry.name.endsWith('.item-files')) {
				files.set(relative(site, file), readFileSync(file, 'utf8'));
			}
		}
	}
	return files;
}

let dir: string;
let first: Map<string, string>;
let incremental: Map<string, string>;
let clean: Map<string, string>;
let againLog: string;

beforeAll(async () => {
	dir = await scratchDir('item-files');
	const content = join(dir, 'content');
	await cp(DEFAULT_CONTENT_DIR, content, { recursive: true });
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
	first = itemFiles(await build(join(dir, 'first'), cacheDir));
	// Edit one story, remove one advert (and the list of published addresses, which would
	// rightly refuse to lose its address), then build again over the first build's cache.
	await appendFile(join(content, `${EDITED}.md`), `\n${MARK}\n`);
	await rm(join(content, `${REMOVED}.md`));
	await rm(join(content, 'published-urls.txt'));
	incremental = itemFiles(await build(join(dir, 'again'), cacheDir));
	// Astro colours its log where CI is set (CI=true): read the text, not the colours.
	againLog = stripVTControlCharacters(log);
	clean = itemFiles(await build(join(dir, 'clean'), join(dir, 'clean-cache')));
}, 600_000);

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('item files through an incremental build', () => {
	it('writes the four files of every item and leaves no bundle behind', () => {
		for (const ext of ['json', 'ris', 'bib', 'csl.json']) {
			expect(first.has(`${EDITED}.${ext}`)).toBe(true);
			expect(first.has(`${REMOVED}.${ext}`)).toBe(true);
		}
		expect(
			[...first.keys(), ...incremental.keys()].filter((f) => f.endsWith('.item-files')),
		).toEqual([]);
	});

	it('copies the bundles of unchanged days from the cache and makes the edited day again', () => {
		// `cached` when the cache copy was linked into the new folder first (fresh-out-dir.ts).
		const pages = pagesInLog(againLog);
		const reused = new Set([...pages.cached, ...pages.restored]);
		expect(reused).toContain('/notices/2021-11-11.item-files/');
		expect(reused).toContain('/people/all.item-files/');
		expect(pages.rendered).toContain('/articles/2021-11-11.item-files/');
	});

	it("writes an edited entry's file again", () => {
		expect(first.get(`${EDITED}.json`)).not.toContain(MARK);
		expect(incremental.get(`${EDITED}.json`)).toContain(MARK);
	});

	it('leaves no file of a removed entry', () => {
		for (const ext of ['json', 'ris', 'bib', 'csl.json']) {
			expect(incremental.has(`${REMOVED}.${ext}`)).toBe(false);
		}
	});

	it('gives exactly the files and bytes of a clean build', () => {
		expect([...incremental.keys()].sort()).toEqual([...clean.keys()].sort());
		for (const [file, text] of clean) expect(incremental.get(file), file).toBe(text);
	});
});

describe('an unpacked site', () => {
	it('has no bundle in the item folders of the clean build either', () => {
		expect(existsSync(join(dir, 'clean', 'articles', '2021-11-11.item-files'))).toBe(false);
	});
});
