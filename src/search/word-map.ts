/**
 * Which shards hold each index word: a table written with the index, so that a query
 * opens only the shards that can hold all its words, and knows at once that a word is
 * nowhere.
 *
 * **What is in it.** Only index words made of Han characters alone (pairs such as `朱海`
 * and single characters such as `义`, `tokens.ts`). Pagefind stores such a word exactly
 * as given (no case, no punctuation to strip, no stemming for language `und`), so the
 * table and Pagefind agree on what a shard holds. Words of letters or digits are left
 * out: Pagefind splits and folds them in ways of its own, and a query word ending in
 * them is prefix-matched anyway.
 *
 * **How it is written.** Each shard's writer lists its words and how many of its pages
 * hold each (`ShardWordCounts`, kept with the shard in the build cache, so a closed shard's
 * part is reused as its index is); the lists are merged (`wordMapBuckets`) into bucket
 * files chosen by a hash of the word (`bucketOf`), so that a query fetches a few small
 * files: `/pagefind/words/<n>.txt`, one line a word, `word<TAB>mask<TAB>pages[<TAB>counts]`,
 * the mask in hexadecimal with bit `n` for shard `n`, `pages` the pages of the whole archive
 * that hold the word, and, for a word in more than one shard and on more pages than have
 * postings, `counts` the pages of each of those shards that hold it, comma-separated in the
 * order a search merges them (shard 0, then the newest closed block back) until they add
 * up to `COUNTED_PAGES`. A word on no more than `POSTING_MAX_PAGES` pages also has
 * postings: those pages, in files of their own chosen by the same hash (`/pagefind/postings/<n>.txt`,
 * `word<TAB>shard/id shard/id …`, the id Pagefind's, the name of the page's fragment file),
 * fetched only for a query whose words are all that rare: its pages are then read
 * straight from their fragments, without Pagefind's index (`posting-search.ts`). They are
 * apart from the table so that every other query fetches the table's small buckets only.
 * The bucket count follows the number of distinct words (`WORDS_PER_BUCKET`) and is
 * recorded in the shard manifest (`shards.ts`). Once there are closed shards, the table is
 * written in two parts, theirs and shard 0's (`WordMapSummary.recent`): the closed part
 * changes only when a shard closes and is kept in the build cache, so a day's build merges
 * and writes only the newest shard's words; a query adds the two lines of a word up
 * (`combineHolders`).
 *
 * **How it is read.** A shard can hold a query word only if it holds every index word
 * the word must contain as written (`requiredWords`); it can hold a result only if it
 * holds every query word (`possibleShards`). That is a necessary condition: whether the
 * words stand together on one page is still Pagefind's to say. Likewise no more pages
 * can hold the query than the fewest that hold one of its table words (`mostPages`): a
 * search that wants at least that many results needs every shard that can hold them; and
 * no more pages of a shard can hold it than the fewest of that shard that hold one
 * (`PossibleShards.pagesByShard`): shards that together cannot fill the first page are all
 * merged before the first search, not one round after another.
 */

import { queryWordTokens } from './tokens.ts';

/** Folder of the bucket files below `/pagefind/`. */
export const WORD_MAP_FOLDER = 'words';

/** Folder of the postings' bucket files below `/pagefind/`. */
export const POSTINGS_FOLDER = 'postings';

/** Postings (pages) per postings bucket, about: 500 of `1/und_cf1a1fa` are 7 KB, 4 KB compressed. */
export const POSTINGS_PER_BUCKET = 500;

/** A shard's list of its words, in its folder while the index is written (and in the cache). */
export const SHARD_WORDS_FILE = 'archive-shard-words.txt';

/**
 * Pages of a word counted shard by shard, newest shard first, in its table line: enough to
 * tell how many shards a first page of results needs (10, or the 20 ranked in stage 2).
 */
export const COUNTED_PAGES = 20;

/**
 * Distinct words per bucket, about: 400 lines of a two-character word and a mask of
 * 20 shards take about 4 KB, 2–3 KB compressed.
 */
export const WORDS_PER_BUCKET = 400;

/**
 * Most pages a word may be on and still have its pages listed in the table (its postings):
 * a query whose every word has such a list reads those pages' fragments (a few KB each)
 * instead of Pagefind's index chunks and metadata in every shard that holds it (40 KB and
 * more a shard).
 */
