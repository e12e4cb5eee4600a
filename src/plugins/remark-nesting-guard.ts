import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { MAX_TREE_DEPTH } from '../content-checks/limits.ts';
import { assertShallow } from './tree-depth.ts';

/**
 * Refuses a body whose Markdown nests too deep, right after parsing and before the
 * recursive transforms that would take seconds or overflow the stack (a list nested 500
 * deep takes 6 s here; emphasis nested 2,000 deep crashes the HTML serialiser). The input
 * guard catches the common shapes before the build starts; this catches the rest.
 */
export function remarkNestingGuard() {
	return (tree: Root, file: VFile): void => {
		assertShallow(tree, MAX_TREE_DEPTH, file, 'Markdown');
	};
}
