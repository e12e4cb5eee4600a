import type { AstroIntegration } from 'astro';
import { readdir } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { contentRoot } from '../config/content-root.ts';
import { ContentError, type ContentProblem } from '../content-checks/problem.ts';
import { removeSecretsFromProcessEnv } from './child-env.ts';
import { failOnContentProblems } from './content-verdict.ts';
import { findMisplacedMdx } from './mdx-guard.ts';

/**
 * Every `.mdx` file under `root` outside the MDX folder (`mdx-guard.ts`), also those the site
 * would not publish, found from the folder's listing alone before Astro reads any content.
 *
 * The input limits (a file too large, a list nested too deep) are not checked here: the
 * content checks apply them to every entry file before any parser sees it (`readEntry`,
 * src/content-checks/load.ts), and the collections' loader waits for their verdict before it
 * reads a file. Checking them here as well read, stat'ed and cached every file a second
 * time on the main thread: 3.8 s of a day's build at 100,000 articles.
 */
export async function checkInputs(root: string, cwd = process.cwd()): Promise<ContentProblem[]> {
	const shown = (absolute: string) => relative(cwd, absolute) || absolute;
	const paths = (await readdir(root, { recursive: true }).catch(() => [] as string[]))
		.map((path) => path.split(sep).join('/'))
		.sort();
	return findMisplacedMdx(root, paths, shown);
}

/**
 * Runs before content is loaded in `astro build`: takes secrets out of the environment for
 * the rest of the build (nothing it runs needs one, see child-env.ts) and refuses MDX
 * outside its folder, listing every file at once.
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
				if (problems.length === 0) return;
				// The content checks (running beside, content-guard.ts) list these problems among
				// the rest: an editor gets their whole list, as from `npm run check`.
				await failOnContentProblems();
				throw new ContentError(problems);
			},
		},
	};
}