export const POSTING_MAX_PAGES = 100;

/** One page of a word's postings: its shard, and Pagefind's page id (its fragment's name). */
export interface Posting {
	shard: number;
	page: string;
}

/** What the manifest says of one part of the table: its buckets and its postings' buckets. */
export interface WordMapPart {
	/** Site path of the bucket folder, e.g. `/pagefind/words/`. */
	path: string;
	buckets: number;
	/** Distinct words in the part. */
	words: number;
	/** The postings of the words on few pages; absent in an index written before them. */
	postings?: {
		/** Site path of their bucket folder, e.g. `/pagefind/postings/`. */
		path: string;
		buckets: number;
		/** Every word on no more than this many pages (in the part) has postings. */
		maxPages: number;
	};
}

/**
 * What the manifest says of the table. With closed shards, the table is in two parts: the
 * closed shards' (this part; it changes only when a shard closes, and the build cache keeps
 * it) and the newest shard's own (`recent`, written again with shard 0 on every build). A
 * query reads a word's line in both and adds them up (`combineHolders`). Without `recent`
 * this part is the whole table.
 */
export interface WordMapSummary extends WordMapPart {
	/** The part of shard 0 alone, when the table is in two. */
	recent?: WordMapPart;
}

/**
 * Han letters only: Pagefind drops from a word what is not a word character, so a Han
 * symbol (a radical such as `⺀`) would be stored without it.
 */
const HAN_ONLY = /^(?:(?=\p{Script=Han})[\p{L}\p{Nl}])+$/u;

/** Whether an index word goes into the table: Han letters only. */
export function isMapWord(token: string): boolean {
	return HAN_ONLY.test(token);
}

/** A table word's count so far in one shard, and its pages while few enough hold it. */
interface WordCount {
	pages: number;
	/** Page numbers in the order added; `null` once more than the most allowed hold it. */
	list: number[] | null;
}

/**
 * A shard's word list, counted page by page as the shard writer adds them: for each table
 * word (`isMapWord`), how many pages hold it, and which pages while no more than `most`
 * (`POSTING_MAX_PAGES`) do. A word's list is dropped as soon as it grows past that, so the
 * memory stays within that many pages a word.
 *
 * One map lookup a word and page, and the table-word test once a word: at 100,000 articles
 * the writers add some 40 million (page, word) pairs. Counting them in two maps, each
 * testing the word again on every page, made a 5,000-page shard's writer take 15.5 CPU-s
 * instead of 11.4 (docs/scale.md, "Search indexing").
 */
export class ShardWordCounts {
	/** Each word seen, with its count; `null` for a word the table leaves out. */
	readonly #words = new Map<string, WordCount | null>();
	/** The table words among them, in the order first seen. */
	readonly #tableWords: string[] = [];
	readonly #most: number;
	#pages = 0;

	constructor(most: number = POSTING_MAX_PAGES) {
		this.#most = most;
	}

