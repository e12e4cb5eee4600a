import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { writePageFiles } from '../../src/integrations/page-images.ts';
import { scratchDir } from '../../support/build-site.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';
import { listFiles } from '../helpers/dist.ts';

/**
 * The image step keeps what it encodes by the digest of the source image: a second build
 * with the same cache encodes nothing and publishes the same bytes, and a changed scan is
 * encoded again under a new address while the unchanged ones are reused.
 */

const CONTENT = join(PROJECT_ROOT, 'tests/fixtures/page-scan/content');
const SITE = 'https://archive.example/';

let runDir: string;

beforeAll(async () => {
	runDir = await scratchDir('page-images-cache');
});

afterAll(async () => {
	if (runDir) await rm(runDir, { recursive: true, force: true });
});

describe('the page image cache', () => {
	test('encodes an image once, reuses it after, and encodes a changed scan again', async () => {
		const cacheDir = join(runDir, 'cache');
		const run = (root: string, name: string) =>
			writePageFiles({ root, distDir: join(runDir, name), cacheDir, site: SITE });

		const first = await run(CONTENT, 'first');
		expect(first).toMatchObject({ encoded: 1, reused: 0, clippingsEncoded: 6, pdfs: 1 });
		const second = await run(CONTENT, 'second');
		expect(second).toMatchObject({
			encoded: 0,
			reused: 1,
			clippingsEncoded: 0,
			clippingsReused: 6,
		});
		const files = listFiles(join(runDir, 'first'));
		expect(listFiles(join(runDir, 'second'))).toEqual(files);
		for (const file of files)
			expect(
				readFileSync(join(runDir, 'second', file)).equals(
					readFileSync(join(runDir, 'first', file)),
				),
				file,
			).toBe(true);
		const info = JSON.parse(
			await readFile(join(runDir, 'first/iiif/2021-11-11/2/info.json'), 'utf8'),
		) as { id: string };
		expect(info.id).toBe(`${SITE}iiif/2021-11-11/2`);

		// A new scan of the same page, under the same file name.
		const changed = join(runDir, 'changed-content');
		await cp(CONTENT, changed, { recursive: true });
		const image = join(changed, 'media/2021-11-11/02.jpg');
		await writeFile(image, await sharp(readFileSync(image)).negate().jpeg().toBuffer());
		const third = await run(changed, 'third');
		expect(third).toMatchObject({ encoded: 1, reused: 0, clippingsEncoded: 6 });
		const folders = (dir: string) =>
			new Set(
				listFiles(join(runDir, dir))
					.filter((file) => file.startsWith('page-images/'))
					.map((file) => file.split('/')[1]),
			);
		expect([...folders('third')].some((folder) => folders('first').has(folder))).toBe(false);
	});
});
