import { hash } from 'node:crypto';

/**
 * Reprints (重登): the same text printed again on another date or page, such as a notice
 * run three times or an article printed again. Items are grouped by a digest of their
 * normalised text, one hash per item and one map, so 100,000 items cost one pass. The
 * content check uses the same digest to refuse only an item filed twice on one date and
 * page (src/content-checks/duplicates.ts).
 */

/** The text as compared: without whitespace or Markdown's backslash escapes. */
export function normalisedText(value: string): string {
	// One pass: two replaces (whitespace, then backslashes) took 7 times as long on 100,000 bodies.
	return value.replace(/[\s\\]+/g, '');
}

/** Short texts (a slogan, a one-line advert) repeat from day to day without being reprints. */
export const MIN_REPRINT_LENGTH = 80;

/** The digest two copies of one text share, or `undefined` for a text too short to tell. */
export function textDigest(body: string): string | undefined {
	const text = normalisedText(body);
	if (text.length < MIN_REPRINT_LENGTH) return undefined;
	// A digest, not the text: a 100,000-article archive would otherwise hold every body twice.
	// The one-shot `hash` is a fifth faster than createHash() for bodies of a few kB.
	return hash('sha1', text, 'base64');
}

export interface ReprintCandidate {
	/** Unique across the archive, e.g. `article:2021-11-11/02-a`. */
	key: string;
	date: string;
	page: number;
	body: string;
}

/**
 * For every item printed more than once, the other printings, oldest first (then by key).
 * Items with a text too short to tell, or printed once, are not in the map. One digest per
 * item and one map: 100,000 bodies of 2 kB take about 0.5 s of CPU, nearly all of it SHA-1
 * (a fingerprint in JavaScript first, to hash fewer bodies, took twice as long).
 */
export function groupReprints<T extends ReprintCandidate>(items: readonly T[]): Map<string, T[]> {
	const byDigest = new Map<string, T[]>();
	for (const item of items) {
		const digest = textDigest(item.body);
		if (digest === undefined) continue;
		const group = byDigest.get(digest);
		if (group) group.push(item);
		else byDigest.set(digest, [item]);
	}
	const others = new Map<string, T[]>();
	for (const group of byDigest.values()) {
		if (group.length < 2) continue;
		group.sort(
			(a, b) =>
				a.date.localeCompare(b.date) ||
				a.page - b.page ||
				(a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
		);
		for (const item of group)
			others.set(
				item.key,
				group.filter((other) => other !== item),
			);
	}
	return others;
}
