import { relative } from 'node:path';
import type { VFile } from 'vfile';

/** A unist node as far as depth is concerned. */
interface Parent {
	children?: unknown[];
}

/**
 * The deepest nesting of a syntax tree, measured without recursion: the unified tools
 * after the parser walk trees recursively and overflow the stack somewhere past 1,500
 * levels (measured: emphasis nested 2,000 deep, 12 KB of text, crashes the HTML
 * serialiser), so the depth must be known before they run. Stops counting at `limit + 1`.
 */
export function treeDepth(root: Parent, limit = Number.POSITIVE_INFINITY): number {
	let deepest = 0;
	const stack: [Parent, number][] = [[root, 0]];
	while (stack.length > 0) {
		const [node, depth] = stack.pop()!;
		if (depth > deepest) {
			deepest = depth;
			if (deepest > limit) return deepest;
		}
		for (const child of node.children ?? []) {
			if (child && typeof child === 'object') stack.push([child, depth + 1]);
		}
	}
	return deepest;
}

/** How a rendered file is named in messages: relative to the working directory. */
export function shownPath(file: VFile): string {
	const path = file.history[0] ?? file.path;
	if (!path) return '（未知文件 / unknown file）';
	return relative(process.cwd(), path) || path;
}

/** Whether a file is MDX: developer-written code, neither sanitised nor rescoped (see docs/stack-facts.md). */
export function isMdxFile(file: VFile): boolean {
	return Boolean((file.history[0] ?? file.path)?.toLowerCase().endsWith('.mdx'));
}

/** Throws a message an editor can act on when a tree nests deeper than `limit`. */
export function assertShallow(
	root: Parent,
	limit: number,
	file: VFile,
	structure: 'Markdown' | 'HTML',
): void {
	const depth = treeDepth(root, limit);
	if (depth > limit) {
		throw new Error(
			`${shownPath(file)}: 正文的 ${structure} 结构嵌套超过 ${limit} 层，无法安全排版，请简化 / the body's ${structure} nests deeper than ${limit} levels and cannot be rendered safely: simplify it`,
		);
	}
}
