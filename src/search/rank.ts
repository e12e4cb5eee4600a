/**
 * Ranking by relevance, in two stages over every page that holds every query word as
 * written (see README.md, "Ranking", for the formula and why).
 *
 * Stage 1 scores every candidate from what the per-word searches already returned —
 * each word's positions on each page — with term statistics taken over every shard
 * searched, so pages of different shards are scored by one formula:
 *
 *   s1 = Σ_w idf(w) · (tf(w) / (tf(w) + K1) + FIELD · field(w))
 *        + idfMax · (EARLY · early + PHRASE · phrase + NEAR · near)
 *
 * - idf(w) = ln(1 + (N − df(w) + 0.5) / (df(w) + 0.5)), N pages searched, df(w) pages
 *   holding w as written;
 * - field(w), 0–1: Pagefind's field-weighted score of w's first occurrence on the page
 *   over the best page's (a word in a headline, weight 10, scores near the best);
 * - early = 1 − p / EARLY_POSITIONS (at least 0), p where the last of the words first
 *   occurs: the headline block opens every page, so a headline's words score near 1;
 * - phrase = 1 when the words occur one after another, in the query's order;
 * - near = 1 / (1 + gap / 4), gap the index words between them in the tightest window.
 *
 * Stage 2 takes the best HEADLINE_DEPTH pages of stage 1, whose stored data (headline)
 * is loaded, and puts them in order of their headline tier first (the headline is the
 * query, holds every word, or the kicker/subtitle does: `headlineTier`), then s1.
 * Ties are broken by date, newest first, then by page id: date never outweighs relevance.
 */

/** Saturation of term frequency (BM25's k1). */
export const K1 = 1.2;
/** Index words from a page's start within which a word counts as "early" (headline block). */
export const EARLY_POSITIONS = 32;
export const EARLY = 3;
export const PHRASE = 1;
export const NEAR = 0.5;
/** Weight of the words' fields (headline, kicker, subtitle) as Pagefind scored them. */
export const FIELD = 2;

/** One candidate page as stage 1 sees it. */
export interface Candidate {
	id: string;
	/** For each query word (in query order): the positions where the word starts on the page. */
	starts: readonly (readonly number[])[];
	/** For each query word: its length in index words. */
	lengths: readonly number[];
	/**
	 * For each query word, 0–1: Pagefind's field-weighted score of its first occurrence
	 * relative to the best page's (1 where it sits in a headline, weight 10, like the best).
	 */
	fields?: readonly number[];
}

export interface CorpusStats {
	/** Pages searched (every shard loaded). */
	pages: number;
	/** For each query word: pages holding it as written. */
	documentFrequency: readonly number[];
}

export function idf(pages: number, documentFrequency: number): number {
	return Math.log(1 + (pages - documentFrequency + 0.5) / (documentFrequency + 0.5));
}

/**
 * Where a word of `length` index words starts, from the positions Pagefind matched for
 * it (every index word of the word, when its search was quoted): the positions `p` with
 * `p + 1 … p + length − 1` matched too.
 */
export function runStarts(positions: readonly number[], length: number): number[] {
	const matched = new Set(positions);
	const starts: number[] = [];
	for (const start of [...matched].sort((a, b) => a - b)) {
		let run = 1;
		while (run < length && matched.has(start + run)) run++;
		if (run >= length) starts.push(start);
	}
	return starts;
}

/**
 * The tightest window holding one occurrence of every word: its extra index words
 * beyond the words themselves (0 = side by side) and whether, in that window or any
 * other, the words follow each other in the query's order with no gap (a phrase).
 */
export function proximity(
	starts: readonly (readonly number[])[],
	lengths: readonly number[],
): { gap: number; phrase: boolean } {
	if (starts.length < 2) return { gap: 0, phrase: true };
	const events = starts
		.flatMap((positions, word) => positions.map((position) => ({ position, word })))
		.sort((a, b) => a.position - b.position);
	const total = lengths.reduce((sum, length) => sum + length, 0);
	const inWindow = new Map<number, number>();
	let best = Number.POSITIVE_INFINITY;
	let left = 0;
	for (const event of events) {
		inWindow.set(event.word, (inWindow.get(event.word) ?? 0) + 1);
		while (inWindow.size === starts.length) {
			const first = events[left]!;
			const last = event;
			const span = last.position + lengths[last.word]! - first.position;
			best = Math.min(best, Math.max(0, span - total));
			const count = inWindow.get(first.word)! - 1;
			if (count === 0) inWindow.delete(first.word);
			else inWindow.set(first.word, count);
			left++;
		}
	}
	const phrase = starts[0]!.some((start) => {
		let at = start;
		for (let word = 1; word < starts.length; word++) {
			at += lengths[word - 1]!;
			if (!starts[word]!.includes(at)) return false;
		}
		return true;
	});
	return { gap: best, phrase };
}

/** Stage 1: one page's score (see the module comment). */
export function stageOneScore(candidate: Candidate, stats: CorpusStats): number {
	const idfs = stats.documentFrequency.map((df) => idf(stats.pages, df));
	const idfMax = Math.max(0, ...idfs);
	const terms = candidate.starts.reduce((sum, positions, word) => {
		const tf = positions.length;
		return sum + idfs[word]! * (tf / (tf + K1));
	}, 0);
	// How early the last of the words first occurs: 1 at the page's start, 0 from EARLY_POSITIONS.
	const lastFirst = Math.max(
		0,
		...candidate.starts.map((positions) => Math.min(...positions, Number.POSITIVE_INFINITY)),
	);
	const early = Math.max(0, 1 - lastFirst / EARLY_POSITIONS);
	const { gap, phrase } = proximity(candidate.starts, candidate.lengths);
	const multiWord = candidate.starts.length > 1;
	const fields = (candidate.fields ?? []).reduce(
		(sum, field, word) => sum + (idfs[word] ?? 0) * field,
		0,
	);
	const near = multiWord && Number.isFinite(gap) ? 1 / (1 + gap / 4) : 0;
	return (
		terms +
		FIELD * fields +
		idfMax * (EARLY * Number(early) + PHRASE * Number(multiWord && phrase) + NEAR * near)
	);
}

/** What stage 2 knows of a page whose data is loaded. */
export interface Loaded {
	/** `headlineTier`: 3 the headline is the query, 2 it holds every word, 1 kicker/subtitle, 0. */
	tier: number;
	/** Publication date (`YYYY-MM-DD`), when the page has one. */
	date: string | undefined;
}

export interface Ranked {
	id: string;
	score: number;
	tier: number;
	date: string | undefined;
}

/** The final order: headline tier (loaded pages only), stage-1 score, date (newest first), id. */
export function compareRanked(a: Ranked, b: Ranked): number {
	return (
		b.tier - a.tier ||
		b.score - a.score ||
		(b.date ?? '').localeCompare(a.date ?? '') ||
		a.id.localeCompare(b.id)
	);
}
