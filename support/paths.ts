import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the project, its tools and `../shared/` are, for the tests and the measurement tools
 * alike (one definition, so the two never disagree).
 */

export const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));
export const BIN_DIR = join(PROJECT_ROOT, 'node_modules', '.bin');
/** Scratch space for builds, imports and benchmarks; ignored by git. */
export const TMP_ROOT = join(PROJECT_ROOT, '.tmp');

/**
 * `../shared/` beside the checkout: the seed page and the licensed corpus. It is there on
 * every developer machine and in CI; the corpus is read from it and never copied in.
 */
export const SHARED_DIR = fileURLToPath(new URL('../../shared/', import.meta.url));
export const SEED_FILE = `${SHARED_DIR}seed/000_893873e88a61c0c8.txt`;
export const CORPUS_FILE = `${SHARED_DIR}corpus/news-zh.jsonl`;
export const CORPUS_SAMPLE_FILE = `${SHARED_DIR}corpus/sample-200.jsonl`;

/**
 * The environment for a child build: Node 24 from node_modules/.bin first on PATH (astro's
 * shebang is `/usr/bin/env node`), no telemetry, and nothing a test runner set that would
 * change Astro's mode.
 */
export function childEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const name of Object.keys(env)) {
		if (
			['NODE_ENV', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL', 'TEST', 'ARCHIVE_CONTENT'].includes(
				name,
			) ||
			name.startsWith('VITEST')
		) {
			delete env[name];
		}
	}
	env.PATH = [BIN_DIR, env.PATH ?? ''].join(delimiter);
	env.ASTRO_TELEMETRY_DISABLED = '1';
	return { ...env, ...extra };
}
