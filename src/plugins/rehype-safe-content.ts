import type { ElementContent, Root, RootContent } from 'hast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize from 'rehype-sanitize';
import type { VFile } from 'vfile';
import { MAX_TREE_DEPTH } from '../content-checks/limits.ts';
import { articleSchema } from './sanitize-schema.ts';
import { assertShallow, isMdxFile } from './tree-depth.ts';

/**
 * Makes an entry's body safe to publish: its raw HTML is parsed (Astro would otherwise
 * pass `<script>`, `onerror=` and `javascript:` links straight through, see docs/stack-facts.md)
 * and everything outside `articleSchema` is removed. It must run before any other rehype
 * plugin that trusts the tree. MDX files are code written by developers, confined to one
 * folder by the input guard, and are left alone.
 */
export function rehypeSafeContent() {
	const parseRawHtml = rehypeRaw();
	const sanitize = rehypeSanitize(articleSchema);
	return (tree: Root, file: VFile): Root => {
		if (isMdxFile(file)) return tree;
		const parsed = parseRawHtml(tree, file);
		// Raw HTML can nest far deeper than Markdown; the sanitiser walks it recursively.
		assertShallow(parsed, MAX_TREE_DEPTH, file, 'HTML');
		return withoutEmptyShells(sanitize(parsed));
	};
}

/**
 * What the sanitiser leaves of a refused link or image: `<a>` without its `javascript:`
 * address keeps its text, `<img>` without its outside source goes (it would be invalid
 * HTML and show a broken image).
 */
function withoutEmptyShells(tree: Root): Root {
	const stack: { children: (RootContent | ElementContent)[] }[] = [tree];
	while (stack.length > 0) {
		const parent = stack.pop()!;
		const kept: (RootContent | ElementContent)[] = [];
		const pending = [...parent.children].reverse();
		while (pending.length > 0) {
			const child = pending.pop()!;
			if (child.type === 'element') {
				if (child.tagName === 'img' && typeof child.properties.src !== 'string') continue;
				if (child.tagName === 'a' && typeof child.properties.href !== 'string') {
					pending.push(...[...child.children].reverse());
					continue;
				}
				stack.push(child);
			}
			kept.push(child);
		}
		parent.children = kept;
	}
	return tree;
}
