/**
 * Names heard, not read: when a query word is found nowhere, names from the archive
 * that sound the same (the same pinyin, tones ignored: 朱海毅 → 朱海义) or differ from it
 * by one character are offered as 您是否要找：…. The names are written at build time
 * (`NAMES_FILE` beside the index: the people collection, with their pinyin), so the
 * reader's browser loads the pinyin dictionary only when a query finds nothing.
 */

/** The names file in the index folder (`/pagefind/names.json`). */
export const NAMES_FILE = 'names.json';

/** Suggestions shown at most. */
export const MAX_SUGGESTIONS = 5;

export interface KnownName {
	name: string;
	/** Toneless pinyin, syllables separated by spaces (`zhu hai yi`). */
	pinyin: string;
}

export interface NamesFile {
	version: 1;
	names: KnownName[];
}

/** Whether two texts of the same length differ in exactly one character. */
export function differsByOne(a: string, b: string): boolean {
	const left = [...a];
	const right = [...b];
	if (left.length !== right.length) return false;
	return left.filter((character, index) => character !== right[index]).length === 1;
}

/**
 * Names that sound like `word` (same pinyin) first, then names one character away, each
 * group in the order of `names`; never the word itself.
 */
export function suggestNames(
	word: string,
	wordPinyin: string,
	names: readonly KnownName[],
): string[] {
	const sameSound = names.filter((entry) => entry.name !== word && entry.pinyin === wordPinyin);
	const oneOff = names.filter(
		(entry) => differsByOne(entry.name, word) && !sameSound.includes(entry),
	);
	return [...new Set([...sameSound, ...oneOff].map((entry) => entry.name))].slice(
		0,
		MAX_SUGGESTIONS,
	);
}
