import { describe, expect, it } from 'vitest';
import { honourSentence } from '../../../src/domain/honours.ts';

describe('an honour on a profile page', () => {
	it('with nothing known but its title reads as a sentence, with no 未注明', () => {
		expect(honourSentence({ title: '陕西好人' })).toBe('获评“陕西好人”。');
	});

	it('says what is known: level, category, year', () => {
		expect(honourSentence({ title: '陕西好人', level: '省级' })).toBe('获评“陕西好人”（省级）。');
		expect(
			honourSentence({ title: '全国道德模范', level: '全国', category: '见义勇为', year: 2016 }),
		).toBe('2016年获评“全国道德模范”（全国，见义勇为类）。');
	});
});
