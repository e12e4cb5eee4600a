/**
 * Scores of one ranked result list against the pages that are relevant:
 * - precision@10: the share of the results shown first (up to 10) that are relevant;
 * - recall: the share of the relevant pages that are anywhere in the results;
 * - reciprocal rank: 1 / the rank of the first relevant result (0 when there is none).
 * A query with relevant pages and no results scores 0 on all three.
 */

export interface QueryScore {
	precisionAt10: number;
	recall: number;
	reciprocalRank: number;
}

export function scoreQuery(ranked: readonly string[], relevant: ReadonlySet<string>): QueryScore {
	const shown = ranked.slice(0, 10);
	const hits = shown.filter((url) => relevant.has(url)).length;
	const found = ranked.filter((url) => relevant.has(url)).length;
	const first = ranked.findIndex((url) => relevant.has(url));
	return {
		precisionAt10: shown.length === 0 ? 0 : hits / shown.length,
		recall: relevant.size === 0 ? 1 : found / relevant.size,
		reciprocalRank: first < 0 ? 0 : 1 / (first + 1),
	};
}
