import { pinyin } from 'pinyin-pro';
import { describe, expect, it } from 'vitest';
import { differsByOne, suggestNames, type KnownName } from '../../../src/search/suggest.ts';

const sound = (text: string) => pinyin(text, { toneType: 'none' });
const names: KnownName[] = ['朱海义', '秦花', '赵光合', '孙甜', '朱海洋'].map((name) => ({
	name,
	pinyin: sound(name),
}));

describe('names heard, not read', () => {
	it('a name written with other characters of the same sound finds the name', () => {
		expect(suggestNames('朱海毅', sound('朱海毅'), names)[0]).toBe('朱海义');
		expect(suggestNames('孙恬', sound('孙恬'), names)).toEqual(['孙甜']);
	});

	it('a name one character off is suggested after names of the same sound', () => {
		expect(suggestNames('朱海毅', sound('朱海毅'), names)).toEqual(['朱海义', '朱海洋']);
		expect(suggestNames('赵光和', sound('赵光和'), names)).toEqual(['赵光合']);
	});

	it('nothing for a word like no name, and never the word itself', () => {
		expect(suggestNames('石英石', sound('石英石'), names)).toEqual([]);
		expect(suggestNames('秦花', sound('秦花'), names)).toEqual([]);
		expect(differsByOne('秦花', '秦花园')).toBe(false);
	});
});
