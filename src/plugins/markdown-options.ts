import { remarkNestingGuard } from './remark-nesting-guard.ts';
import { remarkNoIndentedCode } from './remark-no-indented-code.ts';
import { rehypeSafeContent } from './rehype-safe-content.ts';
import { rehypeScopedIds } from './rehype-scoped-ids.ts';

/**
 * The Markdown pipeline the site renders every entry with, shared by astro.config.mjs and
 * the tests that render real strings through it. Order matters: the nesting guard runs
 * right after parsing, the sanitiser before anything that trusts the tree. Indented
 * code is off before parsing: pasted first-line indents stay paragraphs.
 */
export const markdownPipeline = {
	remarkPlugins: [remarkNoIndentedCode, remarkNestingGuard],
	rehypePlugins: [rehypeSafeContent, rehypeScopedIds],
	remarkRehype: {
		// Ids get the entry's own prefix in rehypeScopedIds instead of a shared `user-content-`.
		clobberPrefix: '',
		footnoteLabel: '注释',
		footnoteBackLabel: (referenceIndex: number, rereferenceIndex: number) =>
			`返回正文中注释 ${referenceIndex + 1} 的${rereferenceIndex > 1 ? `第 ${rereferenceIndex} 处` : ''}引用`,
	},
};
