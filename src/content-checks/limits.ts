import { VOID_ELEMENTS } from '../domain/html-elements.ts';
import type { ContentProblem } from './problem.ts';

/**
 * Input limits, checked on the raw text of a content file before anything parses it.
 * Markdown and HTML tools take time that grows faster than the input and recurse over the
 * tree: measured here, a list nested 200 deep takes 0.5 s and 500 deep 6 s, HTML nested
 * 5,000 deep or emphasis nested 2,000 deep overflows the stack. A real article is far
 * below every limit (the 3,139 corpus articles: longest paragraph 1,019 characters,
 * lists at most 2 deep), so a file over one is a mistake or an attack, and is refused
 * with a message instead of a slow or crashing build.
 */
export const INPUT_LIMITS = {
	/** Bytes in one file (the longest corpus article is about 30 KB). */
	maxFileBytes: 1024 * 1024,
	/** Characters in one line (a paragraph is one line in our Markdown). */
	maxLineLength: 10_000,
	/** Lists and block quotes inside one another. */
	maxBlockNesting: 16,
	/** Raw HTML elements inside one another. */
	maxHtmlNesting: 32,
	/** Emphasis marks (`*`, `_` runs) and link brackets on one line, which can nest. */
	maxInlineMarksPerLine: 400,
} as const;

/**
 * Page files (issues' `pages[].pdf` and `pages[].image`), checked by size before anything
 * reads them. A typesetting system's PDF of one 版 is 0.5–5 MB; a 300 dpi colour scan of a
 * broadsheet page as JPEG is 5–15 MB, as uncompressed TIFF up to about 60 MB.
 */
export const MEDIA_LIMITS = {
	/** Bytes in one page PDF. */
	maxPdfBytes: 32 * 1024 * 1024,
	/** Bytes in one page image. */
	maxImageBytes: 64 * 1024 * 1024,
	/** Pixels in one page image (sharp refuses larger ones; 300 dpi A2 is about 35 million). */
	maxImagePixels: 100_000_000,
} as const;

/**
 * The deepest tree the render pipeline accepts, as a last guard after parsing (see
 * src/plugins/): room for everything the limits above let through (200 nested emphases
 * render in 0.1 s), and far from the ~1,500 levels where the recursive tools overflow.
 */
export const MAX_TREE_DEPTH = 256;

/** HTML elements that need no end tag, or whose end tag is implied: they do not nest. */
const NON_NESTING = new Set([
	...VOID_ELEMENTS,
	'p',
	'li',
	'dt',
	'dd',
	'rt',
	'rp',
	'tr',
	'td',
	'th',
	'option',
	'tbody',
	'thead',
	'tfoot',
	'colgroup',
]);

/** The columns taken by a run of spaces and tabs (a tab reaches the next multiple of 4). */
function columnsOf(whitespace: string, start = 0): number {
	let column = start;
	for (const char of whitespace) column = char === '\t' ? column + 4 - (column % 4) : column + 1;
	return column - start;
}

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;
const BLOCKQUOTE_PREFIX = /^[ \t]{0,3}>[ \t]?/;

/**
 * How deeply lists and block quotes nest at each line, estimated in one pass the way
 * CommonMark opens containers: `>` markers, list markers at the start of a line, and
 * list items continued by indentation. Lazy continuation lines and indented code are
 * not modelled exactly; the estimate errs towards the real depth, never far above it
 * for ordinary text.
 */
function deepestBlockNesting(lines: readonly string[]): { depth: number; line: number } {
	// Content columns of the list items still open, relative to the text after any `>`.
	const open: number[] = [];
	let deepest = { depth: 0, line: 0 };
	lines.forEach((raw, index) => {
		let rest = raw;
		let quotes = 0;
		for (let match = BLOCKQUOTE_PREFIX.exec(rest); match; match = BLOCKQUOTE_PREFIX.exec(rest)) {
			quotes++;
			rest = rest.slice(match[0].length);
		}
		if (rest.trim() === '') return;
		const indent = columnsOf(/^[ \t]*/.exec(rest)![0]);
		while (open.length > 0 && open[open.length - 1]! > indent) open.pop();
		let column = indent;
		rest = rest.trimStart();
		// Markers at the start of the line open nested items (`- - 1. x`), unless the line
		// is indented code below the innermost item.
		const codeColumn = (open[open.length - 1] ?? 0) + 4;
		while (indent < codeColumn) {
			const marker = LIST_MARKER.exec(rest);
			if (!marker) break;
			const after = /^[ \t]*/.exec(rest.slice(marker[0].length))![0];
			column += marker[0].length + Math.max(1, Math.min(columnsOf(after), 4));
			open.push(column);
			rest = rest.slice(marker[0].length + after.length);
			const quote = /^>[ \t]?/.exec(rest);
			if (quote) {
				quotes++;
				rest = rest.slice(quote[0].length);
			}
		}
		const depth = quotes + open.length;
		if (depth > deepest.depth) deepest = { depth, line: index + 1 };
	});
	return deepest;
}

