/**
 * Known-item queries: each has one target, the page a reader means, and is scored by
 * the target's rank (success@1, success@3, reciprocal rank). Made mechanically from the
 * built pages, in a fixed pseudo-random order (a hash of the URL), so a run repeats:
 *
 * - `headline`: an article's whole headline;
 * - `headline-words`: two or three words of a headline (`Intl.Segmenter`, words of two
 *   characters or more, in the headline's order);
 * - `lead-phrase`: a phrase from the first paragraph (three to four consecutive words of
 *   its first clause, 6–12 characters);
 * - `person`: a person's name, target the profile (`/people/…`);
 * - `notice`: two words of a notice's headline, its object and what it is (石英石 拍卖),
 *   target the notice.
 *
 * The corpus has no people and no notices: `corpus-site.ts` merges the default
 * content's day and people into the corpus site, so those two sets are small (8 people,
 * 1 notice with several queries). Beyond 3,139 articles the corpus is replicated with
 * shifted dates, so a target has copies with the same headline and lead: every page
 * with the target's headline and lead counts as the target.
 */

import { comparable, type EvalDocument } from './documents.ts';

export type KnownItemSet = 'headline' | 'headline-words' | 'lead-phrase' | 'person' | 'notice';

export const KNOWN_ITEM_SETS: readonly KnownItemSet[] = [
	'headline',
	'headline-words',
	'lead-phrase',
	'person',
	'notice',
];

export interface KnownItemQuery {
	set: KnownItemSet;
	text: string;
	/** The target page and its copies. */
	targets: string[];
}

/** Queries per article set. */
const PER_SET = 50;

function hash(text: string): number {
	let value = 0x811c9dc5;
	for (const character of text) {
		value ^= character.codePointAt(0)!;
		value = Math.imul(value, 0x01000193) >>> 0;
	}
	return value;
}

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const HAN = /^\p{Script=Han}+$/u;

/** The words of a text a reader would remember: Han words of two characters or more. */
function words(text: string): string[] {
	return [...segmenter.segment(text)]
		.filter((segment) => segment.isWordLike && HAN.test(segment.segment))
		.map((segment) => segment.segment)
		.filter((word) => [...word].length >= 2);
}

function kindOf(url: string): string {
	return url.split('/')[1] ?? '';
}

/** Whether a headline is one a reader could type (not the placeholder of an untitled part). */
function typable(title: string): boolean {
	return title.length >= 4 && !title.startsWith('（') && !title.startsWith('(');
}

export function buildKnownItems(documents: readonly EvalDocument[]): KnownItemQuery[] {
	const copies = new Map<string, string[]>();
	const keyOf = (document: EvalDocument) => `${document.title}\n${comparable(document.lead)}`;
	for (const document of documents) {
		const key = keyOf(document);
		copies.set(key, [...(copies.get(key) ?? []), document.url]);
	}
	const byTitle = new Map<string, number>();
	for (const [key] of copies) {
		const title = key.split('\n')[0]!;
		byTitle.set(title, (byTitle.get(title) ?? 0) + 1);
	}
	// One page per story (its first copy), its headline its own.
	const stories = documents
		.filter((document) => copies.get(keyOf(document))![0] === document.url)
		.filter(
			(document) =>
				(kindOf(document.url) === 'people' || typable(document.title)) &&
				byTitle.get(document.title) === 1,
		)
		.sort((a, b) => hash(a.url) - hash(b.url) || a.url.localeCompare(b.url));
	const articles = stories.filter((document) => kindOf(document.url) === 'articles');
	const targets = (document: EvalDocument) => copies.get(keyOf(document))!;

	const queries: KnownItemQuery[] = [];
	for (const document of articles.slice(0, PER_SET)) {
		queries.push({ set: 'headline', text: document.title, targets: targets(document) });
	}
	let taken = 0;
	for (const document of articles) {
		if (taken === PER_SET) break;
		const found = [...new Set(words(document.title))];
		if (found.length < 2) continue;
		const count = found.length >= 3 && hash(document.url) % 2 === 0 ? 3 : 2;
		// Spread over the headline: first, last, and one between.
		const chosen =
			count === 2
				? [found[0]!, found.at(-1)!]
				: [found[0]!, found[Math.floor(found.length / 2)]!, found.at(-1)!];
		queries.push({
			set: 'headline-words',
			text: chosen.join(' '),
			targets: targets(document),
		});
		taken++;
	}
	taken = 0;
	for (const document of [...articles].reverse()) {
		if (taken === PER_SET) break;
		const clause = document.lead.split(/[，。,.；;：:！!？?、“”"（）()\s]/u)[0] ?? '';
		if (!HAN.test(clause)) continue;
		const segments = [...segmenter.segment(clause)].map((segment) => segment.segment);
		const start = segments.length > 4 ? hash(document.url) % (segments.length - 3) : 0;
		let phrase = '';
		for (const segment of segments.slice(start)) {
			if ([...phrase].length >= 6 && [...(phrase + segment)].length > 12) break;
			phrase += segment;
		}
		if ([...phrase].length < 6) continue;
		queries.push({ set: 'lead-phrase', text: phrase, targets: targets(document) });
		taken++;
	}
	for (const document of stories.filter((page) => kindOf(page.url) === 'people')) {
		queries.push({ set: 'person', text: document.title, targets: [document.url] });
	}
	for (const document of stories.filter((page) => kindOf(page.url) === 'notices')) {
		const found = words(document.title);
		const last = found.at(-1);
		// Each word of the headline with what the notice is (its last words): 石英石 拍卖.
		const kinds = found.filter((word) => /拍卖|公告|招标|通知|声明|启事/u.test(word));
		for (const object of found.filter((word) => !kinds.includes(word))) {
			for (const kind of kinds.length > 0 ? kinds : [last!]) {
				queries.push({ set: 'notice', text: `${object} ${kind}`, targets: [document.url] });
			}
		}
		queries.push({ set: 'notice', text: document.title, targets: [document.url] });
	}
	return queries;
}

export interface KnownItemScore {
	/** Rank of the first target (1 = first); null when it is not in the results. */
	rank: number | null;
}

export function knownItemRank(
	ranked: readonly string[],
	targets: readonly string[],
): number | null {
	const wanted = new Set(targets);
	const index = ranked.findIndex((url) => wanted.has(url));
	return index < 0 ? null : index + 1;
}

export interface KnownItemSummary {
	queries: number;
	successAt1: number;
	successAt3: number;
	mrr: number;
}

export function summarise(ranks: readonly (number | null)[]): KnownItemSummary {
	const n = ranks.length;
	const share = (test: (rank: number) => boolean) =>
		n === 0 ? Number.NaN : ranks.filter((rank) => rank !== null && test(rank)).length / n;
	return {
		queries: n,
		successAt1: share((rank) => rank === 1),
		successAt3: share((rank) => rank <= 3),
		mrr:
			n === 0
				? Number.NaN
				: ranks.reduce<number>((sum, rank) => sum + (rank ? 1 / rank : 0), 0) / n,
	};
}
