import { describe, expect, test } from 'vitest';
import { indexTokens } from '../../../src/search/tokens.ts';
import {
	bucketOf,
	combineHolders,
	COUNTED_PAGES,
	isMapWord,
	maskShards,
	nothingRuledOut,
	parseBucket,
	parsePostings,
	POSTING_MAX_PAGES,
	possibleShards,
	requiredWords,
	shardMask,
	ShardWordCounts,
	WordMap,
	wordMapBuckets,
	type ShardWords,
	type WordHolders,
	type WordMapPart,
} from '../../../src/search/word-map.ts';

/** The words of pages (their texts) counted as the shard writer counts them. */
function countsOf(texts: readonly string[], most?: number): ShardWordCounts {
	const counts = new ShardWordCounts(most);
	for (const text of texts) counts.add(indexTokens(text));
	return counts;
}

/** A shard's word list from its pages' text, without page ids. */
function listOf(number: number, ...texts: string[]): ShardWords {
	return { number, text: countsOf(texts).list() };
}

/** Every line of every bucket, as `word → shards`. */
function table(buckets: readonly string[]): Map<string, readonly number[]> {
	return new Map(
		buckets.flatMap((text) => [...parseBucket(text)].map(([word, { shards }]) => [word, shards])),
	);
}

/** Every line of every bucket, as `word → pages that hold it`. */
function pageCounts(buckets: readonly string[]): Map<string, number> {
	return new Map(
		buckets.flatMap((text) => [...parseBucket(text)].map(([word, { pages }]) => [word, pages])),
	);
}

describe('the word list of a shard', () => {
	test('holds its Han index words once each, sorted, with the pages that hold each, and nothing else', () => {
		const list = countsOf(['朱海义说：1998年CCTV报道了朱海义。', '朱海义说', '1998年']).list();
		expect(list.split('\n').filter(Boolean)).toEqual([
			'义\t1',
			'义说\t2',
			'了朱\t1',
			'年\t2',
			'报\t1',
			'报道\t1',
			'朱海\t2',
			'海义\t2',
			'说\t2',
			'道了\t1',
		]);
		expect(list.endsWith('\n')).toBe(true);
		expect(new ShardWordCounts().list()).toBe('');
	});

	test('a list line without its page count is refused, naming the shard', () => {
		expect(() => wordMapBuckets([{ number: 4, text: '朱海\n' }])).toThrow(
			/word list of shard 4: 朱海/,
		);
	});

	test('only Han words go into the table', () => {
		expect(['朱海', '义', '〇七', '1998', 'cctv', '，', '朱a', '⺀中'].map(isMapWord)).toEqual([
			true,
			true,
			true,
			false,
			false,
			false,
			false,
			false,
		]);
	});
});

describe('shard masks', () => {
	test('round-trip any set of shard numbers, beyond 32 and 53 bits too', () => {
		for (const shards of [[], [0], [3], [0, 1, 2, 3, 4], [5, 31, 32, 53, 54, 99]]) {
			expect(maskShards(shardMask(shards))).toEqual(shards);
		}
		expect(shardMask([0, 4])).toBe('11');
		expect(shardMask([1, 2, 3, 5])).toBe('2e');
	});

	test('reject what is not a mask or a shard number', () => {
		expect(() => maskShards('1g')).toThrow(/bad shard mask/);
		expect(() => shardMask([-1])).toThrow(/bad shard number/);
	});
});

