import { readFileSync } from 'node:fs';
import { appendFile, cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_LOCATIONS } from '../../src/cache/locations.ts';
import { buildSite, scratchDir } from '../../support/build-site.ts';
import type { ProbedChunk } from '../helpers/bundle-probe.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';

/**
 * The prerender bundle reads Astro's content store from its file when it runs, instead of
 * carrying the whole store as a string (src/integrations/content-store-at-run-time.ts). A
 * real build of a copy of `content/` with a sentence added to one article, and a probe that
 * records every chunk the build bundles: the sentence is in the store and on the page, and
 * in no chunk; the pages took the collections from memory, handed over by the loader.
 */

const ARTICLE = 'articles/2021-11-11/02-tashiliuyin';
const MARK = '（内容库运行时读取测试加的一句。）';

let dir: string;
let cacheDir: string;
let site: string;
let chunks: ProbedChunk[];
let log: string;

beforeAll(async () => {
	dir = await scratchDir('content-store-at-run-time');
	const content = join(dir, 'content');
	await cp(DEFAULT_CONTENT_DIR, content, { recursive: true });
	await appendFile(join(content, `${ARTICLE}.md`), `\n${MARK}\n`);
	cacheDir = join(dir, 'cache');
	const probeFile = join(dir, 'chunks.jsonl');
	const result = await buildSite({
		contentDir: content,
		outDir: join(dir, 'site'),
		cacheDir,
		vitePlugin: join(import.meta.dirname, '../helpers/bundle-probe.ts'),
		env: { BUNDLE_PROBE_FILE: probeFile, ARCHIVE_PROGRESS: 'off' },
	});
	site = result.outDir;
	log = result.stdout;
	chunks = readFileSync(probeFile, 'utf8')
		.split('\n')
		.filter(Boolean)
		.map((line) => JSON.parse(line) as ProbedChunk);
}, 300_000);

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe("Astro's content store in a build", () => {
	it('holds the added sentence, and the page shows it', () => {
		const store = readFileSync(join(cacheDir, `${CACHE_LOCATIONS.contentStore}.json`), 'utf8');
		expect(store).toContain(MARK);
		expect(readFileSync(join(site, ARTICLE, 'index.html'), 'utf8')).toContain(MARK);
	});

	it('is in no chunk of the bundle: the prerender bundle reads it from its file', () => {
		const prerender = chunks.filter((chunk) => chunk.environment === 'prerender');
		expect(prerender.length).toBeGreaterThan(0);
		expect(
			chunks.filter((chunk) => chunk.code.includes(MARK)).map((chunk) => chunk.fileName),
		).toEqual([]);
		expect(prerender.some((chunk) => chunk.code.includes('data-store.json'))).toBe(true);
	});

	it('is not even read by the pages: they take the collections content sync left in memory', () => {
		expect(log).toContain('pages rendered from the collections in memory (5 collections)');
	});
});
