import { describe, expect, test } from 'vitest';
import { planShards, summarizeShard } from '../../src/search/shards.ts';

/** `n` pages dated `date`, named after it. */
function day(date: string, n: number): { date: string; url: string }[] {
	return Array.from({ length: n }, (_, index) => ({ date, url: `/${date}/${index}/` }));
}

const numbersAndSizes = (shards: ReturnType<typeof planShards>) =>
	shards.map((shard) => [shard.number, shard.pages.length]);

describe('planShards', () => {
	const archive = [
		...day('1998-01-01', 3),
		...day('1998-01-02', 3),
		...day('1998-01-03', 3),
		...day('1998-01-04', 3),
		...day('1998-01-05', 2),
		{ date: '', url: '/people/a/' },
	];

	test('cuts whole days from the oldest; the open block and undated pages are shard 0', () => {
		const shards = planShards(archive, 6);
		expect(numbersAndSizes(shards)).toEqual([
			[0, 3],
			[2, 6],
			[1, 6],
		]);
		expect(shards[0]!.pages.map((page) => page.url)).toEqual([
			'/1998-01-05/0/',
			'/1998-01-05/1/',
			'/people/a/',
		]);
		expect(summarizeShard(shards[1]!)).toEqual({
			number: 2,
			path: '/pagefind/shard-2/',
			pages: 6,
			from: '1998-01-03',
			to: '1998-01-04',
		});
		expect(summarizeShard(shards[0]!)).toMatchObject({ path: '/pagefind/', from: '1998-01-05' });
	});

	test('publishing more days never moves an older cut', () => {
		const before = planShards(archive, 6);
		for (const extra of [
			day('1998-01-06', 4),
			[...day('1998-01-06', 4), ...day('1998-01-07', 9)],
		]) {
			const after = planShards([...archive, ...extra], 6);
			for (const shard of before.filter((candidate) => candidate.number > 0)) {
				expect(after.find((candidate) => candidate.number === shard.number)).toEqual(shard);
			}
		}
	});

	test('a day larger than a shard stays whole', () => {
		expect(
			numbersAndSizes(planShards([...day('1998-01-01', 2), ...day('1998-01-02', 9)], 4)),
		).toEqual([
			[0, 9],
			[1, 2],
		]);
	});

	test('an archive of undated pages only is one shard', () => {
		expect(numbersAndSizes(planShards([{ date: '' }, { date: '' }], 1))).toEqual([[0, 2]]);
	});

	test('refuses a size that is not a whole number from 1', () => {
		expect(() => planShards(archive, 0)).toThrow(/bad shard size/);
	});
});