describe('the table, merged from the shards’ lists', () => {
	const lists = [listOf(0, '旬阳拐枣', '朱海义'), listOf(1, '经济发展'), listOf(2, '朱海义经济')];

	test('says which shards hold each word, in bucket files chosen by the word’s hash', () => {
		const { words, buckets } = wordMapBuckets(lists, { perBucket: 3 });
		const all = table(buckets);
		expect(words).toBe(all.size);
		expect(buckets.length).toBe(Math.ceil(words / 3));
		expect(all.get('朱海')).toEqual([0, 2]);
		expect(all.get('经济')).toEqual([1, 2]);
		expect(all.get('发展')).toEqual([1]);
		expect(all.get('拐枣')).toEqual([0]);
		// Pages of the whole archive: one in shard 0 and one in shard 2.
		expect(pageCounts(buckets).get('朱海')).toBe(2);
		expect(pageCounts(buckets).get('发展')).toBe(1);
		for (const [index, text] of buckets.entries()) {
			for (const word of parseBucket(text).keys())
				expect(bucketOf(word, buckets.length)).toBe(index);
		}
	});

	test('gives, for a word in several shards, the pages of each shard that hold it', () => {
		const lists = [
			listOf(2, '朱海义经济', '朱海义经济发展'),
			listOf(0, '旬阳拐枣', '朱海义'),
			listOf(1, '经济发展'),
		];
		// Words on no more pages than have postings are not counted (a query of them reads
		// pages, not shards): counted here, in an index without postings.
		expect(wordMapBuckets(lists).buckets.join('').split('\n')).toContain('朱海\t5\t3');
		const { buckets } = wordMapBuckets(lists, { postingPages: 0 });
		const all = new Map(buckets.flatMap((text) => [...parseBucket(text)]));
		expect(all.get('朱海')).toEqual({ shards: [0, 2], pages: 3, shardPages: [1, 2] });
		expect(all.get('经济')).toEqual({ shards: [1, 2], pages: 3, shardPages: [1, 2] });
		// A word in one shard: its pages are that shard's, and the line says nothing more.
		expect(all.get('拐枣')).toEqual({ shards: [0], pages: 1, shardPages: [1] });
		const lines = buckets.join('').split('\n');
		expect(lines).toContain('拐枣\t1\t1');
		expect(lines).toContain('朱海\t5\t3\t1,2');
	});

	test('counts the newest shards first, until they make enough pages for any first page', () => {
		// 经济 on 15 pages of shard 0, then 10, 4 and 7 in the closed blocks 3, 2 and 1.
		const lists = [
			{ number: 2, text: '经济\t4\n' },
			{ number: 0, text: '经济\t15\n' },
			{ number: 1, text: '经济\t7\n' },
			{ number: 3, text: '经济\t10\n' },
		];
		const { buckets } = wordMapBuckets(lists, { postingPages: 0 });
		expect(COUNTED_PAGES).toBe(20);
		// Shard 0's 15 pages are not 20: shard 3, the newest closed block, is counted too.
		expect(buckets.join('')).toBe('经济\tf\t36\t15,10\n');
		// The shards past the counts hold as many pages as any search can want.
		expect(parseBucket(buckets.join('')).get('经济')).toEqual({
			shards: [0, 1, 2, 3],
			pages: 36,
			shardPages: [15, Infinity, Infinity, 10],
		});
	});

	test('a table written before the counts is read without them; bad counts are refused', () => {
		const old = parseBucket('朱海\t5\t3\n拐枣\t1\t1\n');
		expect(old.get('朱海')).toEqual({ shards: [0, 2], pages: 3 });
		expect(old.get('拐枣')).toEqual({ shards: [0], pages: 1, shardPages: [1] });
		expect(() => parseBucket('朱海\t5\t3\t1,2,3\n')).toThrow('bad word map line');
		expect(() => parseBucket('朱海\t5\t3\t3,0\n')).toThrow('bad word map line');
		expect(() => parseBucket('朱海\t5\t3\t1,x\n')).toThrow('bad word map line');
	});

	test('is the same whatever order the lists come in, and sorted within each bucket', () => {
		const once = wordMapBuckets(lists, { perBucket: 3 });
		expect(wordMapBuckets([...lists].reverse(), { perBucket: 3 })).toEqual(once);
		for (const text of once.buckets) {
			const words = [...parseBucket(text).keys()];
			expect(words).toEqual([...words].sort());
		}
	});

	test('has one bucket at least, and about the words per bucket asked for', () => {
		expect(wordMapBuckets([]).buckets).toEqual(['']);
		const many = wordMapBuckets([listOf(0, '一二三四五六七八九十百千万亿甲乙丙丁戊己庚辛壬癸')], {
			perBucket: 8,
		});
		expect(many.buckets.length).toBe(Math.ceil(many.words / 8));
		expect(many.words).toBe(table(many.buckets).size);
	});

	test('the bucket of a word is stable: the same in every build and engine', () => {
		expect(bucketOf('朱海', 1)).toBe(0);
		// FNV-1a of the UTF-16 code units 0x6731 0x6D77 (computed apart, in Python).
		expect(bucketOf('朱海', 2 ** 31)).toBe(0x41e98171 % 2 ** 31);
		expect(bucketOf('朱海', 97)).toBe(bucketOf('朱海', 97));
	});
});

describe('the words a query word needs', () => {
	test('a word of whole index words needs all of them', () => {
		expect(requiredWords('朱海义')).toEqual(['朱海', '海义']);
		expect(requiredWords('1998年')).toEqual(['年']);
	});

	test('a prefix at the end of the word (a lone character, letters or digits) is not needed', () => {
		expect(requiredWords('年')).toEqual([]);
		expect(requiredWords('拍卖680')).toEqual(['拍卖', '卖']);
		expect(requiredWords('cctv')).toEqual([]);
	});
});

