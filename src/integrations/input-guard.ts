import type { AstroIntegration } from 'astro';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { contentRoot } from '../config/content-root.ts';
import { checkInputLimits, fileTooLarge, INPUT_LIMITS } from '../content-checks/limits.ts';
import { isPublishedEntryPath } from '../content-checks/load.ts';
import { ContentError, type ContentProblem } from '../content-checks/problem.ts';
import { removeSecretsFromProcessEnv } from './child-env.ts';
import { findMisplacedMdx } from './mdx-guard.ts';

/**
 * Every content file under `root`, checked before Astro reads any of them: MDX only in its
 * folder, and no file too large or nested too deep to render safely. A file over the size
 * limit is refused from its size alone, without being read.
 */
export async function checkInputs(root: string, cwd = process.cwd()): Promise<ContentProblem[]> {
	const shown = (absolute: string) => relative(cwd, absolute) || absolute;
	const paths = (await readdir(root, { recursive: true }).catch(() => [] as string[]))
		.map((path) => path.split(sep).join('/'))
		.sort();
	const problems = findMisplacedMdx(root, paths, shown);
	for (const path of paths) {
		// Only entries are rendered; `collection/file.md` at least.
		if (!path.includes('/') || !isPublishedEntryPath(path)) continue;
		const absolute = join(root, path);
		const { size } = await stat(absolute);
		if (size > INPUT_LIMITS.maxFileBytes) {
			problems.push(fileTooLarge(shown(absolute), size));
			continue;
		}
		problems.push(...checkInputLimits(shown(absolute), await readFile(absolute, 'utf8')));
	}
	return problems;
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
			'astro:config:setup': async ({ command, logger }) => {
				if (command !== 'build') return;
				const removed = removeSecretsFromProcessEnv();
				if (removed.length > 0) {
					logger.info(`hidden from the build: ${removed.length} secret environment variable(s)`);
				}
				const problems = await checkInputs(contentRoot());
				if (problems.length > 0) throw new ContentError(problems);
			},
		},
	};
}
