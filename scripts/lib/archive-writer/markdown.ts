/** Front matter and Markdown bodies: string in, string out, safe for any title or text. */
import { stringify } from 'yaml';
import type { ArticleInput, IssueInput } from './types.ts';

/**
 * Every string double-quoted: safe for any title (colons, quotes, `#`, leading dashes,
 * `yes`, `1_000`, `2021-11-11`…) whatever YAML schema reads it back. `lineWidth: 0`
 * keeps each value on one line, so no line of the front matter can start with `---`.
 */
export const YAML_OPTIONS = {
	defaultStringType: 'QUOTE_DOUBLE',
	defaultKeyType: 'PLAIN',
	lineWidth: 0,
	minContentWidth: 0,
} as const;

export function renderFrontMatter(data: Record<string, unknown>): string {
	return `---\n${stringify(data, YAML_OPTIONS)}---\n`;
}

/** The front matter fields of an article, in the order they are written. */
export function frontMatterOf(article: ArticleInput): Record<string, unknown> {
	const data: Record<string, unknown> = {
		title: article.title,
		date: article.date,
		page: article.page,
	};
	if (article.section !== undefined) data.section = article.section;
	if (article.order !== undefined) data.order = article.order;
	return data;
}

/**
 * Splits plain text into paragraphs of lines. Paragraphs are separated by one or more
 * blank lines. Spaces and tabs at either end of a line are dropped (Markdown would drop
 * or misread them), and so are empty paragraphs.
 */
export function splitParagraphs(body: string): string[][] {
	return body
		.replace(/\r\n?/g, '\n')
		.split(/\n(?:[ \t]*\n)+/)
		.map((paragraph) =>
			paragraph
				.split('\n')
				.map((line) => line.replace(/^[ \t]+|[ \t]+$/g, ''))
				.filter((line) => line !== ''),
		)
		.filter((lines) => lines.length > 0);
}

/** Characters with a meaning anywhere in a line: escaped wherever they occur. */
const INLINE_SPECIAL = /[\\`*_[\]<&~|]/g;
/** Characters that start a block (heading, list, quote, setext or table rule) at line start. */
const LINE_START_SPECIAL = /^[#>+\-=:]/;
/** An ordered list marker: 1–9 digits, `.` or `)`, then a space or the line end. */
const ORDERED_LIST_START = /^(\d{1,9})([.)])(?=[ \t]|$)/;

/**
 * One line of plain text as Markdown that shows exactly that text (CommonMark + GFM,
 * as Astro renders `.md` with `smartypants: false`):
 * - `\ ` * _ [ ] < & ~ |` are backslash-escaped everywhere (code, emphasis, links,
 *   raw HTML, entities, strikethrough, tables);
 * - `# > + - = :` and `1.` / `1)` are escaped at the start of the line (headings,
 *   quotes, lists, thematic breaks, setext underlines, table delimiter rows);
 * - `http://`, `https://` and `www.` get an escaped `:` / `.`, because inside a GFM
 *   autolink literal escapes are not undone and would show. The address still becomes
 *   a link; its text is unchanged.
 */
export function escapeMarkdownLine(line: string): string {
	return line
		.replace(INLINE_SPECIAL, '\\$&')
		.replace(/(https?):(?=\/\/)/gi, '$1\\:')
		.replace(/(www)\./gi, '$1\\.')
		.replace(LINE_START_SPECIAL, '\\$&')
		.replace(ORDERED_LIST_START, '$1\\$2');
}

/**
 * The Markdown body for plain text: paragraphs separated by a blank line; a single line
 * break inside a paragraph stays a line break (a trailing backslash, i.e. `<br>`).
 */
export function renderMarkdownBody(body: string): string {
	return splitParagraphs(body)
		.map((lines) => lines.map(escapeMarkdownLine).join('\\\n'))
		.join('\n\n');
}

/** A whole article file: front matter, a blank line, the escaped body. */
export function renderArticleMarkdown(article: ArticleInput): string {
	const body = renderMarkdownBody(article.body);
	return renderFrontMatter(frontMatterOf(article)) + (body === '' ? '' : `\n${body}\n`);
}

/** A whole issue file: `date` and `pages` (sorted by number), no body. */
export function renderIssueMarkdown(issue: IssueInput): string {
	const pages = [...issue.pages]
		.sort((a, b) => a.number - b.number)
		.map((page) => ({
			number: page.number,
			...(page.name === undefined ? {} : { name: page.name }),
			...(page.missing ? { missing: true } : {}),
		}));
	const data = issue.dateInferred
		? { date: issue.date, dateInferred: true, pages }
		: { date: issue.date, pages };
	const body = issue.body === undefined ? '' : renderMarkdownBody(issue.body);
	return renderFrontMatter(data) + (body === '' ? '' : `\n${body}\n`);
}
