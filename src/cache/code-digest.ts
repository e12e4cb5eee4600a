import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Digests that key the caches kept between builds (the check results, the search shards):
 * a cached result is reused only while the code that produced it is unchanged, and that
 * code is found by following the imports of the module that produces it.
 */

export function digestOf(bytes: Uint8Array | string): string {
	return createHash('sha256').update(bytes).digest('base64url');
}

/** Relative module specifiers in a TypeScript or JavaScript module: imports, re-exports, `import()`. */
const RELATIVE_IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g;

/**
 * The modules reachable from `entries` through relative imports, sorted; a specifier that
 * names no file is kept as it was tried (`./x`, `./x.ts`, `./x/index.ts`), so that adding
 * the module later changes the set.
 */
export async function reachableModules(entries: readonly string[]): Promise<string[]> {
	const seen = new Set<string>();
	const queue = entries.map((entry) => resolve(entry));
	while (queue.length > 0) {
		const module = queue.pop()!;
		if (seen.has(module)) continue;
		seen.add(module);
		const text = await readFile(module, 'utf8').catch(() => undefined);
		if (text === undefined) {
			// `./x` may name `./x.ts` or `./x/index.ts`; whichever exists is followed.
			if (!/\.[cm]?[jt]sx?$/.test(module)) queue.push(`${module}.ts`, join(module, 'index.ts'));
			continue;
		}
		for (const match of text.matchAll(RELATIVE_IMPORT)) {
			queue.push(resolve(dirname(module), match[2]!));
		}
	}
	return [...seen].sort();
}

/**
 * A digest of the modules reachable from `entries` (their paths and text), with
 * `extraFiles` and `extraText`. Packages are covered by the lock file, which callers pass
 * in `extraFiles`.
 */
export async function codeDigest(
	entries: readonly string[],
	extraFiles: readonly string[] = [],
	extraText: readonly string[] = [],
): Promise<string> {
	const hash = createHash('sha256');
	for (const file of [...(await reachableModules(entries)), ...extraFiles]) {
		const text = await readFile(file).catch(() => undefined);
		// A missing module still counts, as missing: adding it later changes the digest.
		hash.update(`${file}\0${text === undefined ? 'missing' : digestOf(text)}\0`);
	}
	for (const text of extraText) hash.update(`${text}\0`);
	return hash.digest('base64url');
}

/** The project's lock file, for `codeDigest`: dependency versions decide results too. */
export const LOCK_FILE = fileURLToPath(new URL('../../package-lock.json', import.meta.url));
