/**
 * Related items for the end of an article: the few others that share the most people,
 * places and tags with it. Built from an inverted index (feature → items that have it),
 * so the work per item is bounded by its own features, never by the size of the archive:
 * no pair of unrelated items is ever compared.
 *
 * Deterministic: the same archive gives the same lists, whatever order it is read in.
 * Score: 3 for each shared person, 2 for each shared tag, 1 for each shared place; an item
 * needs at least `MIN_SCORE` to count. Ties are broken by date (newest first), then id.
 *
 * A feature that many items share (a city every other article names) says little and
 * would make the work grow with the archive. For such a feature only the `WINDOW` items
 * nearest in date on either side count, so each item costs at most
 * `features × 2 × WINDOW` steps.
 */

export interface RelatableItem {
	id: string;
	/** `YYYY-MM-DD`. */
	date: string;
	people: readonly string[];
	places: readonly string[];
	tags: readonly string[];
}

export const RELATED_WEIGHTS = { people: 3, tags: 2, places: 1 } as const;
export const MIN_SCORE = 2;
export const DEFAULT_LIMIT = 5;
/** Items on either side, in date order, that a common feature contributes. */
export const WINDOW = 25;

type FeatureKind = keyof typeof RELATED_WEIGHTS;
const KINDS: readonly FeatureKind[] = ['people', 'tags', 'places'];

export interface RelatedIndex {
	/** Items sorted by date, then id: an item's number is its position here. */
	readonly items: readonly RelatableItem[];
	readonly numberOf: ReadonlyMap<string, number>;
	/** Each item's features, as feature numbers, and their weights. */
	readonly features: readonly Int32Array[];
	readonly weights: readonly Int32Array[];
	/** Feature number → item numbers that have it, ascending (so in date order); undefined when only one has it. */
	readonly postings: readonly (Int32Array | undefined)[];
	/** Each item's day, as a number that grows with the date. */
	readonly days: Int32Array;
	/** Scratch space for scoring, one slot per item. */
	readonly scores: Int32Array;
}

function byDateThenId(a: RelatableItem, b: RelatableItem): number {
	return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function buildRelatedIndex(input: readonly RelatableItem[]): RelatedIndex {
	const items = [...input].sort(byDateThenId);
	const numberOf = new Map<string, number>();
	const featureNumbers = new Map<string, number>();
	const lists: number[][] = [];
	const features: Int32Array[] = [];
	const weights: Int32Array[] = [];
	items.forEach((item, number) => {
		numberOf.set(item.id, number);
		const own: number[] = [];
		const ownWeights: number[] = [];
		for (const kind of KINDS) {
			for (const value of item[kind]) {
				const key = `${kind}:${value}`;
				let feature = featureNumbers.get(key);
				if (feature === undefined) {
					feature = lists.length;
					featureNumbers.set(key, feature);
					lists.push([]);
				}
				const list = lists[feature]!;
				// A value listed twice on one item counts once.
				if (list[list.length - 1] === number) continue;
				list.push(number);
				own.push(feature);
				ownWeights.push(RELATED_WEIGHTS[kind]);
			}
		}
		features.push(Int32Array.from(own));
		weights.push(Int32Array.from(ownWeights));
	});
	const postings = lists.map((list) => (list.length > 1 ? Int32Array.from(list) : undefined));
	const days = new Int32Array(items.length);
	for (let number = 1; number < items.length; number++) {
		const sameDay = items[number]!.date === items[number - 1]!.date;
		days[number] = days[number - 1]! + (sameDay ? 0 : 1);
	}
	return {
		items,
		numberOf,
		features,
		weights,
		postings,
		days,
		scores: new Int32Array(items.length),
	};
}

/** The first position in a sorted array whose value is at least `value`. */
function lowerBound(values: Int32Array, value: number): number {
	let low = 0;
	let high = values.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if (values[middle]! < value) low = middle + 1;
		else high = middle;
	}
	return low;
}

/**
 * Whether item `a` ranks before item `b`: higher score, then newer (a higher number, since
 * items are numbered in date order), then the smaller id (a lower number on the same day).
 */
function ranksBefore(index: RelatedIndex, a: number, scoreA: number, b: number, scoreB: number) {
	if (scoreA !== scoreB) return scoreA > scoreB;
	const dayA = index.days[a]!;
	const dayB = index.days[b]!;
	if (dayA !== dayB) return dayA > dayB;
	return a < b;
}

/** The ids of up to `limit` items related to `id`, best first; empty for an unknown id. */
export function relatedTo(index: RelatedIndex, id: string, limit = DEFAULT_LIMIT): string[] {
	const self = index.numberOf.get(id);
	if (self === undefined) return [];
	const { scores } = index;
	const touched: number[] = [];
	const own = index.features[self]!;
	const ownWeights = index.weights[self]!;
	for (let f = 0; f < own.length; f++) {
		const list = index.postings[own[f]!];
		if (!list) continue;
		const weight = ownWeights[f]!;
		let from = 0;
		let to = list.length;
		if (list.length > 2 * WINDOW + 1) {
			const at = lowerBound(list, self);
			from = Math.max(0, at - WINDOW);
			to = Math.min(list.length, at + WINDOW + 1);
		}
		for (let i = from; i < to; i++) {
			const other = list[i]!;
			if (other === self) continue;
			if (scores[other] === 0) touched.push(other);
			scores[other]! += weight;
		}
	}
	// Keep the best `limit` in order by insertion: candidates are few, `limit` is small.
	const best: number[] = [];
	const bestScores: number[] = [];
	for (const number of touched) {
		const score = scores[number]!;
		scores[number] = 0;
		if (score < MIN_SCORE) continue;
		let at = best.length;
		while (at > 0 && ranksBefore(index, number, score, best[at - 1]!, bestScores[at - 1]!)) at--;
		if (at >= limit) continue;
		best.splice(at, 0, number);
		bestScores.splice(at, 0, score);
		if (best.length > limit) {
			best.pop();
			bestScores.pop();
		}
	}
	return best.map((number) => index.items[number]!.id);
}
