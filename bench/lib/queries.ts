/**
 * The harness's query set, made mechanically from the archive's own pages so it needs
 * no hand-picked answers: reporters' names, places, organisations, words of three
 * frequency bands, two-word queries, traditional-character forms of all of these, and
 * queries with a word that occurs nowhere. Choices are made in a fixed pseudo-random
 * order (a hash of the text), so a run is repeatable.
 */

import * as OpenCC from 'opencc-js';
import { comparable, type EvalDocument } from './documents.ts';

export type QueryCategory =
	| 'person'
	| 'place'
	| 'organisation'
	| 'word-rare'
	| 'word-medium'
	| 'word-common'
	| 'two-words'
	| 'traditional'
	| 'missing-word';

export interface EvalQuery {
	category: QueryCategory;
	/** What the reader types. */
	text: string;
	/** The simplified words a relevant page must contain (all of them). */
	words: string[];
	/** For a traditional query: the simplified query it stands for. */
	simplified?: string;
	/** For a missing-word query: the word no page has. */
	missing?: string;
}

function hash(text: string): number {
	let value = 0x811c9dc5;
	for (const character of text) {
		value ^= character.codePointAt(0)!;
		value = Math.imul(value, 0x01000193) >>> 0;
	}
	return value;
}

/** A repeatable "random" pick of `count` items. */
function pick<T>(items: Iterable<T>, count: number, key: (item: T) => string): T[] {
	return [...items].sort((a, b) => hash(key(a)) - hash(key(b))).slice(0, count);
}

const HAN_WORD = /^\p{Script=Han}+$/u;
const ORGANISATION_ENDINGS = new Set([
	'委员会',
	'公司',
	'银行',
	'大学',
	'协会',
	'集团',
	'研究所',
	'研究院',
	'学院',
	'医院',
	'总局',
	'政府',
]);
const PLACE_ENDINGS = new Set(['省', '市', '县', '自治区']);

/** How many documents contain the text. */
function documentFrequency(documents: readonly EvalDocument[], text: string): number {
	let count = 0;
	for (const document of documents) if (document.text.includes(text)) count++;
	return count;
}

export interface QuerySetOptions {
	/** Documents whose words are candidates (the rest are still searched for frequencies). */
	sampleSize?: number;
}

export function buildQuerySet(
	documents: readonly EvalDocument[],
	{ sampleSize = 600 }: QuerySetOptions = {},
): EvalQuery[] {
	const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });
	const sample = pick(documents, sampleSize, (document) => document.url);
	const persons = new Set<string>();
	const places = new Set<string>();
	const organisations = new Set<string>();
	const words = new Map<string, number>();
	for (const document of sample) {
		for (const match of document.text.matchAll(/记者(\p{Script=Han}{2,3})(?=[),、])/gu)) {
			persons.add(match[1]!);
		}
		const segments = [...segmenter.segment(document.text)]
			.filter((segment) => segment.isWordLike)
			.map((segment) => segment.segment);
		for (const [index, segment] of segments.entries()) {
			if (HAN_WORD.test(segment) && segment.length >= 2 && segment.length <= 4) {
				words.set(segment, (words.get(segment) ?? 0) + 1);
			}
			const previous = segments[index - 1];
			if (!previous || !HAN_WORD.test(previous) || previous.length < 2) continue;
			if (PLACE_ENDINGS.has(segment)) places.add(previous + segment);
			if (ORGANISATION_ENDINGS.has(segment)) organisations.add(previous + segment);
		}
	}

	const queries: EvalQuery[] = [];
	const add = (category: QueryCategory, candidates: Iterable<string>, count: number) => {
		for (const text of pick(candidates, count, (text) => `${category}:${text}`)) {
			queries.push({ category, text, words: [comparable(text)] });
		}
	};
	add('person', persons, 30);
	add('place', places, 30);
	add('organisation', organisations, 30);

	const candidates = pick(words.keys(), 1500, (word) => `word:${word}`);
	const frequency = new Map(candidates.map((word) => [word, documentFrequency(documents, word)]));
	const scale = documents.length / 3139;
	const band = (low: number, high: number) =>
		candidates.filter((word) => {
			const df = frequency.get(word)!;
			return df >= low * scale && df <= high * scale;
		});
	add('word-rare', band(2, 5), 25);
	add('word-medium', band(6, 60), 25);
	add('word-common', band(61, 600), 20);

	const medium = band(6, 60);
	for (const first of pick(medium, 40, (word) => `pair:${word}`)) {
		const holder = documents.find((document) => document.text.includes(first))!;
		const partners = medium.filter(
			(word) => word !== first && !word.includes(first) && !first.includes(word),
		);
		const second = pick(
			partners.filter((word) => holder.text.includes(word)),
			1,
			(word) => `${first}+${word}`,
		)[0];
		if (second)
			queries.push({ category: 'two-words', text: `${first} ${second}`, words: [first, second] });
	}

	const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
	const simplifiedQueries = queries.filter((query) => query.category !== 'two-words' || true);
	for (const query of pick(simplifiedQueries, 80, (query) => `trad:${query.text}`)) {
		const traditional = toTraditional(query.text);
		if (traditional === query.text) continue;
		queries.push({
			category: 'traditional',
			text: traditional,
			words: query.words,
			simplified: query.text,
		});
	}

	for (const first of pick(medium, 20, (word) => `missing:${word}`)) {
		const reversed = pick(
			candidates.filter((word) => word.length === 2),
			200,
			(word) => `${first}-${word}`,
		)
			.map((word) => [...word].reverse().join(''))
			.find((word) => documentFrequency(documents, word) === 0);
		if (reversed) {
			queries.push({
				category: 'missing-word',
				text: `${first} ${reversed}`,
				words: [first, reversed],
				missing: reversed,
			});
		}
	}
	return queries;
}
