import { describe, expect, test } from 'vitest';
import {
	hanTokens,
	indexTokens,
	pieces,
	queryTokens,
	queryWordTokens,
} from '../../../src/search/tokens.ts';

describe('indexTokens', () => {
	test('a Han run becomes its overlapping pairs and its last character', () => {
		expect(indexTokens('朱海义')).toEqual(['朱海', '海义', '义']);
		expect(hanTokens('义')).toEqual(['义']);
	});

	test('letters and digits stay words, folded to half width; marks are words of their own', () => {
		expect(indexTokens('１９９８年ＣＣＴＶ报道，680.29吨')).toEqual([
			'1998',
			'年',
			'CCTV',
			'报',
			'报道',
			'道',
			'，',
			'680.29',
			'吨',
		]);
	});

	test('a Han run after letters or digits also starts with its first character', () => {
		expect(indexTokens('1998年中国')).toEqual(['1998', '年', '年中', '中国', '国']);
	});

	test('whitespace separates pieces and is not kept', () => {
		expect(indexTokens('安康 日报\n旬阳')).toEqual(['安康', '康', '日报', '报', '旬阳', '阳']);
	});

	test('a digit run does not swallow the Han text after it', () => {
		expect(pieces('1997年元旦').map((piece) => piece.kind)).toEqual(['word', 'han']);
	});
});

describe('queryTokens', () => {
	test('a Han word is looked up by its pairs: its end may go on in the page', () => {
		expect(queryTokens('朱海义')).toEqual(['朱海', '海义']);
		expect(queryTokens('江泽民')).toEqual(['江泽', '泽民']);
	});

	test('a Han run followed by letters or digits must end there, so it keeps its last character', () => {
		expect(queryTokens('新闻cctv')).toEqual(['新闻', '闻', 'cctv']);
	});

	test('a word of whole index words is matched exactly; one ending in a prefix is not', () => {
		expect(queryWordTokens('1998年')).toEqual({ tokens: ['1998', '年'], whole: true });
		expect(queryWordTokens('680.29吨')).toEqual({ tokens: ['680.29', '吨'], whole: true });
		expect(queryWordTokens('cctv新闻')).toEqual({ tokens: ['cctv', '新', '新闻'], whole: true });
		expect(queryWordTokens('年')).toEqual({ tokens: ['年'], whole: false });
		expect(queryWordTokens('680')).toEqual({ tokens: ['680'], whole: false });
	});

	test('letters are lowercased, as Pagefind stores them', () => {
		expect(queryTokens('CCTV')).toEqual(['cctv']);
	});

	test('a query word occupies consecutive index positions exactly where the page has it', () => {
		const page = indexTokens('据报道，1998年CCTV新闻联播，今年');
		for (const word of ['1998年cctv新闻', '新闻联播', 'cctv新闻', '1998年']) {
			const tokens = queryTokens(word);
			const at = page.findIndex((_, start) =>
				tokens.every((token, offset) => page[start + offset]?.toLowerCase() === token),
			);
			expect(at, word).toBeGreaterThanOrEqual(0);
		}
	});
});