describe('the shards a query can find pages in', () => {
	const holding = new Map<string, WordHolders>([
		['朱海', { shards: [0, 2, 5], pages: 4 }],
		['海义', { shards: [2, 5, 7], pages: 9 }],
		['经济', { shards: [1, 2, 5], pages: 30 }],
	]);

	test('a shard must hold every index word of every query word', () => {
		const { shards, missingWords, byWord } = possibleShards(['朱海义', '经济'], holding);
		expect([...shards!].sort()).toEqual([2, 5]);
		expect(missingWords).toEqual([]);
		expect([...byWord.get('朱海义')!].sort()).toEqual([2, 5]);
	});

	test('no more pages can hold the query than hold the rarest of its index words', () => {
		expect(possibleShards(['朱海义', '经济'], holding).mostPages).toBe(4);
		expect(possibleShards(['经济'], holding).mostPages).toBe(30);
		expect(possibleShards(['不存在'], holding).mostPages).toBe(0);
	});

	test('no more pages of a shard can hold the query than hold the rarest of its index words there', () => {
		const counted = new Map<string, WordHolders>([
			['朱海', { shards: [0, 2, 5], pages: 4, shardPages: [1, 2, 1] }],
			['海义', { shards: [2, 5, 7], pages: 9, shardPages: [3, 5, 1] }],
			['经济', { shards: [1, 2, 5], pages: 30, shardPages: [10, 10, 10] }],
		]);
		const both = possibleShards(['朱海义', '经济'], counted).pagesByShard;
		expect(both).toEqual(
			new Map([
				[2, 2],
				[5, 1],
			]),
		);
		expect(possibleShards(['经济'], counted).pagesByShard).toEqual(
			new Map([
				[1, 10],
				[2, 10],
				[5, 10],
			]),
		);
		// A word the table cannot bound (a lone character, a prefix) bounds nothing.
		expect(possibleShards(['年', '经济'], counted).pagesByShard).toEqual(
			possibleShards(['经济'], counted).pagesByShard,
		);
		// Words without counts (with postings, or an older table) bound no shard.
		expect(possibleShards(['朱海义', '经济'], holding).pagesByShard).toEqual(
			new Map([
				[2, Infinity],
				[5, Infinity],
			]),
		);
		// A counted word bounds the shards of a query whose other word is not counted.
		const mixed = new Map<string, WordHolders>([
			['经济', { shards: [0, 3], pages: 400, shardPages: [6, 150] }],
			['春耕', { shards: [0, 3], pages: 30 }],
		]);
		expect(possibleShards(['经济', '春耕'], mixed).pagesByShard).toEqual(
			new Map([
				[0, 6],
				[3, 150],
			]),
		);
		// A shard past a word's counts is bounded by the other words only.
		const partly = new Map<string, WordHolders>([
			['经济', { shards: [0, 3], pages: 40, shardPages: [15, Infinity] }],
			['发展', { shards: [0, 3], pages: 30, shardPages: [4, 9] }],
		]);
		expect(possibleShards(['经济', '发展'], partly).pagesByShard).toEqual(
			new Map([
				[0, 4],
				[3, 9],
			]),
		);
	});

	test('a word whose index words are in no one shard is missing', () => {
		const apart = new Map<string, WordHolders>([
			['朱海', { shards: [0], pages: 1 }],
			['海义', { shards: [1], pages: 1 }],
		]);
		const { shards, missingWords } = possibleShards(['朱海义', '经济'], apart);
		expect(missingWords).toEqual(['朱海义', '经济']);
		expect(shards!.size).toBe(0);
	});

	test('a word the table knows nothing of rules no shard out', () => {
		expect(possibleShards(['年'], holding)).toEqual(nothingRuledOut());
		expect([...possibleShards(['年', '经济'], holding).shards!].sort()).toEqual([1, 2, 5]);
	});
});

