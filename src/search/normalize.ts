/**
 * What a reader typed, made comparable with the archive's text: full-width letters
 * and digits folded to half width, traditional characters and Taiwan/Hong Kong
 * variants turned into simplified ones (朱海義 → 朱海义, 國務院 → 国务院), Latin letters
 * lowercased, and the query cut into words at spaces and punctuation.
 */

import { ConverterFactory } from 'opencc-js/core';
import TSCharacters from 'opencc-js/dict/TSCharacters';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import { foldWidth, pieces } from './tokens.ts';

// Only the traditional→simplified dictionaries (about 40 KB), not opencc-js's full
// bundle (1.2 MB): the converter runs in the reader's browser. Phrases come first so
// that a character with two simplified forms is read in context. A character that is
// itself a simplified character (乾 in 乾坤, 系 in 关系) is not converted on its own:
// the query may be simplified already, and turning 乾坤 into 干坤 would find nothing.
// Taiwan and Hong Kong variant tables are left out for the same reason: they read 著
// (著名) as 着, and their common forms (為, 眾, 裡) are in the main table already.
function charactersNotSimplified(dictionary: string): string {
	const entries = dictionary.split('|');
	const simplified = new Set(entries.flatMap((entry) => entry.split(' ').slice(1)));
	return entries.filter((entry) => !simplified.has(entry.split(' ')[0]!)).join('|');
}

// Built on first use (tens of ms, hundreds on a busy phone): only for text that has a
// character some dictionary entry starts with, since the converter changes nothing else.
let convert: ((text: string) => string) | undefined;

/** Whether `key` is the key (traditional side) of an entry of `dictionary` (`key value|…`). */
function isEntryKey(dictionary: string, key: string): boolean {
	return dictionary.startsWith(`${key} `) || dictionary.includes(`|${key} `);
}

/** Whether `character` is a simplified form some entry of the characters' table gives. */
function isSimplifiedForm(character: string): boolean {
	return (
		TSCharacters.includes(` ${character}|`) ||
		TSCharacters.includes(` ${character} `) ||
		TSCharacters.endsWith(` ${character}`)
	);
}

let longestPhrase: number | undefined;

/**
 * Whether the converter could change `text`: some phrase of the phrase table occurs in it,
 * or a character of the characters' table that is not itself a simplified form (as
 * `charactersNotSimplified` keeps them). The converter replaces only keys it finds, so
 * other text comes back unchanged. Searching the tables' text takes a few µs; building
 * the converter first took 25–60 ms of a fresh search worker's thread, for any query with
 * a character some phrase starts with (尼, 拉 of 尼加拉瓜), before it could be looked up.
 */
function convertible(text: string): boolean {
	const characters = [...text];
	longestPhrase ??= Math.max(
		...TSPhrases.split('|').map((entry) => [...entry.slice(0, entry.indexOf(' '))].length),
	);
	for (let start = 0; start < characters.length; start++) {
		const character = characters[start]!;
		if (isEntryKey(TSCharacters, character) && !isSimplifiedForm(character)) return true;
		const end = Math.min(characters.length, start + longestPhrase);
		for (let stop = start + 1; stop <= end; stop++) {
			if (isEntryKey(TSPhrases, characters.slice(start, stop).join(''))) return true;
		}
	}
	return false;
}

/** The dictionaries' conversion of any text (`toSimplified` skips it where it changes nothing). */
export function convertWithDictionaries(text: string): string {
	convert ??= ConverterFactory([TSPhrases, charactersNotSimplified(TSCharacters)]);
	return convert(text);
}

/** Traditional and variant characters to simplified; simplified text is unchanged. */
export function toSimplified(text: string): string {
	if (!convertible(text)) return text;
	return convertWithDictionaries(text);
}

/** Most words a query may have; the rest are ignored (and reported as such). */
export const MAX_QUERY_WORDS = 8;

export interface NormalizedQuery {
	/** The query as typed, trimmed. */
	raw: string;
	/** Distinct words, in the order typed: each must occur in a result, as written. */
	words: string[];
	/** Words beyond `MAX_QUERY_WORDS`, which were not searched. */
	ignoredWords: string[];
}

/** `  朱海義，１９９８年 ` → words `['朱海义', '1998年']`. */
export function normalizeQuery(raw: string): NormalizedQuery {
	const folded = toSimplified(foldWidth(raw)).toLowerCase();
	const words: string[] = [];
	for (const chunk of folded.split(/\s+/u)) {
		let word = '';
		for (const piece of pieces(chunk)) {
			if (piece.kind === 'mark') {
				if (word) words.push(word);
				word = '';
			} else {
				word += piece.text;
			}
		}
		if (word) words.push(word);
	}
	const distinct = [...new Set(words)];
	return {
		raw: raw.trim(),
		words: distinct.slice(0, MAX_QUERY_WORDS),
		ignoredWords: distinct.slice(MAX_QUERY_WORDS),
	};
}
