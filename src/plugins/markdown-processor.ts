import { unified } from '@astrojs/markdown-remark';
import { satteri } from '@astrojs/markdown-satteri';
import { markdownPipeline } from './markdown-options.ts';

/**
 * The site's Markdown processor: the sanitising unified pipeline (`markdownPipeline`) for
 * every entry that could carry anything but plain paragraphs, and Astro's default Rust
 * processor (Sätteri) for entries that are plain prose, which is nearly every imported
 * article. Plain prose cannot hold raw HTML, links, images, ids, footnotes, code or
 * nesting, so the sanitiser, the nesting guard and the scoped ids have nothing to do on
 * it, and both processors give the same HTML for it byte for byte (checked on every
 * article of the corpus and in `tests/unit/markdown-processor.test.ts`); Sätteri does it
 * in about a tenth of the CPU time.
 *
 * The test is on the text, character by character, and errs towards the full pipeline:
 * any character that starts Markdown syntax sends the entry there (see `isPlainProse`).
 * Indented lines also go there, so whatever the unified pipeline decides about indented
 * paragraphs (pasted text must never become a code block) decides for every entry.
 */

/**
 * ASCII characters that can start or take part in Markdown or HTML syntax: raw HTML and
 * autolinks (`<>`), entities (`&`), links, images and footnotes (`[]!^`), code (`` ` ``
 * and `~`), emphasis (`*_`), headings (`#`), tables (`|`), escapes and hard breaks (`\`),
 * setext underlines, thematic breaks and list markers (`=-+`), block quotes (`>`).
 * Colons and `@` catch GFM's bare links and e-mail addresses. Full-width punctuation
 * (`：` `，` `《》`) is plain text to both processors.
 */
const SYNTAX = /[<>&[\]!^`~*_#|\\=+\-:@]/;

/** A line starting with a digit and `.` or `)` would be an ordered list. */
const ORDERED_ITEM = /^\d{1,9}[.)]/m;

/** Spaces or a tab at a line's start: indented code, list continuation, or a pasted indent. */
const INDENTED = /^[ \t]/m;

/** Two trailing spaces: a hard line break. */
const HARD_BREAK = / {2,}$/m;

/** Whether an entry's Markdown is paragraphs of plain text only (see the module comment). */
export function isPlainProse(markdown: string): boolean {
	return (
		!SYNTAX.test(markdown) &&
		!ORDERED_ITEM.test(markdown) &&
		!INDENTED.test(markdown) &&
		!HARD_BREAK.test(markdown) &&
		!markdown.includes('www.')
	);
}

type UnifiedProcessor = ReturnType<typeof unified>;

/**
 * The processor for `markdown.processor`. It presents itself as the unified one (name and
 * options), so `@astrojs/mdx` extends it for MDX entries as before (MDX always uses the
 * full pipeline) and an integration that adds a plugin to `options` reaches the full
 * pipeline; such a plugin must leave plain prose unchanged, or `isPlainProse` must send the
 * entries it changes to the full pipeline.
 */
export function archiveMarkdownProcessor(): UnifiedProcessor {
	const full = unified({ smartypants: false, ...markdownPipeline });
	const plain = satteri({ features: { smartPunctuation: false } });
	return {
		...full,
		name: full.name,
		options: full.options,
		async createRenderer(shared) {
			const [fullRenderer, plainRenderer] = await Promise.all([
				full.createRenderer(shared),
				plain.createRenderer(shared),
			]);
			return {
				async render(content, options) {
					if (!isPlainProse(content)) return fullRenderer.render(content, options);
					const result = await plainRenderer.render(content, options);
					// Sätteri ends its HTML with a newline, unified does not; nothing else differs.
					return { ...result, code: result.code.replace(/\n$/, '') };
				},
			};
		},
		...(full.createMdxRenderer ? { createMdxRenderer: full.createMdxRenderer.bind(full) } : {}),
	};
}
