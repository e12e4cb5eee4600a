import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the benchmark finds the project, its tools and the shared corpus. */

export const PROJECT_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN_DIR = join(PROJECT_ROOT, 'node_modules', '.bin');
export const TMP_ROOT = join(PROJECT_ROOT, '.tmp');
export const BENCH_TMP = join(TMP_ROOT, 'bench');
export const RESULTS_DIR = join(PROJECT_ROOT, 'bench-results');
export const BASELINE_SOURCE = join(PROJECT_ROOT, 'scripts', 'bench', 'baseline-site');
export const CORPUS_FILE = fileURLToPath(
	new URL('../../../../shared/corpus/news-zh.jsonl', import.meta.url),
);

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
