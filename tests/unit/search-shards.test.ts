import { describe, expect, test } from 'vitest';
import { planShards, summarizeShard } from '../../src/search/shards.ts';

/** `n` pages dated `date`, named after it. */
function day(date: string, n: number): { date: string; url: string }[] {
	return Array.from({ length: n }, (_, index) => ({ date, url: `/${date}/${index}/` }));
}

/** One size for both tiers: blocks of `size`, the recent days not cut again. */
const one = (size: number) => ({ size, recentSize: size });

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
		const shards = planShards(archive, one(6));
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
		const before = planShards(archive, one(6));
		for (const extra of [
			day('1998-01-06', 4),
			[...day('1998-01-06', 4), ...day('1998-01-07', 9)],
		]) {
			const after = planShards([...archive, ...extra], one(6));
			for (const shard of before.filter((candidate) => candidate.number > 0)) {
				expect(after.find((candidate) => candidate.number === shard.number)).toEqual(shard);
			}
		}
	});

	test('a day larger than a shard stays whole', () => {
		expect(
			numbersAndSizes(planShards([...day('1998-01-01', 2), ...day('1998-01-02', 9)], one(4))),
		).toEqual([
			[0, 9],
			[1, 2],
		]);
	});

	test('an archive of undated pages only is one shard', () => {
		expect(numbersAndSizes(planShards([{ date: '' }, { date: '' }], one(1)))).toEqual([[0, 2]]);
	});

	test('refuses a size that is not a whole number from 1', () => {
		expect(() => planShards(archive, one(0))).toThrow(/bad shard size/);
		expect(() => planShards(archive, { size: 6, recentSize: 1.5 })).toThrow(/bad shard size/);
	});

	test('the recent days are cut into smaller blocks, numbered after the older ones', () => {
		// Days 1–3 fill a block of 9; the recent days 4 and 5 are cut into blocks of 3.
		const shards = planShards(archive, { size: 9, recentSize: 3 });
		expect(numbersAndSizes(shards)).toEqual([
			[0, 3],
			[2, 3],
			[1, 9],
		]);
		expect(shards.map((shard) => shard.pages[0]!.date)).toEqual([
			'1998-01-05',
			'1998-01-04',
			'1998-01-01',
		]);
	});

	test('a new day re-indexes shard 0 and at most one recent block, until the recent days fill a block', () => {
		const sizes = { size: 12, recentSize: 4 };
		const key = (shard: { number: number; pages: unknown[] }) => JSON.stringify(shard);
		let published = [...archive];
		let before = new Set(planShards(published, sizes).map(key));
		const closedPerDay: number[] = [];
		for (let next = 6; next <= 25; next++) {
			const date = `1998-01-${String(next).padStart(2, '0')}`;
			published = [...published, ...day(date, 2)];
			const shards = planShards(published, sizes);
			const redone = shards.filter((shard) => shard.number > 0 && !before.has(key(shard)));
			const filledBlock = redone.some((shard) => shard.pages.length > sizes.recentSize);
			if (!filledBlock) {
				expect(redone.length).toBeLessThanOrEqual(1);
				closedPerDay.push(redone.length);
			}
			// Shard 0: at most a recent block and a day, with the profile.
			expect(shards[0]!.pages.length).toBeLessThanOrEqual(sizes.recentSize + 2 + 1);
			before = new Set(shards.map(key));
		}
		// Recent blocks did close along the way, one at a time.
		expect(closedPerDay.filter((count) => count === 1).length).toBeGreaterThan(3);
	});
});
