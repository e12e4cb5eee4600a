import type { Processor } from 'unified';

/**
 * Only fenced code (```) is code. Text pasted from Word or WPS keeps the Chinese
 * first-line indent as a tab, full-width spaces or four spaces, and CommonMark would turn
 * every such paragraph into a code block. The parser's indented-code construct is turned
 * off, so those lines are paragraphs (their leading spaces dropped, as for any paragraph;
 * the site's own CSS indents the first line). MDX turns it off the same way.
 */
export function remarkNoIndentedCode(this: Processor): void {
	const data = this.data() as { micromarkExtensions?: unknown[] };
	(data.micromarkExtensions ??= []).push({ disable: { null: ['codeIndented'] } });
}