describe('reading the table', () => {
	test('fetches only the buckets of the query’s words, each once', async () => {
		const { words, buckets } = wordMapBuckets(
			[listOf(0, '旬阳拐枣', '朱海义'), listOf(3, '朱海义经济发展')],
			{ perBucket: 2 },
		);
		const fetched: string[] = [];
		const map = new WordMap(
			{ path: '/pagefind/words/', buckets: buckets.length, words },
			(path) => {
				fetched.push(path);
				const number = Number(/(\d+)\.txt$/.exec(path)![1]);
				return Promise.resolve(buckets[number]!);
			},
		);
		const first = await map.possibleShards(['朱海义', '经济']);
		expect([...first.shards!]).toEqual([3]);
		const wanted = new Set(['朱海', '海义', '经济'].map((word) => bucketOf(word, buckets.length)));
		expect(fetched.sort()).toEqual([...wanted].map((n) => `/pagefind/words/${n}.txt`).sort());
		await map.possibleShards(['朱海义']);
		expect(fetched.length).toBe(wanted.size);
		expect((await map.possibleShards(['不存在'])).missingWords).toEqual(['不存在']);
	});

	test('a bucket that cannot be fetched is asked for again next time', async () => {
		let fail = true;
		const { words, buckets } = wordMapBuckets([listOf(1, '经济')]);
		const map = new WordMap({ path: '/w/', buckets: buckets.length, words }, () =>
			fail ? Promise.reject(new Error('offline')) : Promise.resolve(buckets[0]!),
		);
		await expect(map.possibleShards(['经济'])).rejects.toThrow('offline');
		fail = false;
		expect([...(await map.possibleShards(['经济'])).shards!]).toEqual([1]);
	});
});

/** A shard's word list with the ids of the pages of its rare words, as the shard writer makes it. */
function listWithIds(number: number, ...texts: string[]): ShardWords {
	return { number, text: countsOf(texts).list((page) => `p${number}-${page}`) };
}

/** A word's line of a shard's word list, as its fields: the word, its page count, its ids. */
function lineOf(list: string, word: string): string[] | undefined {
	return list
		.split('\n')
		.map((line) => line.split('\t'))
		.find(([listed]) => listed === word);
}

/** Every postings line of every postings bucket, as `word → shard/page`. */
function postingsTable(buckets: readonly string[]): Map<string, string[]> {
	return new Map(
		buckets.flatMap((text) =>
			[...parsePostings(text)].map(([word, postings]) => [
				word,
				postings.map((posting) => `${posting.shard}/${posting.page}`),
			]),
		),
	);
}

