import { describe, expect, test } from 'vitest';
import TSPhrases from 'opencc-js/dict/TSPhrases';
import {
	MAX_QUERY_WORDS,
	convertWithDictionaries,
	normalizeQuery,
	toSimplified,
} from '../../../src/search/normalize.ts';

describe('toSimplified', () => {
	test.each([
		['朱海義', '朱海义'],
		['國務院', '国务院'],
		['全國', '全国'],
		['江澤民', '江泽民'],
		['經濟發展', '经济发展'],
		['頭髮', '头发'],
		['為人民服務', '为人民服务'],
	])('%s → %s', (traditional, simplified) => {
		expect(toSimplified(traditional)).toBe(simplified);
	});

	test.each(['著名', '乾坤', '乾隆', '关系', '干部', '只有', '发展', '旬阳道德模范', '朱海义'])(
		'leaves simplified text alone: %s',
		(simplified) => {
			expect(toSimplified(simplified)).toBe(simplified);
		},
	);
});

describe('toSimplified without building the converter', () => {
	test('gives what the converter gives, for every Han character and every phrase entry', () => {
		// It skips the converter for text in which no phrase of the phrase table and no
		// character of the characters' table occurs; this checks the skip changes nothing,
		// character by character, for each phrase with a letter before and after it, and
		// for each phrase's beginning alone (尼乾 of 尼乾子: its first characters, no phrase).
		const texts: string[] = [];
		for (let code = 0x3400; code <= 0x9fff; code++) texts.push(String.fromCodePoint(code));
		for (const entry of TSPhrases.split('|')) {
			const phrase = [...entry.split(' ')[0]!];
			texts.push(`a${phrase.join('')}b`, `${phrase.slice(0, -1).join('')}加`);
		}
		const differing = texts.filter((text) => toSimplified(text) !== convertWithDictionaries(text));
		expect(differing).toEqual([]);
		expect(texts.length).toBeGreaterThan(27_000);
	});
});

describe('normalizeQuery', () => {
	test('folds full-width letters and digits, converts traditional, lowercases', () => {
		expect(normalizeQuery('  朱海義　ＣＣＴＶ　１９９８年 ').words).toEqual([
			'朱海义',
			'cctv',
			'1998年',
		]);
	});

	test('splits on spaces and punctuation, keeps a decimal number whole', () => {
		expect(normalizeQuery('“江泽民”同志，680.29吨').words).toEqual(['江泽民', '同志', '680.29吨']);
	});

	test('drops repeated words and keeps the raw text', () => {
		const query = normalizeQuery(' 朱海义 朱海義 ');
		expect(query).toEqual({ raw: '朱海义 朱海義', words: ['朱海义'], ignoredWords: [] });
	});

	test(`searches at most ${MAX_QUERY_WORDS} words and reports the rest`, () => {
		const words = Array.from({ length: MAX_QUERY_WORDS + 2 }, (_, index) => `词${index}`);
		const query = normalizeQuery(words.join(' '));
		expect(query.words).toEqual(words.slice(0, MAX_QUERY_WORDS));
		expect(query.ignoredWords).toEqual(words.slice(MAX_QUERY_WORDS));
	});

	test('a query of punctuation only has no words', () => {
		expect(normalizeQuery('，。！ “”').words).toEqual([]);
	});
});
