import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { excerpt, findWords, readableText } from '../../../src/search/readable.ts';
import { indexTokens, pieces } from '../../../src/search/tokens.ts';
import { CORPUS_SAMPLE_FILE } from '../../../support/paths.ts';

/** Pagefind's stored content for one block of text: the index words, a `.` glued to the last. */
function stored(text: string): string {
	return `${indexTokens(text).join(' ')}.`;
}

describe('readableText', () => {
	test('turns index words back into the text, with word positions', () => {
		const { text, starts } = readableText(stored('朱海义，男。'));
		expect(text).toBe('朱海义，男。\n');
		// 朱海 海义 义 ， 男 。
		expect(starts).toEqual([0, 1, 2, 3, 4, 5]);
	});

	test('keeps separate Han runs apart and Latin words spaced', () => {
		expect(readableText(stored('荣誉 级别')).text).toBe('荣誉 级别\n');
		expect(readableText(stored('CCTV news 680.29吨')).text).toBe('CCTV news 680.29吨\n');
	});

	test('gives back every article of the corpus sample, whitespace aside', () => {
		const lines = readFileSync(CORPUS_SAMPLE_FILE, 'utf8').split('\n').filter(Boolean);
		expect(lines.length).toBeGreaterThan(100);
		for (const line of lines) {
			const { title, body } = JSON.parse(line) as { title: string; body: string };
			const original = `${title}\n${body}`;
			const expected = pieces(original)
				.map((piece) => piece.text)
				.join('');
			expect(readableText(stored(original)).text.replace(/\s+/g, '')).toBe(expected);
		}
	});
});

describe('excerpts', () => {
	test('finds every occurrence of every word, case-insensitively, merging overlaps', () => {
		expect(findWords('CCTV报道朱海义，朱海义', ['cctv', '朱海义', '海义'])).toEqual([
			[0, 4],
			[6, 9],
			[10, 13],
		]);
	});

	test('cuts a window around the first match after the headline and marks the words', () => {
		const text = `朱海义先进事迹\n${'前文'.repeat(50)}他叫朱海义，是旬阳人。${'后文'.repeat(50)}`;
		const parts = excerpt(text, ['朱海义'], { from: 8, length: 30 });
		expect(parts[0]).toEqual({ text: '…', match: false });
		expect(parts.at(-1)).toEqual({ text: '…', match: false });
		expect(parts.filter((part) => part.match)).toEqual([{ text: '朱海义', match: true }]);
		expect(parts.map((part) => part.text).join('')).toContain('他叫朱海义，是旬阳人');
	});

	test('a short text is shown whole, without an ellipsis', () => {
		expect(excerpt('朱海义言语平和。', ['朱海义'])).toEqual([
			{ text: '朱海义', match: true },
			{ text: '言语平和。', match: false },
		]);
	});
});