describe('postings: the pages of the words on few pages', () => {
	test('a shard lists the pages of each word, until more than the most hold it', () => {
		const texts = Array.from({ length: POSTING_MAX_PAGES + 1 }, (_, page) =>
			page === 3 ? '经济旬阳' : '经济',
		);
		const list = countsOf(texts).list((page) => `page-${page}`);
		// 经济 is on one page more than the most a list may name: it has none.
		expect(lineOf(list, '经济')).toEqual(['经济', String(POSTING_MAX_PAGES + 1)]);
		expect(lineOf(list, '旬阳')).toEqual(['旬阳', '1', 'page-3']);
		// The list names the pages in the order they were added, each once.
		const again = countsOf(['朱海义朱海义', '石英', '朱海']).list(String);
		expect(lineOf(again, '朱海')).toEqual(['朱海', '2', '0 2']);
	});

	test('the merged postings name every page of a word in every shard, in bucket files of their own', () => {
		const lists = [
			listWithIds(0, '旬阳拐枣', '朱海义'),
			listWithIds(1, '经济发展'),
			listWithIds(2, '朱海义经济'),
		];
		const { postingBuckets } = wordMapBuckets(lists, { perBucket: 3, postingsPerBucket: 2 });
		const postings = postingsTable(postingBuckets);
		expect(postings.get('朱海')).toEqual(['0/p0-1', '2/p2-0']);
		expect(postings.get('经济')).toEqual(['1/p1-0', '2/p2-0']);
		expect(postings.get('拐枣')).toEqual(['0/p0-0']);
		for (const [index, text] of postingBuckets.entries()) {
			for (const word of parsePostings(text).keys()) {
				expect(bucketOf(word, postingBuckets.length)).toBe(index);
			}
		}
		// About the postings per bucket asked for: 2 a bucket.
		const count = [...postings.values()].reduce((sum, pages) => sum + pages.length, 0);
		expect(postingBuckets.length).toBe(Math.ceil(count / 2));
	});

	test('a limit of 0 pages lists no page of any word', () => {
		expect(countsOf(['旬阳'], 0).list(String)).toBe('旬阳\t1\n阳\t1\n');
		const { postingBuckets } = wordMapBuckets([listWithIds(1, '旬阳')], { postingPages: 0 });
		expect(postingsTable(postingBuckets).size).toBe(0);
	});

	test('a word with no list of its pages in some shard has no postings', () => {
		// Shard 1's list gives no ids (written without them): 经济 is named nowhere.
		const { postingBuckets } = wordMapBuckets([listOf(1, '经济'), listWithIds(2, '经济发展')]);
		const postings = postingsTable(postingBuckets);
		expect(postings.has('经济')).toBe(false);
		expect(postings.get('发展')).toEqual(['2/p2-0']);
	});

	test('a list line whose pages do not match its count is refused', () => {
		expect(() => wordMapBuckets([{ number: 2, text: '朱海\t2\tp1\n' }])).toThrow(
			/word list of shard 2: 朱海/,
		);
		// An empty id, a field too many, a count that is not digits.
		for (const line of ['朱海\t2\tp1 \n', '朱海\t2\tp1  p2\n', '朱海\t1\tp1\tx\n', '朱海\t1e0\n'])
			expect(() => wordMapBuckets([{ number: 2, text: line }]), line).toThrow(
				/word list of shard 2: 朱海/,
			);
		expect(() => parsePostings('朱海\t2/\n')).toThrow(/bad postings line/);
	});

	test('fetched only when every query word is on few pages, made of Han index words alone', async () => {
		const lists = [
			listWithIds(0, '旬阳拐枣', '朱海义'),
			listWithIds(2, '朱海义经济'),
			...Array.from({ length: 3 }, (_, shard) => listWithIds(shard + 3, '经济')),
		];
		const { words, buckets, postingBuckets } = wordMapBuckets(lists);
		const fetched: string[] = [];
		const map = new WordMap(
			{
				path: '/pagefind/words/',
				buckets: buckets.length,
				words,
				postings: { path: '/pagefind/postings/', buckets: postingBuckets.length, maxPages: 3 },
			},
			(path) => {
				fetched.push(path);
				const files = path.includes('/postings/') ? postingBuckets : buckets;
				return Promise.resolve(files[Number(/(\d+)\.txt$/.exec(path)![1])]!);
			},
		);
		const rare = await map.possibleShards(['朱海义', '旬阳']);
		// 朱海 and 海义 are on two pages each; the postings are those of the first of them.
		expect(rare.rarest.get('朱海义')).toEqual({ word: '朱海', pages: 2 });
		expect(rare.postings.get('朱海义')).toEqual([
			{ shard: 0, page: 'p0-1' },
			{ shard: 2, page: 'p2-0' },
		]);
		expect(rare.postings.get('旬阳')).toEqual([{ shard: 0, page: 'p0-0' }]);
		// 经济 is on four pages, more than the three the table lists: no postings fetched.
		fetched.length = 0;
		const common = await map.possibleShards(['朱海义', '经济']);
		expect(common.postings.size).toBe(0);
		expect(fetched.filter((path) => path.includes('/postings/'))).toEqual([]);
		// A word ending in a lone character or in digits: the table cannot say all of it.
		expect((await map.possibleShards(['旬阳', '义'])).postings.size).toBe(0);
		expect((await map.possibleShards(['旬阳2021'])).postings.size).toBe(0);
	});

	test('postings that cannot be fetched leave the query to Pagefind’s index', async () => {
		const { words, buckets } = wordMapBuckets([listWithIds(1, '旬阳')]);
		const map = new WordMap(
			{
				path: '/w/',
				buckets: buckets.length,
				words,
				postings: { path: '/p/', buckets: 1, maxPages: POSTING_MAX_PAGES },
			},
			(path) =>
				path.startsWith('/p/')
					? Promise.reject(new Error('offline'))
					: Promise.resolve(buckets[0]!),
		);
		const possible = await map.possibleShards(['旬阳']);
		expect([...possible.shards!]).toEqual([1]);
		expect(possible.postings.size).toBe(0);
	});
});

/** A part of the table as the index writer writes it, served from memory below `root`. */
function servedPart(
	files: Map<string, string>,
	root: string,
	lists: readonly ShardWords[],
	options: Parameters<typeof wordMapBuckets>[1] & { postingPages: number },
): WordMapPart {
	const { words, buckets, postingBuckets } = wordMapBuckets(lists, options);
	for (const [number, text] of buckets.entries()) files.set(`${root}words/${number}.txt`, text);
	for (const [number, text] of postingBuckets.entries())
		files.set(`${root}postings/${number}.txt`, text);
	return {
		path: `${root}words/`,
		buckets: buckets.length,
		words,
		postings: {
			path: `${root}postings/`,
			buckets: postingBuckets.length,
			maxPages: options.postingPages,
		},
	};
}

