import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pinyin } from 'pinyin-pro';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writeSearchIndex } from '../../src/integrations/pagefind.ts';
import { SHARD_NAMES_FILE } from '../../src/search/frequent-names.ts';
import { NAMES_FILE, suggestNames, type NamesFile } from '../../src/search/suggest.ts';
import { TMP_ROOT } from '../../support/paths.ts';
import { FIXTURE_PAGES, writeFixtureSite, type FixturePage } from './fixture-site.ts';

/**
 * The names file (`/pagefind/names.json`) holds the people's names and the names the text
 * mentions often (`src/search/frequent-names.ts`), written by the real index writer from
 * each shard's counts. With two pages a shard, the mentions of 王建设 fall in two shards.
 */

const day = (date: string, slug: string, paragraphs: string[]): FixturePage => ({
	url: `/articles/${date}/01-${slug}/`,
	kind: 'article',
	title: `${slug}的消息`,
	date,
	page: 1,
	paragraphs,
});

const PAGES: FixturePage[] = [
	...FIXTURE_PAGES,
	day('2019-03-01', 'a', ['市长王建设说，今年要办好十件实事。', '局长李光明在会上发言。']),
	day('2019-03-02', 'b', ['副市长张宁和市长王建设出席。']),
	day('2019-03-03', 'c', [
		'记者王建设报道：',
		// Text a reader never sees in the index: it must not count.
		'<span data-pagefind-ignore>局长李光明说，局长李光明说，</span>',
	]),
];

let siteDir: string;
let names: NamesFile;

async function readNames(dir: string): Promise<NamesFile> {
	return JSON.parse(await readFile(join(dir, 'pagefind', NAMES_FILE), 'utf8')) as NamesFile;
}

beforeAll(async () => {
	siteDir = await mkdtemp(join(TMP_ROOT, 'frequent-names-'));
	await writeFixtureSite(siteDir, PAGES);
	await writeSearchIndex({ siteDir, shardPages: 2 });
	names = await readNames(siteDir);
}, 120_000);

afterAll(async () => {
	if (siteDir) await rm(siteDir, { recursive: true, force: true });
});

describe('names.json', () => {
	test('the people first, then the names mentioned three times or more, with their pinyin', () => {
		expect(names.version).toBe(1);
		expect(names.names).toEqual([
			{ name: '朱海义', pinyin: 'zhu hai yi' },
			{ name: '王建设', pinyin: pinyin('王建设', { toneType: 'none' }) },
		]);
	});

	test('a name mentioned too rarely, or only in text kept out of the index, is not offered', () => {
		const listed = names.names.map((entry) => entry.name);
		expect(listed).not.toContain('李光明');
		expect(listed).not.toContain('张宁');
	});

	test('a misheard or mistyped name finds the mentioned one', () => {
		expect(suggestNames('王健设', 'wang jian she', names.names)).toEqual(['王建设']);
		expect(suggestNames('王建新', 'wang jian xin', names.names)).toEqual(['王建设']);
	});

	test('no shard’s name list is published', async () => {
		const files = await readdir(join(siteDir, 'pagefind'), { recursive: true });
		expect(files.filter((file) => file.endsWith(SHARD_NAMES_FILE))).toEqual([]);
	});

	test('a build that reuses cached shards writes the same names', async () => {
		const cached = await mkdtemp(join(TMP_ROOT, 'frequent-names-cached-'));
		try {
			const cache = { dir: join(cached, 'cache'), inputsDigest: 'test' };
			await writeFixtureSite(join(cached, 'first'), PAGES);
			await writeSearchIndex({ siteDir: join(cached, 'first'), shardPages: 2, cache });
			await writeFixtureSite(join(cached, 'again'), PAGES);
			const again = await writeSearchIndex({
				siteDir: join(cached, 'again'),
				shardPages: 2,
				cache,
			});
			expect(again.reused).toBeGreaterThan(0);
			expect(await readNames(join(cached, 'again'))).toEqual(names);
		} finally {
			await rm(cached, { recursive: true, force: true });
		}
	});
});
