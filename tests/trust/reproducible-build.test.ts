import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, scratchDir } from '../../support/build-site.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';
import { listFiles } from '../helpers/dist.ts';
import { CORPUS_SAMPLE_FILE } from '../../support/paths.ts';

/**
 * Two builds of the same commit and content are byte for byte the same, search index
 * included, also when one server runs in UTC and the other in Los Angeles (16 hours behind
 * China). The content is 200 real corpus articles brought in by `npm run import`, so that
 * the index has many pages, filters and words. `SOURCE_DATE_EPOCH` pins the one input that
 * should differ between days: "now", which decides a notice's status.
 */

const run = promisify(execFile);
const NODE = join(PROJECT_ROOT, 'node_modules', '.bin', 'node');
const SOURCE_DATE_EPOCH = String(Date.parse('2024-01-01T08:30:00+08:00') / 1000);

let runDir: string;
const sites: string[] = [];

beforeAll(async () => {
	runDir = await scratchDir('trust-reproducible');
	const contentDir = join(runDir, 'content');
	await run(NODE, ['scripts/import.ts', '--jsonl', CORPUS_SAMPLE_FILE, '--out', contentDir], {
		cwd: PROJECT_ROOT,
	});
	// One after the other: the machine has two cores.
	for (const zone of ['UTC', 'America/Los_Angeles']) {
		const result = await buildSite({
			contentDir,
			outDir: join(runDir, zone.replace('/', '_')),
			env: { TZ: zone, SOURCE_DATE_EPOCH },
		});
		sites.push(result.outDir);
	}
});

afterAll(async () => {
	if (runDir) await rm(runDir, { recursive: true, force: true });
});

describe('two builds of the same commit, in UTC and in America/Los_Angeles', () => {
	test('write the same files, search index included', () => {
		const [first, second] = sites.map((site) => listFiles(site));
		expect(first!.filter((file) => file.endsWith('.html')).length).toBeGreaterThan(200);
		expect(first!.filter((file) => file.startsWith('pagefind/')).length).toBeGreaterThan(200);
		expect(second).toEqual(first);
	});

	test('write every file byte for byte the same', () => {
		const files = listFiles(sites[0]!);
		const different = files.filter(
			(file) => !readFileSync(join(sites[0]!, file)).equals(readFileSync(join(sites[1]!, file))),
		);
		console.info(`[reproducible] ${files.length} files compared, ${different.length} differ`);
		expect(different).toEqual([]);
	});
});