describe('a table in two parts: the closed shards’ and the newest shard’s', () => {
	// Five shards of 30 pages each. Each page holds the common words of its number's bits (each
	// on about half the pages); a word of the shard's own on a few of its pages; 紫阳 on one
	// page of every shard (postings across shards); 石泉 on five pages of shards 0 and 1 (more
	// than have postings).
	const vocabulary = [
		'经济',
		'发展',
		'旬阳',
		'拐枣',
		'朱海义',
		'石英',
		'拍卖',
		'安康',
		'汉江',
		'农民',
	];
	const ownWords = ['岚皋', '平利', '镇坪', '白河', '宁陕'];
	const pageText = (shard: number, page: number) =>
		[
			...vocabulary.filter((_, bit) => ((page * 7 + shard * 13) % 1024) & (1 << bit)),
			...(page <= shard ? [ownWords[shard]!] : []),
			...(page === 3 ? ['紫阳'] : []),
			...(shard <= 1 && page < 5 ? ['石泉'] : []),
		].join('，');
	const lists = [0, 1, 2, 3, 4].map((shard) =>
		listWithIds(shard, ...Array.from({ length: 30 }, (_, page) => pageText(shard, page))),
	);
	const options = { perBucket: 3, postingsPerBucket: 4, postingPages: 8 };
	const files = new Map<string, string>();
	const load = (path: string) =>
		files.has(path) ? Promise.resolve(files.get(path)!) : Promise.reject(new Error(path));
	const whole = new WordMap(servedPart(files, '/whole/', lists, options), load);
	const parts = new WordMap(
		{
			...servedPart(files, '/closed/', lists.slice(1), options),
			recent: servedPart(files, '/recent/', lists.slice(0, 1), options),
		},
		load,
	);
	const words = [
		...new Set(lists.flatMap((list) => list.text.split('\n').map((line) => line.split('\t')[0]!))),
	].filter(Boolean);

	test('the words vary: some on few pages of one shard, some in several shards and on many pages', async () => {
		const holders = await whole.holders(words);
		const pages = [...holders.values()].map((holder) => holder.pages);
		expect(Math.min(...pages)).toBeLessThanOrEqual(options.postingPages);
		expect(Math.max(...pages)).toBeGreaterThan(COUNTED_PAGES);
		expect([...holders.values()].some((holder) => holder.shards.length === 1)).toBe(true);
	});

	test('say of every word what the one table says: its shards, its pages and its counts', async () => {
		const fromWhole = await whole.holders(words);
		const fromParts = await parts.holders(words);
		for (const word of words) {
			const one = fromWhole.get(word)!;
			const two = fromParts.get(word)!;
			expect(two.shards, word).toEqual(one.shards);
			expect(two.pages, word).toBe(one.pages);
			// Each shard's count, where the one table gives it; the parts may know more.
			for (const [index, count] of (one.shardPages ?? []).entries()) {
				if (count !== Infinity) expect(two.shardPages?.[index], word).toBe(count);
			}
		}
	});

	test('rule out the same shards and give the same postings for every query', async () => {
		for (const query of [
			...words.map((word) => [word]),
			['经济', '旬阳'],
			['紫阳', '岚皋'],
			['石泉', '经济'],
			['朱海义', '石英', '农民'],
			['拐枣', '拍卖'],
		]) {
			const one = await whole.possibleShards(query);
			const two = await parts.possibleShards(query);
			expect([...(two.shards ?? [])].sort(), query.join(' ')).toEqual(
				[...(one.shards ?? [])].sort(),
			);
			expect(two.missingWords).toEqual(one.missingWords);
			expect(two.mostPages).toBe(one.mostPages);
			expect(two.postings).toEqual(one.postings);
			for (const [shard, most] of one.pagesByShard ?? []) {
				expect(two.pagesByShard?.get(shard)).toBeLessThanOrEqual(most);
			}
		}
		expect(
			[...(await whole.possibleShards(['紫阳'])).postings.values()].flat().length,
		).toBeGreaterThan(0);
	});

	test('a shard in both parts is refused', () => {
		const holder: WordHolders = { shards: [0, 2], pages: 3, shardPages: [1, 2] };
		expect(() => combineHolders(holder, { shards: [2], pages: 1, shardPages: [1] })).toThrow(
			'shard 2 is in two parts',
		);
		expect(combineHolders(holder, { shards: [], pages: 0, shardPages: [] })).toBe(holder);
	});
});
