import { cp, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild, scratchDir, type BuildResult } from '../../support/build-site.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';

/**
 * The item-file bundles are unpacked in a worker thread beside the search index
 * (src/integrations/item-files.ts); a bundle it cannot read must still fail the build,
 * naming the bundle, before anything reads the item files. A real build of the default
 * content with a `public/` folder that plants a bundle of the earlier format (one JSON line
 * per file) among the real ones.
 */

const PLANTED = 'articles/1900-01-01.item-files';

let dir: string;
let result: BuildResult;
let log: string;

beforeAll(async () => {
	dir = await scratchDir('item-files-failure');
	const publicDir = join(dir, 'public');
	await cp(join(PROJECT_ROOT, 'public'), publicDir, { recursive: true });
	await mkdir(join(publicDir, 'articles'), { recursive: true });
	await writeFile(
		join(publicDir, PLANTED),
		`${JSON.stringify(['/articles/1900-01-01/01-x.json', '{}\n'])}\n`,
	);
	result = await runBuild({ outDir: join(dir, 'site'), publicDir });
	// Astro colours its log where CI is set (CI=true): read the text, not the colours.
	log = stripVTControlCharacters(`${result.stdout}\n${result.stderr}`);
}, 300_000);

afterAll(async () => {
	if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a bundle that cannot be unpacked', () => {
	it('fails the build, naming the bundle and what is wrong with it', () => {
		expect(result.exitCode).not.toBe(0);
		expect(log).toMatch(
			/articles\/1900-01-01\.item-files: not an item-files bundle \(archive-item-files 2\): first line is not the format line/,
		);
	});

	it('is reported once the search index is made, before the checks that read item files', () => {
		const indexed = log.indexOf('[archive:pagefind] indexed');
		const failed = log.indexOf('1900-01-01.item-files: not an item-files bundle');
		expect(indexed).toBeGreaterThanOrEqual(0);
		expect(failed).toBeGreaterThan(indexed);
		expect(log).not.toContain('[archive:post-build-checks] checked');
		expect(log).not.toContain('[archive:permanence]');
	});
});