	/** Adds the next page, with its words (a word given twice counts once); returns its number. */
	add(pageWords: Iterable<string>): number {
		const page = this.#pages++;
		const words =
			pageWords instanceof Set ? (pageWords as ReadonlySet<string>) : new Set(pageWords);
		for (const word of words) {
			let count = this.#words.get(word);
			if (count === undefined) {
				count = isMapWord(word) ? { pages: 0, list: this.#most > 0 ? [] : null } : null;
				this.#words.set(word, count);
				if (count) this.#tableWords.push(word);
			}
			if (count === null) continue;
			count.pages++;
			if (count.list === null) continue;
			if (count.list.length >= this.#most) count.list = null;
			else count.list.push(page);
		}
		return page;
	}

	/**
	 * The list, sorted by word, one a line: `word<TAB>pages`, and `<TAB>` the ids of its
	 * pages space-separated when few enough hold it and `idOf` names them (`idOf` maps a
	 * page number to Pagefind's id).
	 */
	list(idOf?: (page: number) => string): string {
		// Strings sort by UTF-16 code unit, the same in every JavaScript engine.
		return [...this.#tableWords]
			.sort()
			.map((word) => {
				const count = this.#words.get(word)!;
				return idOf && count.list
					? `${word}\t${count.pages}\t${count.list.map(idOf).join(' ')}\n`
					: `${word}\t${count.pages}\n`;
			})
			.join('');
	}
}

/** FNV-1a over the word's UTF-16 code units: stable across builds and engines. */
export function bucketOf(word: string, buckets: number): number {
	let hash = 0x811c9dc5;
	for (let index = 0; index < word.length; index++) {
		hash ^= word.charCodeAt(index);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0) % buckets;
}

/** A set of shard numbers as a hexadecimal mask, bit `n` for shard `n`. */
export function shardMask(shards: Iterable<number>): string {
	const digits: number[] = [];
	for (const shard of shards) {
		if (!Number.isInteger(shard) || shard < 0) throw new Error(`bad shard number ${shard}`);
		const digit = Math.floor(shard / 4);
		while (digits.length <= digit) digits.push(0);
		digits[digit]! |= 1 << (shard % 4);
	}
	if (digits.length === 0) return '0';
	return digits
		.reverse()
		.map((digit) => digit.toString(16))
		.join('');
}

/** The shard numbers of a hexadecimal mask, ascending. */
export function maskShards(mask: string): number[] {
	const shards: number[] = [];
	for (let place = 0; place < mask.length; place++) {
		const digit = parseInt(mask[mask.length - 1 - place]!, 16);
		if (Number.isNaN(digit)) throw new Error(`bad shard mask ${mask}`);
		for (let bit = 0; bit < 4; bit++) if (digit & (1 << bit)) shards.push(place * 4 + bit);
	}
	return shards;
}

/** One shard's word list, as written by `ShardWordCounts`. */
export interface ShardWords {
	number: number;
	text: string;
}

/** A cursor over the lines of a word list, without splitting it into an array. */
class ListCursor {
	readonly number: number;
	readonly text: string;
	#at = 0;
	word: string | undefined;
	/** Pages of the shard that hold `word`. */
	pages = 0;
	/** Their page ids, space-separated, when the list gives them. */
	ids: string | undefined;

	constructor(number: number, text: string) {
		this.number = number;
		this.text = text;
		this.next();
	}

	/** Reads the next line by its tabs: a word list has a line for each of its words. */
	next(): void {
		const { text } = this;
		while (this.#at < text.length) {
			const start = this.#at;
			const newline = text.indexOf('\n', start);
			const stop = newline < 0 ? text.length : newline;
			this.#at = stop + 1;
			if (stop === start) continue;
			const tab = text.indexOf('\t', start);
			const secondTab = tab < 0 || tab > stop ? -1 : text.indexOf('\t', tab + 1);
			const countEnd = secondTab < 0 || secondTab > stop ? stop : secondTab;
			const word = tab < 0 || tab > stop ? '' : text.slice(start, tab);
			const count = tab < 0 || tab > stop ? '' : text.slice(tab + 1, countEnd);
			const ids = countEnd < stop ? text.slice(countEnd + 1, stop) : undefined;
			const pages = /^\d+$/.test(count) ? Number(count) : NaN;
			if (
				!word ||
				!Number.isInteger(pages) ||
				pages < 1 ||
				(ids !== undefined && (ids.includes('\t') || spaceSeparatedCount(ids) !== pages))
			) {
				throw new Error(
					`bad line in the word list of shard ${this.number}: ${text.slice(start, stop)}`,
				);
			}
			this.word = word;
			this.pages = pages;
			this.ids = ids;
			return;
		}
		this.word = undefined;
	}
}

/** How many items a space-separated list holds; -1 when one of them is empty. */
function spaceSeparatedCount(list: string): number {
	let count = 1;
	for (let at = list.indexOf(' '); at >= 0; at = list.indexOf(' ', at + 1)) count++;
	return list === '' || list.startsWith(' ') || list.endsWith(' ') || list.includes('  ')
		? -1
		: count;
}

/** Whether cursor `a` comes before `b`: its word first, then its shard. */
function before(a: ListCursor, b: ListCursor): boolean {
	return a.word! < b.word! || (a.word === b.word && a.number < b.number);
}

/** Restores the order of the binary min-heap `heap` from `index` down. */
function siftDown(heap: ListCursor[], index: number): void {
	for (;;) {
		const left = 2 * index + 1;
		const right = left + 1;
		let least = index;
		if (left < heap.length && before(heap[left]!, heap[least]!)) least = left;
		if (right < heap.length && before(heap[right]!, heap[least]!)) least = right;
		if (least === index) return;
		[heap[index], heap[least]] = [heap[least]!, heap[index]!];
		index = least;
	}
}

/**
 * Calls `each` with every distinct word of the lists, in order, the shards that hold it,
 * ascending, the pages of each of them that hold it, the pages that hold it in all, and
 * those pages as a postings line's text (`shard/id`, space-separated) when every list gives
 * them and they are no more than `POSTING_MAX_PAGES`: a merge of the sorted lists through a
 * heap of their cursors.
 */
function forEachMergedWord(
	lists: readonly ShardWords[],
	postingPages: number,
	each: (
		word: string,
		shards: number[],
		counts: number[],
		pages: number,
		postings: string | undefined,
	) => void,
): void {
	const heap = lists
		.map((list) => new ListCursor(list.number, list.text))
		.filter((cursor) => cursor.word !== undefined);
	for (let index = Math.floor(heap.length / 2) - 1; index >= 0; index--) siftDown(heap, index);
	while (heap.length > 0) {
		const word = heap[0]!.word!;
		const shards: number[] = [];
		const counts: number[] = [];
		let pages = 0;
		/** Each shard's pages as `shard/id`, while every list so far gave its ids. */
		let postings: string[] | undefined = [];
		while (heap.length > 0 && heap[0]!.word === word) {
			const top = heap[0]!;
			shards.push(top.number);
			counts.push(top.pages);
			pages += top.pages;
			if (postings && top.ids !== undefined && pages <= postingPages) {
				const prefix = `${top.number}/`;
				postings.push(prefix + top.ids.replaceAll(' ', ` ${prefix}`));
			} else postings = undefined;
			top.next();
			if (top.word === undefined) {
				heap[0] = heap[heap.length - 1]!;
				heap.pop();
			}
			siftDown(heap, 0);
		}
		each(word, shards, counts, pages, postings?.join(' '));
	}
}

export interface WordMapFiles {
	words: number;
	/** The bucket files' text, by bucket number. */
	buckets: string[];
	/** The postings' bucket files' text, by bucket number. */
	postingBuckets: string[];
}

/**
 * Shard numbers in the order a search merges them: shard 0 (the newest pages), then the
 * closed blocks from the newest (the highest number) back.
 */
function searchOrder(shards: readonly number[]): number[] {
	return [...shards].sort((a, b) => (a === 0 ? -1 : b === 0 ? 1 : b - a));
}

/**
 * The counts a table line gives: those of the shards that hold the word, in search order,
 * until they add up to `COUNTED_PAGES`. Past that, a shard's count cannot change how many
 * shards a first page needs, and a word in many shards would make every bucket long.
 */
function countedPrefix(shards: readonly number[], counts: readonly number[]): number[] {
	const byShard = new Map(shards.map((shard, index) => [shard, counts[index]!]));
	const prefix: number[] = [];
	let sum = 0;
	for (const shard of searchOrder(shards)) {
		if (sum >= COUNTED_PAGES) break;
		const count = byShard.get(shard)!;
		prefix.push(count);
		sum += count;
	}
	return prefix;
}

/**
 * The table's bucket files from every shard's word list, and the postings' buckets. Each
 * list must be sorted (as `ShardWordCounts` writes it); the output depends only on the
 * lists, not on their order.
 */
export function wordMapBuckets(
	lists: readonly ShardWords[],
	{
		perBucket = WORDS_PER_BUCKET,
		postingsPerBucket = POSTINGS_PER_BUCKET,
		postingPages = POSTING_MAX_PAGES,
	}: { perBucket?: number; postingsPerBucket?: number; postingPages?: number } = {},
): WordMapFiles {
	const words: string[] = [];
	const lines: string[] = [];
	const listed: string[] = [];
	const postingLines: string[] = [];
	let postingCount = 0;
	forEachMergedWord(lists, postingPages, (word, shards, counts, pages, postings) => {
		words.push(word);
		// One shard's count is `pages`. A word on no more pages than have postings is not
		// counted: a query of such words reads its pages, not shards, and most words are such.
		const counted = shards.length > 1 && pages > postingPages;
		const perShard = counted ? `\t${countedPrefix(shards, counts).join(',')}` : '';
		lines.push(`${word}\t${shardMask(shards)}\t${pages}${perShard}\n`);
		if (postings === undefined) return;
		listed.push(word);
		postingLines.push(`${word}\t${postings}\n`);
		postingCount += pages;
	});
	return {
		words: words.length,
		buckets: hashBuckets(words, lines, Math.max(1, Math.ceil(words.length / perBucket))),
		postingBuckets: hashBuckets(
			listed,
			postingLines,
			Math.max(1, Math.ceil(postingCount / postingsPerBucket)),
		),
	};
}

/** Lines by the bucket of their word, each bucket's lines joined, in word order. */
function hashBuckets(words: readonly string[], lines: readonly string[], count: number): string[] {
	const buckets: string[][] = Array.from({ length: count }, () => []);
	for (const [index, word] of words.entries()) buckets[bucketOf(word, count)]!.push(lines[index]!);
	return buckets.map((bucket) => bucket.join(''));
}

/** Where a table word is: the shards that hold it, and how many pages in all. */
export interface WordHolders {
	/** Ascending. */
	shards: readonly number[];
	pages: number;
	/**
	 * The pages of each of `shards` that hold it, in the same order; `Infinity` for a shard
	 * the line gives no count for (past `COUNTED_PAGES`: as many as a search needs). Absent
	 * for a word in several shards that has postings (or in a table written before the
	 * counts were).
	 */
	shardPages?: readonly number[];
}

/** A word in no shard. */
const NOWHERE: WordHolders = { shards: [], pages: 0, shardPages: [] };

/**
 * Where a word is from its lines in two parts of the table that hold different shards
 * (`WordMapSummary.recent`): the shards and pages of both. Each shard keeps the count its
 * part gives it; one its part leaves uncounted stays so (`Infinity`).
 */
export function combineHolders(part: WordHolders, other: WordHolders): WordHolders {
	if (other.shards.length === 0) return part;
	if (part.shards.length === 0) return other;
	const counts = new Map<number, number>();
	for (const holders of [part, other]) {
		for (const [index, shard] of holders.shards.entries()) {
			if (counts.has(shard)) throw new Error(`shard ${shard} is in two parts of the word table`);
			counts.set(shard, holders.shardPages?.[index] ?? Infinity);
		}
	}
	const shards = [...counts.keys()].sort((a, b) => a - b);
	return {
		shards,
		pages: part.pages + other.pages,
		shardPages: shards.map((shard) => counts.get(shard)!),
	};
}

/** A bucket file's words, and where each is. */
export function parseBucket(text: string): Map<string, WordHolders> {
	const found = new Map<string, WordHolders>();
	for (const line of text.split('\n')) {
		if (!line) continue;
		const [word, mask, pages, counts, ...rest] = line.split('\t');
		if (!word || !mask || !pages || rest.length > 0 || !/^\d+$/.test(pages)) {
			throw new Error(`bad word map line: ${line}`);
		}
		const shards = maskShards(mask);
		const counted = counts?.split(',').map(Number);
		if (
			counted &&
			(counted.length > shards.length ||
				counted.some((count) => !Number.isInteger(count) || count < 1))
		) {
			throw new Error(`bad word map line: ${line}`);
		}
		let shardPages: number[] | undefined;
		if (shards.length === 1) shardPages = [Number(pages)];
		else if (counted) {
			// The counts are in search order; the shards past them hold "enough".
			const byShard = new Map(searchOrder(shards).map((shard, index) => [shard, index]));
			shardPages = shards.map((shard) => counted[byShard.get(shard)!] ?? Infinity);
		}
		found.set(word, {
			shards,
			pages: Number(pages),
			...(shardPages ? { shardPages } : {}),
		});
	}
	return found;
}

/** A postings bucket file's words, and the pages of each. */
export function parsePostings(text: string): Map<string, Posting[]> {
	const found = new Map<string, Posting[]>();
	for (const line of text.split('\n')) {
		if (!line) continue;
		const [word, listed, ...rest] = line.split('\t');
		if (!word || !listed || rest.length > 0) throw new Error(`bad postings line: ${line}`);
		const postings = listed.split(' ').map((entry) => {
			const slash = entry.indexOf('/');
			const shard = Number(entry.slice(0, slash));
			if (slash < 1 || !Number.isInteger(shard) || slash === entry.length - 1) {
				throw new Error(`bad postings line: ${line}`);
			}
			return { shard, page: entry.slice(slash + 1) };
		});
		found.set(word, postings);
	}
	return found;
}

/**
 * The table words a page must hold to hold `word` as written: its Han index words, less
 * the last one when Pagefind matches that one as a prefix (a lone character ending the
 * word, `queryWordTokens`). Empty when the table can say nothing about the word.
 */
export function requiredWords(word: string): string[] {
	const { tokens, whole } = queryWordTokens(word);
	return [...new Set((whole ? tokens : tokens.slice(0, -1)).filter(isMapWord))];
}

export interface PossibleShards {
	/** Shards that can hold every query word; undefined when the table rules none out. */
	shards: Set<number> | undefined;
	/** Query words that no shard holds. */
	missingWords: string[];
	/** For each query word the table knows: the shards that can hold it. */
	byWord: Map<string, Set<number>>;
	/**
	 * The most pages that can hold every query word: the fewest pages that hold one of its
	 * table words. Undefined when the table rules none out.
	 */
	mostPages: number | undefined;
	/**
	 * For each shard of `shards`, the most of its pages that can hold every query word: the
	 * fewest of its pages that hold one of the query's table words (`Infinity` when none of
	 * them is counted there). Undefined when the table rules none out.
	 */
	pagesByShard: Map<number, number> | undefined;
	/**
	 * For each query word, its table word on fewest pages (every page that holds the query
	 * word holds it), with that page count.
	 */
	rarest: Map<string, { word: string; pages: number }>;
	/**
	 * The postings of each query word's rarest table word, when every query word is made of
	 * Han index words alone (nothing the table cannot say) and each is on no more than the
	 * table's `maxPages` pages (`WordMap.possibleShards` fetches them); empty otherwise.
	 */
	postings: Map<string, readonly Posting[]>;
}

/** What a table that rules no shard out says: nothing. */
export function nothingRuledOut(): PossibleShards {
	return {
		shards: undefined,
		missingWords: [],
		byWord: new Map(),
		mostPages: undefined,
		pagesByShard: undefined,
		rarest: new Map(),
		postings: new Map(),
	};
}

/** Whether the table knows everything of `word`: Han index words only, none a prefix. */
export function tableWordOnly(word: string): boolean {
	const { tokens, whole } = queryWordTokens(word);
	return whole && tokens.length > 0 && tokens.every(isMapWord);
}

/**
 * The shards that can hold every query word, from where each table word is (`holding`;
 * a word not in it is in no shard).
 */
export function possibleShards(
	words: readonly string[],
	holding: ReadonlyMap<string, WordHolders>,
): PossibleShards {
	let shards: Set<number> | undefined;
	let mostPages: number | undefined;
	// The fewest pages of each shard holding one of the table words seen so far.
	let pagesByShard: Map<number, number> | undefined;
	const missingWords: string[] = [];
	const byWord = new Map<string, Set<number>>();
	const rarest = new Map<string, { word: string; pages: number }>();
	for (const word of words) {
		const required = requiredWords(word);
		if (required.length === 0) continue;
		let forWord: Set<number> | undefined;
		for (const token of required) {
			const holders = holding.get(token) ?? NOWHERE;
			forWord = new Set(
				forWord ? holders.shards.filter((shard) => forWord!.has(shard)) : holders.shards,
			);
			mostPages = Math.min(mostPages ?? Infinity, holders.pages);
			pagesByShard = fewestByShard(pagesByShard, holders);
			const fewest = rarest.get(word);
			if (!fewest || holders.pages < fewest.pages) {
				rarest.set(word, { word: token, pages: holders.pages });
			}
		}
		byWord.set(word, forWord!);
		if (forWord!.size === 0) missingWords.push(word);
		shards = new Set(shards ? [...shards].filter((shard) => forWord!.has(shard)) : forWord);
	}
	return {
		shards,
		missingWords,
		byWord,
		mostPages,
		pagesByShard,
		rarest,
		postings: new Map(),
	};
}

/**
 * `fewest` (the fewest pages of each shard holding one of the table words before; none
 * before the first) with `holders` taken in: a shard it is not in holds no page of it, and
 * a shard it has no count for (a word with postings, or past its counted shards) is
 * bounded by the other words only.
 */
function fewestByShard(
	fewest: ReadonlyMap<number, number> | undefined,
	holders: WordHolders,
): Map<number, number> {
	const next = new Map<number, number>();
	for (const [index, shard] of holders.shards.entries()) {
		const count = holders.shardPages?.[index] ?? Infinity;
		if (!fewest) next.set(shard, count);
		else if (fewest.has(shard)) next.set(shard, Math.min(fewest.get(shard)!, count));
	}
	return next;
}

/** Reads the table: the bucket files a query needs, each fetched once, from each of its parts. */
export class WordMap {
	/** The closed shards' part (or the whole table), then the newest shard's, when apart. */
	readonly #parts: readonly WordMapPart[];
	readonly #load: (path: string) => Promise<string>;
	/** Bucket files by site path. */
	readonly #buckets = new Map<string, Promise<Map<string, WordHolders>>>();
	readonly #postingBuckets = new Map<string, Promise<Map<string, Posting[]>>>();

	/** `load` fetches a site path's text (and rejects when it cannot). */
	constructor(summary: WordMapSummary, load: (path: string) => Promise<string>) {
		this.#parts = summary.recent ? [summary, summary.recent] : [summary];
		this.#load = load;
	}

	#fetched<T>(
		cache: Map<string, Promise<T>>,
		path: string,
		parse: (text: string) => T,
	): Promise<T> {
		let file = cache.get(path);
		if (!file) {
			file = this.#load(path).then(parse);
			cache.set(path, file);
			// A failed fetch is tried again by the next query.
			file.catch(() => cache.delete(path));
		}
		return file;
	}

	/** Where `word` is in one part of the table. */
	async #holdersIn(part: WordMapPart, word: string): Promise<WordHolders> {
		const path = `${part.path}${bucketOf(word, part.buckets)}.txt`;
		return (await this.#fetched(this.#buckets, path, parseBucket)).get(word) ?? NOWHERE;
	}

	/** The pages of `word` in one part, where it is on no more than the part's `maxPages`. */
	async #postingsIn(part: WordMapPart, word: string): Promise<Posting[]> {
		const { postings } = part;
		if (!postings) throw new Error('the index has no postings');
		const path = `${postings.path}${bucketOf(word, postings.buckets)}.txt`;
		const found = (await this.#fetched(this.#postingBuckets, path, parsePostings)).get(word);
		if (!found) throw new Error(`no postings for ${word}`);
		return found;
	}

	/**
	 * The pages of `word`, a table word on no more than the table's `maxPages` pages: each
	 * part's that holds it, by shard (shard 0 first), as one table would list them.
	 */
	async postingsOf(word: string): Promise<Posting[]> {
		const found = await Promise.all(
			this.#parts.map(async (part) =>
				(await this.#holdersIn(part, word)).pages > 0 ? this.#postingsIn(part, word) : [],
			),
		);
		return found.flat().sort((a, b) => a.shard - b.shard);
	}

	/** Where each of `words` (table words) is; a word in no shard is in no shard, on no page. */
	async holders(words: readonly string[]): Promise<Map<string, WordHolders>> {
		const distinct = [...new Set(words)];
		const found = await Promise.all(
			distinct.map(async (word) => {
				const inParts = await Promise.all(this.#parts.map((part) => this.#holdersIn(part, word)));
				return inParts.reduce(combineHolders);
			}),
		);
		return new Map(distinct.map((word, index) => [word, found[index]!]));
	}

	/**
	 * The shards that can hold every query word, the words in no shard, and the postings of
	 * a query whose words are all rare (see `PossibleShards.postings`; none when they
	 * cannot be fetched, and the search then reads Pagefind's index as before).
	 */
	async possibleShards(words: readonly string[]): Promise<PossibleShards> {
		const required = words.flatMap(requiredWords);
		if (required.length === 0) return nothingRuledOut();
		const possible = possibleShards(words, await this.holders(required));
		const maxPages = Math.min(...this.#parts.map((part) => part.postings?.maxPages ?? 0));
		const listed =
			possible.missingWords.length === 0 &&
			words.every(
				(word) => tableWordOnly(word) && (possible.rarest.get(word)?.pages ?? Infinity) <= maxPages,
			);
		if (!listed) return possible;
		try {
			const fetched = await Promise.all(
				words.map((word) => this.postingsOf(possible.rarest.get(word)!.word)),
			);
			for (const [index, word] of words.entries()) possible.postings.set(word, fetched[index]!);
		} catch {
			possible.postings.clear();
		}
		return possible;
	}
}
