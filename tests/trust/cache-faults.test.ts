import { execFile } from 'node:child_process';
import {
	readdirSync,
	readFileSync,
	statSync,
	truncateSync,
	unlinkSync,
	writeFileSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CACHE_LOCATIONS } from '../../src/cache/locations.ts';
import { buildSite, runBuild, scratchDir, type BuildOptions } from '../../support/build-site.ts';
import { CORPUS_SAMPLE_FILE, PROJECT_ROOT } from '../../support/paths.ts';
import { siteDifferences as differences } from '../helpers/dist.ts';

/**
 * Caches never change or break a build. A reference site is built with no cache; then, round
 * after round, a build sharing one cache folder is killed at a random moment, random cached
 * files are truncated, garbled or deleted, and the next build must finish and write the
 * reference site byte for byte. The content is 200 real corpus articles with small search
 * shards, so that every cache (content store, rendered pages, check results, closed search
 * shards) holds something. The seed is printed so that a failure can be replayed with
 * `CACHE_FAULT_SEED=<seed>`.
 */

const run = promisify(execFile);
const NODE = join(PROJECT_ROOT, 'node_modules', '.bin', 'node');
const ROUNDS = 4;
const SEED = Number(process.env.CACHE_FAULT_SEED ?? Date.now() % 1_000_000);
const ENV = {
	SOURCE_DATE_EPOCH: String(Date.parse('2024-01-01T08:30:00+08:00') / 1000),
	// Small shards, so that closed shards are cached.
	ARCHIVE_SEARCH_SHARD_PAGES: '60',
	ARCHIVE_SEARCH_RECENT_SHARD_PAGES: '20',
};

/** A small deterministic generator (mulberry32), so a failing round can be replayed. */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

function cacheFiles(cacheDir: string): string[] {
	return readdirSync(cacheDir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(cacheDir, join(entry.parentPath, entry.name)).split(sep).join('/'))
		.sort();
}

let runDir: string;
let contentDir: string;
let cacheDir: string;
let reference: string;
let referenceMs: number;

function options(outDir: string, extra: Partial<BuildOptions> = {}): BuildOptions {
	return { contentDir, outDir: join(runDir, outDir), env: ENV, cacheDir, ...extra };
}

beforeAll(async () => {
	runDir = await scratchDir('trust-cache-faults');
	contentDir = join(runDir, 'content');
	cacheDir = join(runDir, 'cache');
	await run(NODE, ['scripts/import.ts', '--jsonl', CORPUS_SAMPLE_FILE, '--out', contentDir], {
		cwd: PROJECT_ROOT,
	});
	const started = Date.now();
	// No cacheDir: a clean build in a fresh cache of its own.
	reference = (await buildSite({ contentDir, outDir: join(runDir, 'reference'), env: ENV })).outDir;
	referenceMs = Date.now() - started;
	console.info(`[cache faults] seed ${SEED}; reference build ${referenceMs} ms`);
});

afterAll(async () => {
	if (runDir) await rm(runDir, { recursive: true, force: true });
});

describe('a cache never changes or breaks a build', () => {
	test('a truncated cached page is dropped with one line, and the site is the reference', async () => {
		await buildSite(options('warm'));
		const page = cacheFiles(cacheDir).find(
			(file) => file.startsWith(`${CACHE_LOCATIONS.renderedPages}/`) && file.endsWith('.html'),
		);
		expect(page, 'a rendered page is cached').toBeDefined();
		truncateSync(join(cacheDir, page!), 100);
		const result = await buildSite(options('after-truncation'));
		const output = `${result.stdout}\n${result.stderr}`;
		expect(output).toContain(`${page}: 100 bytes`);
		expect(output.match(/failed their digests/g)).toHaveLength(1);
		expect(differences(reference, result.outDir)).toEqual([]);
	});

	test(
		`${ROUNDS} rounds of killed builds and damaged cache files, each followed by the reference site`,
		async () => {
			const next = random(SEED);
			for (let round = 1; round <= ROUNDS; round++) {
				const killAfterMs = Math.round(300 + next() * referenceMs);
				const killed = await runBuild(options(`killed-${round}`, { killAfterMs }));
				const files = cacheFiles(cacheDir);
				const damage: string[] = [];
				for (let i = 0; i < 3 && files.length > 0; i++) {
					const file = files.splice(Math.floor(next() * files.length), 1)[0]!;
					const path = join(cacheDir, file);
					const size = statSync(path).size;
					const kind = Math.floor(next() * 3);
					if (kind === 0) {
						truncateSync(path, Math.floor(next() * size));
						damage.push(`truncated ${file}`);
					} else if (kind === 1 && size > 0) {
						const bytes = readFileSync(path);
						const at = Math.floor(next() * size);
						bytes[at] = bytes[at]! ^ 0x5a;
						writeFileSync(path, bytes);
						damage.push(`garbled ${file} at ${at}`);
					} else {
						unlinkSync(path);
						damage.push(`deleted ${file}`);
					}
				}
				console.info(
					`[cache faults] round ${round}: killed after ${killAfterMs} ms (exit ${killed.exitCode}); ${damage.join('; ')}`,
				);
				const result = await runBuild(options(`after-${round}`));
				expect(result.exitCode, `round ${round} (seed ${SEED}): ${result.stderr}`).toBe(0);
				expect(differences(reference, result.outDir), `round ${round} (seed ${SEED})`).toEqual([]);
			}
		},
		20 * 60_000,
	);
});
