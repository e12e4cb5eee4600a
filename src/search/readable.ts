/**
 * The index stores each page as index words (`tokens.ts`); this turns them back into
 * the text a reader saw, and cuts excerpts with the query's words marked.
 *
 * Index words come in Han runs (`朱海 海义 义`: the first character of each pair, then
 * the last character), words of letters and digits, and single marks. Pagefind ends
 * each block of the page with a `.` glued to its last word (`义.`), which here becomes
 * a line break. Whitespace between Chinese pieces is not kept in the index, so the
 * text is the page's text without it; between two Latin words a space is restored.
 */

import { isHan } from './tokens.ts';

export interface ReadableText {
	text: string;
	/** `starts[i]`: where index word `i` (Pagefind's word position `i`) begins in `text`. */
	starts: number[];
}

const LATIN_END = /^[\p{L}\p{N}]$/u;
const LATIN_START = /^[\p{L}\p{N}]/u;

/**
 * Index words (Pagefind's `content`) back to readable text, with word positions.
 *
 * The text is gathered in pieces and its last code unit kept aside: reading the end of a
 * string being built (`text.slice(-1)`) makes the engine flatten it each time, which made
 * a long page's text cost time in the square of its length (some 30 ms for a page of 7,000
 * characters in a fresh search worker, before the first results could be shown).
 */
export function readableText(content: string): ReadableText {
	const words = content.split(/[^\S\uFEFF]+/).filter((word) => word.length > 0);
	const parts: string[] = [];
	let length = 0;
	/** The last code unit written, as `text.slice(-1)` would give it. */
	let previous = '';
	const write = (piece: string) => {
		parts.push(piece);
		length += piece.length;
		previous = piece.slice(-1);
	};
	const starts: number[] = [];
	// A Han run always ends with its single last character; Han right after that is a
	// new run, which the page separated (a space, a table cell): keep them apart.
	let afterHanRun = false;
	for (const [index, raw] of words.entries()) {
		const blockEnd = raw.length > 1 && raw.endsWith('.');
		const word = blockEnd ? raw.slice(0, -1) : raw;
		const characters = [...word];
		const han = isHan(characters[0] ?? '');
		// A run after letters or digits starts with its first character on its own
		// (`1998 年 年中 中国 国`, see `tokens.ts`): that character is written by the pair.
		const next = [...(words[index + 1] ?? '')];
		if (
			han &&
			characters.length === 1 &&
			!afterHanRun &&
			!isHan(previous) &&
			next.length >= 2 &&
			next[0] === characters[0] &&
			isHan(next[1]!)
		) {
			starts.push(length);
			continue;
		}
		if (han && afterHanRun) write(' ');
		if (!han && LATIN_START.test(word) && LATIN_END.test(previous) && !isHan(previous)) {
			write(' ');
		}
		starts.push(length);
		write(characters.length === 2 && han && isHan(characters[1]!) ? characters[0]! : word);
		afterHanRun = han && characters.length === 1;
		if (blockEnd) {
			write('\n');
			afterHanRun = false;
		}
	}
	return { text: parts.join(''), starts };
}

export interface ExcerptPart {
	text: string;
	/** Whether this part is one of the query's words as found on the page. */
	match: boolean;
}

/** Where each of the words occurs in the text (case-insensitively), sorted, not overlapping. */
export function findWords(text: string, words: readonly string[]): [number, number][] {
	const lower = text.toLowerCase();
	const ranges: [number, number][] = [];
	for (const word of words) {
		if (!word) continue;
		for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length)) {
			ranges.push([at, at + word.length]);
		}
	}
	ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
	const merged: [number, number][] = [];
	for (const range of ranges) {
		const last = merged[merged.length - 1];
		if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
		else merged.push([...range]);
	}
	return merged;
}

/**
 * A window of about `length` characters of `text` around the first match at or after
 * `from` (the start of the body, past the headline), with every match inside it marked.
 * Line breaks become spaces; cut ends get an ellipsis.
 */
export function excerpt(
	text: string,
	words: readonly string[],
	{ from = 0, length = 80 }: { from?: number; length?: number } = {},
): ExcerptPart[] {
	const flat = text.replace(/\n/g, ' ');
	const matches = findWords(flat, words);
	const anchor = matches.find(([start]) => start >= from) ?? matches[0];
	// Start a little before the match, but not inside the headline when the match is past it.
	const floor = anchor && anchor[0] < from ? 0 : from;
	const before = anchor ? anchor[0] - Math.floor(length / 3) : from;
	const start = Math.max(floor, Math.min(before, flat.length - length));
	const end = Math.min(flat.length, start + length);
	const parts: ExcerptPart[] = [];
	let cursor = start;
	for (const [matchStart, matchEnd] of matches) {
		if (matchEnd <= start || matchStart >= end) continue;
		const from = Math.max(matchStart, start);
		const to = Math.min(matchEnd, end);
		if (from > cursor) parts.push({ text: flat.slice(cursor, from), match: false });
		parts.push({ text: flat.slice(from, to), match: true });
		cursor = to;
	}
	if (cursor < end) parts.push({ text: flat.slice(cursor, end), match: false });
	if (parts.length > 0) {
		if (start > 0) parts.unshift({ text: '…', match: false });
		if (end < flat.length) parts.push({ text: '…', match: false });
	}
	return parts.filter((part) => part.text.length > 0);
}
