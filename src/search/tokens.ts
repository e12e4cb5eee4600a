/**
 * The words the search index is made of, and the same words cut from a query.
 *
 * Pagefind's own Chinese handling ANDs single characters with no adjacency and
 * prefix-matches them, and a prefix that straddles two index chunks loses pages
 * (docs/stack-facts.md, and `src/search/README.md`). So the archive indexes words of its own making,
 * already separated by spaces, and Pagefind only stores and looks them up:
 *
 * - a run of Han characters becomes its overlapping pairs plus its last character:
 *   `朱海义` → `朱海 海义 义`. Every pair sits at the next word position, so a phrase is
 *   present exactly when its pairs occupy consecutive positions, which the search
 *   checks from the positions Pagefind returns, without loading any page;
 * - letters and digits form one word (`680.29`, `cctv`), folded to half width;
 * - every other visible character (punctuation) is its own word, so that the indexed
 *   text can be turned back into readable text for excerpts (`indexedText`).
 */

const HAN = /\p{Script=Han}/u;

/** One run of text: Han characters, a word of letters and digits, or a single other character. */
const PIECE = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+(?:\.\p{N}+)*)|(\S)/gu;

/** Full-width letters, digits and the ideographic space folded to ASCII; Han text is left alone. */
export function foldWidth(text: string): string {
	return text.normalize('NFKC');
}

export function isHan(text: string): boolean {
	return HAN.test(text);
}

export type PieceKind = 'han' | 'word' | 'mark';

export interface Piece {
	kind: PieceKind;
	text: string;
}

/** Cuts text into Han runs, words of letters and digits, and single marks, dropping whitespace. */
export function pieces(text: string): Piece[] {
	const found: Piece[] = [];
	for (const match of text.matchAll(PIECE)) {
		if (match[1]) found.push({ kind: 'han', text: match[1].normalize('NFKC') });
		else if (match[2]) found.push({ kind: 'word', text: foldWidth(match[2]) });
		else found.push({ kind: 'mark', text: match[3]! });
	}
	return found;
}

/** `朱海义` → `['朱海', '海义', '义']`; a single character stays itself. */
export function hanTokens(run: string): string[] {
	const characters = [...run];
	const tokens: string[] = [];
	for (let index = 0; index + 1 < characters.length; index++) {
		tokens.push(characters[index]! + characters[index + 1]!);
	}
	tokens.push(characters[characters.length - 1]!);
	return tokens;
}

/**
 * The index words of one Han run. After letters or digits (`1998年中国`) the run also
 * starts with its first character (`1998 年 年中 中国 国`), so that a query word such
 * as `1998年` is matched word for word, not by a prefix: Pagefind looks a prefix up in
 * one chunk of its index only, and loses the words that continue in the next.
 */
function runTokens(run: string, afterWord: boolean): string[] {
	const tokens = hanTokens(run);
	return afterWord && tokens.length > 1 ? [[...run][0]!, ...tokens] : tokens;
}

/** The index words of a piece of text, in reading order, one word position each. */
export function indexTokens(text: string): string[] {
	const found = pieces(text);
	return found.flatMap((piece, index) =>
		piece.kind === 'han' ? runTokens(piece.text, found[index - 1]?.kind === 'word') : [piece.text],
	);
}

export interface QueryWordTokens {
	tokens: string[];
	/**
	 * Whether every token is a whole index word, so the word can be matched exactly;
	 * otherwise its last token is a prefix: a lone Han character (`年` is in `年底`) or
	 * letters and digits (`680` is in `680.29`).
	 */
	whole: boolean;
}

/**
 * The index words a query word must match at consecutive positions. A Han run that
 * ends the word is looked up by its pairs only, because in a page the run may go on
 * (`朱海义` is in `朱海义是`); a Han run followed by letters or digits must end there,
 * so it keeps its last character; one after letters or digits starts with its first.
 * Marks never occur in a query word (the query is split on them).
 */
export function queryWordTokens(word: string): QueryWordTokens {
	const found = pieces(word).filter((piece) => piece.kind !== 'mark');
	let whole = true;
	const tokens = found.flatMap((piece, index) => {
		const last = index === found.length - 1;
		if (piece.kind === 'word') {
			if (last) whole = false;
			return [piece.text.toLowerCase()];
		}
		const afterWord = found[index - 1]?.kind === 'word';
		const run = runTokens(piece.text, afterWord);
		if (!last) return run;
		if ([...piece.text].length === 1) {
			if (!afterWord) whole = false;
			return run;
		}
		return run.slice(0, -1);
	});
	return { tokens, whole };
}

/** The index words of a query word (see `queryWordTokens`). */
export function queryTokens(word: string): string[] {
	return queryWordTokens(word).tokens;
}
