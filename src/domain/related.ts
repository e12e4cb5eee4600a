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
export const WINDOW = 50;

type FeatureKind = keyof typeof RELATED_WEIGHTS;
const KINDS: readonly FeatureKind[] = ['people', 'tags', 'places'];

export interface RelatedIndex {
	/** Items sorted by date, then id: an item's number is its position here. */
	readonly items: readonly RelatableItem[];
	readonly numberOf: ReadonlyMap<string, number>;
	/** Feature (`kind:value`) → item numbers that have it, ascending (so in date order). */
	readonly postings: ReadonlyMap<string, Int32Array>;
	/** Scratch space for scoring, one slot per item. */
	readonly scores: Int32Array;
}

function byDateThenId(a: RelatableItem, b: RelatableItem): number {
	return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function featuresOf(item: RelatableItem): { key: string; weight: number }[] {
	const seen = new Set<string>();
	const features: { key: string; weight: number }[] = [];
	for (const kind of KINDS) {
		for (const value of item[kind]) {
			const key = `${kind}:${value}`;
			if (seen.has(key)) continue;
			seen.add(key);
			features.push({ key, weight: RELATED_WEIGHTS[kind] });
		}
	}
	return features;
}

export function buildRelatedIndex(input: readonly RelatableItem[]): RelatedIndex {
	const items = [...input].sort(byDateThenId);
	const numberOf = new Map<string, number>();
	const lists = new Map<string, number[]>();
	items.forEach((item, number) => {
		numberOf.set(item.id, number);
		for (const { key } of featuresOf(item)) {
			const list = lists.get(key);
			if (list) list.push(number);
			else lists.set(key, [number]);
		}
	});
	const postings = new Map<string, Int32Array>();
	for (const [key, list] of lists) if (list.length > 1) postings.set(key, Int32Array.from(list));
	return { items, numberOf, postings, scores: new Int32Array(items.length) };
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

/** The ids of up to `limit` items related to `id`, best first; empty for an unknown id. */
export function relatedTo(index: RelatedIndex, id: string, limit = DEFAULT_LIMIT): string[] {
	const self = index.numberOf.get(id);
	if (self === undefined) return [];
	const { scores, items } = index;
	const touched: number[] = [];
	for (const { key, weight } of featuresOf(items[self]!)) {
		const list = index.postings.get(key);
		if (!list) continue;
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
	const candidates: { number: number; score: number }[] = [];
	for (const number of touched) {
		if (scores[number]! >= MIN_SCORE) candidates.push({ number, score: scores[number]! });
		scores[number] = 0;
	}
	// Higher score first; then newer (higher number: items are in date order), then smaller id.
	candidates.sort((a, b) => {
		if (a.score !== b.score) return b.score - a.score;
		const x = items[a.number]!;
		const y = items[b.number]!;
		if (x.date !== y.date) return x.date < y.date ? 1 : -1;
		return x.id < y.id ? -1 : 1;
	});
	return candidates.slice(0, limit).map(({ number }) => items[number]!.id);
}
