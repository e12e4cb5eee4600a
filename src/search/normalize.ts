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
let entryStarts: Set<string> | undefined;

/** The first character of every entry of the dictionaries (about 3,600; a few ms to list). */
function startsOfEntries(): Set<string> {
	const starts = new Set<string>();
	for (const dictionary of [TSPhrases, TSCharacters]) {
		for (let at = 0; at < dictionary.length;) {
			starts.add(String.fromCodePoint(dictionary.codePointAt(at)!));
			const bar = dictionary.indexOf('|', at);
			if (bar < 0) break;
			at = bar + 1;
		}
	}
	return starts;
}

/** The dictionaries' conversion of any text (`toSimplified` skips it where it changes nothing). */
export function convertWithDictionaries(text: string): string {
	convert ??= ConverterFactory([TSPhrases, charactersNotSimplified(TSCharacters)]);
	return convert(text);
}

/** Traditional and variant characters to simplified; simplified text is unchanged. */
export function toSimplified(text: string): string {
	entryStarts ??= startsOfEntries();
	if (![...text].some((character) => entryStarts!.has(character))) return text;
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