const TAG = /<(\/?)([a-z][a-z0-9-]*)\b[^>]*?(\/?)>/gi;

/** How deeply raw HTML elements nest, counting start and end tags (never below zero). */
function deepestHtmlNesting(lines: readonly string[]): { depth: number; line: number } {
	let depth = 0;
	let deepest = { depth: 0, line: 0 };
	lines.forEach((line, index) => {
		if (!line.includes('<')) return;
		for (const [, closing, name, selfClosing] of line.matchAll(TAG)) {
			if (NON_NESTING.has(name!.toLowerCase()) || selfClosing) continue;
			depth = closing ? Math.max(0, depth - 1) : depth + 1;
			if (depth > deepest.depth) deepest = { depth, line: index + 1 };
		}
	});
	return deepest;
}

const INLINE_MARKS = /\*+|_+|\[/g;

/**
 * What makes a content file too big or too deep to render safely, each with the line it
 * is on. Reads the text once; about 10 ms per megabyte.
 */
export function checkInputLimits(file: string, source: string): ContentProblem[] {
	const problems: ContentProblem[] = [];
	const bytes = Buffer.byteLength(source, 'utf8');
	// Nothing else is read: a huge file is refused before any further work.
	if (bytes > INPUT_LIMITS.maxFileBytes) return [fileTooLarge(file, bytes)];
	const lines = source.split(/\r?\n/);
	const longLine = lines.findIndex((line) => line.length > INPUT_LIMITS.maxLineLength);
	if (longLine >= 0) {
		const length = lines[longLine]!.length;
		problems.push({
			file,
			line: longLine + 1,
			field: '',
			message: `这一行过长：${length} 个字符，上限 ${INPUT_LIMITS.maxLineLength} / line too long: ${length} characters, the limit is ${INPUT_LIMITS.maxLineLength}`,
			fix: '段落之间空一行 / separate paragraphs with a blank line',
			code: 'input-limit',
		});
		// Long lines are where the nesting tricks below hide; no need to scan them.
		return problems;
	}
	const blocks = deepestBlockNesting(lines);
	if (blocks.depth > INPUT_LIMITS.maxBlockNesting) {
		problems.push({
			file,
			line: blocks.line,
			field: '',
			message: `列表或引用嵌套过深：${blocks.depth} 层，上限 ${INPUT_LIMITS.maxBlockNesting} / lists or block quotes nested too deep: ${blocks.depth} levels, the limit is ${INPUT_LIMITS.maxBlockNesting}`,
			fix: '减少缩进或 > 的层数 / use fewer levels of indentation or >',
			code: 'input-limit',
		});
	}
	const html = deepestHtmlNesting(lines);
	if (html.depth > INPUT_LIMITS.maxHtmlNesting) {
		problems.push({
			file,
			line: html.line,
			field: '',
			message: `HTML 标签嵌套过深：${html.depth} 层，上限 ${INPUT_LIMITS.maxHtmlNesting} / HTML elements nested too deep: ${html.depth} levels, the limit is ${INPUT_LIMITS.maxHtmlNesting}`,
			fix: '删去多余的 HTML 标签，或检查是否漏写了结束标签 / remove extra HTML tags, or close the ones left open',
			code: 'input-limit',
		});
	}
	const marks = lines.findIndex(
		(line) => (line.match(INLINE_MARKS)?.length ?? 0) > INPUT_LIMITS.maxInlineMarksPerLine,
	);
	if (marks >= 0) {
		problems.push({
			file,
			line: marks + 1,
			field: '',
			message: `这一行的强调符号或方括号过多（超过 ${INPUT_LIMITS.maxInlineMarksPerLine} 个）/ too many emphasis marks or brackets on one line (over ${INPUT_LIMITS.maxInlineMarksPerLine})`,
			fix: '删去多余的 * _ [ 符号，或把这一行拆成几段 / remove extra * _ [ marks, or split the line',
			code: 'input-limit',
		});
	}
	return problems;
}

/** The problem for a file over the size limit; callers that `stat` first need not read the file. */
export function fileTooLarge(file: string, bytes: number): ContentProblem {
	return {
		file,
		field: '',
		message: `文件过大：${formatSize(bytes)}，上限 ${formatSize(INPUT_LIMITS.maxFileBytes)} / file too large: ${bytes} bytes, the limit is ${INPUT_LIMITS.maxFileBytes}`,
		fix: '拆分成几篇，或删去误贴入的内容 / split it, or remove text pasted by mistake',
		code: 'input-limit',
	};
}

export function formatSize(bytes: number): string {
	return bytes >= 1024 * 1024
		? `${(bytes / 1024 / 1024).toFixed(1)} MB`
		: `${Math.ceil(bytes / 1024)} KB`;
}
