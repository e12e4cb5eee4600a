import { rehypeHeadingIds } from '@astrojs/markdown-remark';
import { createHash } from 'node:crypto';
import { relative } from 'node:path';
import type { Element, Root, RootContent } from 'hast';
import type { VFile } from 'vfile';
import { contentRoot } from '../config/content-root.ts';
import { isMdxFile } from './tree-depth.ts';

/**
 * Gives every id in an entry's body a prefix of its own, and points the entry's internal
 * links (footnotes, `[见上文](#标题)`) at the prefixed ids. A printed page shows all its
 * items in full on one web page and a story joins parts from several files, so two
 * bodies with a footnote 1 or a heading 记者手记 would otherwise share an id: invalid
 * HTML, and a footnote link that jumps into the wrong story. Prefixed ids also cannot
 * clobber the page's own (`main`) or globals in scripts.
 *
 * GFM table alignment (`align`, obsolete in HTML) becomes a class, since a strict CSP
 * blocks `style` attributes.
 */

/** `c3fa9c1`: a short, stable name for one entry, from its path inside the content folder. */
export function idScope(file: Pick<VFile, 'history' | 'path'>, root = contentRoot()): string {
	const path = file.history[0] ?? file.path ?? '';
	const below = relative(root, path).split('\\').join('/');
	return `c${createHash('sha256').update(below).digest('hex').slice(0, 6)}`;
}

function elements(root: Root): Element[] {
	const found: Element[] = [];
	const stack: (Root | RootContent)[] = [root];
	while (stack.length > 0) {
		const node = stack.pop()!;
		if (node.type === 'element') found.push(node);
		if ('children' in node) stack.push(...node.children);
	}
	return found;
}

function decodeFragment(fragment: string): string {
	try {
		return decodeURIComponent(fragment);
	} catch {
		return fragment;
	}
}

const ALIGN_CLASSES: Record<string, string> = {
	left: 'align-left',
	center: 'align-center',
	right: 'align-right',
};

export function rehypeScopedIds() {
	const addHeadingIds = rehypeHeadingIds();
	return (tree: Root, file: VFile): void => {
		if (isMdxFile(file)) return;
		// Headings get their ids from their text first (Astro's own slugs), then the prefix;
		// Astro's later pass keeps ids that are already set.
		// Astro's transformer is synchronous; its type admits a promise, which it never returns.
		void addHeadingIds?.(tree, file, () => undefined);
		const scope = idScope(file);
		const all = elements(tree);
		const ids = new Set<string>();
		for (const element of all) {
			const id = element.properties.id;
			if (typeof id === 'string' && id !== '') {
				ids.add(id);
				element.properties.id = `${scope}-${id}`;
			}
		}
		const scoped = (id: string) => (ids.has(id) ? `${scope}-${id}` : id);
		for (const element of all) {
			const { properties } = element;
			const href = properties.href;
			if (
				typeof href === 'string' &&
				href.startsWith('#') &&
				ids.has(decodeFragment(href.slice(1)))
			) {
				properties.href = `#${scoped(decodeFragment(href.slice(1)))}`;
			}
			for (const name of ['ariaDescribedBy', 'ariaLabelledBy'] as const) {
				const value = properties[name];
				if (Array.isArray(value)) properties[name] = value.map((id) => scoped(String(id)));
			}
			const align = properties.align;
			if (typeof align === 'string') {
				delete properties.align;
				const className = ALIGN_CLASSES[align];
				if (className) properties.className = [className];
			}
		}
		const headings = (file.data as { astro?: { headings?: { slug: string }[] } }).astro?.headings;
		for (const heading of headings ?? []) heading.slug = scoped(heading.slug);
	};
}
