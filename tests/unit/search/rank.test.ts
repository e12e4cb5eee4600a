import { describe, expect, it } from 'vitest';
import {
	compareRanked,
	EARLY_POSITIONS,
	idf,
	proximity,
	runStarts,
	stageOneScore,
	type Candidate,
	type CorpusStats,
	type Ranked,
} from '../../../src/search/rank.ts';

/** Two words of two index words each (`民族 文化` → `民族`, `文化`), in a 1,000-page archive. */
const stats: CorpusStats = { pages: 1000, documentFrequency: [100, 100] };
const lengths = [2, 2];

function page(id: string, starts: number[][]): Candidate {
	return { id, starts, lengths };
}

describe('stage 1: every candidate, one formula', () => {
	it('finds where a quoted word starts from every position it matched', () => {
		expect(runStarts([40, 41, 7, 8, 90], 2)).toEqual([7, 40]);
		expect(runStarts([5, 3], 1)).toEqual([3, 5]);
	});

	it('a rarer word weighs more (idf over every shard searched)', () => {
		expect(idf(1000, 10)).toBeGreaterThan(idf(1000, 500));
		const rare = { pages: 1000, documentFrequency: [5, 500] };
		const withRare = stageOneScore(page('a', [[200, 300], [500]]), rare);
		const withCommon = stageOneScore(page('b', [[200], [500, 600]]), rare);
		expect(withRare).toBeGreaterThan(withCommon);
	});

	it('words in the headline block rank above the same words in the body', () => {
		const headline = stageOneScore(page('headline', [[2], [6]]), stats);
		const body = stageOneScore(page('body', [[200], [204]]), stats);
		expect(headline).toBeGreaterThan(body);
		// Even against a page that mentions them many times further down.
		const often = stageOneScore(
			page('often', [
				[100, 300, 500, 700],
				[104, 304, 504, 704],
			]),
			stats,
		);
		expect(headline).toBeGreaterThan(often);
		expect(EARLY_POSITIONS).toBeGreaterThan(6);
	});

	it('an exact phrase ranks above the same words scattered', () => {
		expect(proximity([[100], [102]], lengths)).toEqual({ gap: 0, phrase: true });
		const phrase = stageOneScore(page('phrase', [[100], [102]]), stats);
		const scattered = stageOneScore(page('scattered', [[100], [160]]), stats);
		expect(phrase).toBeGreaterThan(scattered);
	});

	it('the words in the wrong order are near, not a phrase', () => {
		expect(proximity([[102], [100]], lengths)).toEqual({ gap: 0, phrase: false });
	});

	it('words near each other rank above words far apart', () => {
		// 民族 at 100–101, 文化 at 106–107: four index words between.
		expect(
			proximity(
				[
					[100, 400],
					[410, 106],
				],
				lengths,
			).gap,
		).toBe(4);
		const near = stageOneScore(page('near', [[100], [106]]), stats);
		const far = stageOneScore(page('far', [[100], [180]]), stats);
		expect(near).toBeGreaterThan(far);
	});
});

describe('stage 2 and ties', () => {
	const ranked = (id: string, tier: number, score: number, date?: string): Ranked => ({
		id,
		tier,
		score,
		date,
	});

	it('a headline holding every word comes before a higher body score', () => {
		const list = [ranked('body', 0, 9), ranked('headline', 2, 3), ranked('query', 3, 1)];
		expect(list.sort(compareRanked).map((entry) => entry.id)).toEqual([
			'query',
			'headline',
			'body',
		]);
	});

	it('under relevance, date only breaks ties', () => {
		const list = [
			ranked('old-better', 0, 5, '1998-01-01'),
			ranked('new-worse', 0, 4, '1998-12-31'),
			ranked('new-tie', 0, 5, '1998-06-01'),
		];
		expect(list.sort(compareRanked).map((entry) => entry.id)).toEqual([
			'new-tie',
			'old-better',
			'new-worse',
		]);
	});
});
