import { join } from 'node:path';
import { MDX_FOLDER } from '../content-checks/index.ts';
import type { ContentProblem } from '../content-checks/problem.ts';

export { MDX_FOLDER };

/**
 * MDX is code: an `.mdx` file runs at build time with the builder's rights and can put
 * anything on a page. It is allowed only in one folder that developers own and review
 * like code; editors write Markdown, which is sanitised. The folder (`MDX_FOLDER`, defined
 * with the content checks, which also refuse misplaced MDX entries) is relative to the
 * content root (`content/` or `ARCHIVE_CONTENT`). This guard covers every `.mdx` file,
 * also those the site would not publish, and runs even if the content checks change.
 */

/** Whether a path below the content root (`/`-separated) may be an MDX file. */
export function isMdxAllowedAt(pathBelowRoot: string): boolean {
	return pathBelowRoot.startsWith(`${MDX_FOLDER}/`);
}

/**
 * One problem for every `.mdx` file outside `MDX_FOLDER`, including files the site would
 * not publish (an `_draft.mdx` is still evaluated if something imports it).
 */
export function findMisplacedMdx(
	root: string,
	pathsBelowRoot: readonly string[],
	shown: (absolute: string) => string,
): ContentProblem[] {
	return pathsBelowRoot
		.filter((path) => /\.mdx$/i.test(path) && !isMdxAllowedAt(path))
		.map((path) => ({
			file: shown(join(root, path)),
			field: '',
			message: `MDX 文件只能放在 ${MDX_FOLDER}/（由开发者审核的代码）/ MDX is allowed only in ${MDX_FOLDER}/ (code reviewed by developers)`,
			fix: '把扩展名改为 .md / rename the file to .md',
			code: 'mdx-not-allowed' as const,
		}));
}
