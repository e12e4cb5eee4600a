import type { AstroIntegration } from 'astro';
import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentRoot } from '../config/content-root.ts';
import { CheckCache, checkCacheFile, fileResult } from '../cache/check-results.ts';
import { codeDigest, LOCK_FILE } from '../cache/code-digest.ts';
import { checkInputLimits, fileTooLarge, INPUT_LIMITS } from '../content-checks/limits.ts';
import { isPublishedEntryPath } from '../content-checks/load.ts';
import { ContentError, type ContentProblem } from '../content-checks/problem.ts';
import { removeSecretsFromProcessEnv } from './child-env.ts';
import { failOnContentProblems } from './content-verdict.ts';
import { findMisplacedMdx } from './mdx-guard.ts';

/**
 * Every content file under `root`, checked before Astro reads any of them: MDX only in its
 * folder, and no file too large or nested too deep to render safely. A file over the size
 * limit is refused from its size alone, without being read. With `cache`, a file whose bytes
 * are unchanged since the run that stored its result is not scanned again.
 */
export async function checkInputs(
	root: string,
	cwd = process.cwd(),
	cache?: CheckCache<ContentProblem[]>,
): Promise<ContentProblem[]> {
	const shown = (absolute: string) => relative(cwd, absolute) || absolute;
	const paths = (await readdir(root, { recursive: true }).catch(() => [] as string[]))
		.map((path) => path.split(sep).join('/'))
		.sort();
	const problems = findMisplacedMdx(root, paths, shown);
	for (const path of paths) {
		// Only entries are rendered; `collection/file.md` at least.
		if (!path.includes('/') || !isPublishedEntryPath(path)) continue;
		const absolute = join(root, path);
		// Synchronous reads: much faster for many small files than promises (see checkContent).
		const stat = statSync(absolute, { bigint: true });
		const size = Number(stat.size);
		if (size > INPUT_LIMITS.maxFileBytes) {
			problems.push(fileTooLarge(shown(absolute), size));
			continue;
		}
		// A file untouched since its result was stored is not even read (src/cache/file-stamp.ts).
		const check = (bytes: Buffer) => checkInputLimits(shown(absolute), bytes.toString('utf8'));
		problems.push(...fileResult(absolute, path, cache, check, stat));
	}
	return problems;
}

/** What besides a file's bytes decides its result (see `contentChecksDigest`). */
export async function inputChecksDigest(root: string, cwd = process.cwd()): Promise<string> {
	return codeDigest(
		[fileURLToPath(import.meta.url)],
		[LOCK_FILE],
		[`node ${process.version}`, `root ${root}`, `cwd ${cwd}`],
	);
}

/**
 * Runs before content is loaded in `astro build`: takes secrets out of the environment for
 * the rest of the build (nothing it runs needs one, see child-env.ts) and refuses content
 * that breaks the input rules, listing every file at once.
 */
export function inputGuard(): AstroIntegration {
	return {
		name: 'archive:input-guard',
		hooks: {
			'astro:config:setup': async ({ command, config, logger }) => {
				if (command !== 'build') return;
				const removed = removeSecretsFromProcessEnv();
				if (removed.length > 0) {
					logger.info(`hidden from the build: ${removed.length} secret environment variable(s)`);
				}
				const root = contentRoot();
				const cache = await CheckCache.open<ContentProblem[]>(
					checkCacheFile(fileURLToPath(config.cacheDir), 'inputs'),
					await inputChecksDigest(root),
				);
				const problems = await checkInputs(root, process.cwd(), cache);
				await cache.save().catch((error: unknown) => {
					logger.warn(`check cache not saved: ${(error as Error).message}`);
				});
				if (problems.length === 0) return;
				// The content checks (running beside, content-guard.ts) list these problems among
				// the rest: an editor gets their whole list, as from `npm run check`.
				await failOnContentProblems();
				throw new ContentError(problems);
			},
		},
	};
}
