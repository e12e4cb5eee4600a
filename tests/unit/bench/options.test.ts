import { describe, expect, it } from 'vitest';
import {
	CORPUS_RECORDS,
	corpusPlan,
	parseBenchArgs,
	QUERIES,
	UsageError,
} from '../../../bench/lib/options.ts';

const GIB = 1024 ** 3;

describe('corpusPlan', () => {
	it('takes the corpus itself up to its size', () => {
		expect(corpusPlan(60)).toEqual({ limit: 60, replicate: 1, articles: 60 });
		expect(corpusPlan(CORPUS_RECORDS)).toEqual({ limit: 3139, replicate: 1, articles: 3139 });
	});

	it('replicates exactly where the issue asks: 12,556 = 3,139 × 4, 100,000 = 3,125 × 32', () => {
		expect(corpusPlan(12_556)).toEqual({ limit: 3139, replicate: 4, articles: 12_556 });
		expect(corpusPlan(100_000)).toEqual({ limit: 3125, replicate: 32, articles: 100_000 });
		expect(corpusPlan(15_000)).toEqual({ limit: 3000, replicate: 5, articles: 15_000 });
	});

	it('comes as close below N as it can when no number of copies divides it', () => {
		// 6,287 is prime: 3 copies of 2,095.
		const plan = corpusPlan(6287);
		expect(plan).toEqual({ limit: 2095, replicate: 3, articles: 6285 });
		expect(plan.limit).toBeLessThanOrEqual(CORPUS_RECORDS);
	});

	it('forces a number of copies for a small replicated archive', () => {
		expect(corpusPlan(60, CORPUS_RECORDS, 2)).toEqual({ limit: 30, replicate: 2, articles: 60 });
	});

	it('refuses what is not a whole number of articles', () => {
		expect(() => corpusPlan(0)).toThrow();
		expect(() => corpusPlan(1.5)).toThrow();
	});
});

describe('parseBenchArgs', () => {
	it('has defaults that measure everything against the baseline', () => {
		const options = parseBenchArgs([], 16 * GIB);
		expect(options).toMatchObject({
			articles: CORPUS_RECORDS,
			baseline: true,
			search: true,
			incremental: false,
			// A copied corpus is not an archive of reprints: copies are marked unless asked.
			markReplicas: true,
			queries: [...QUERIES],
			// Free memory minus 2 GiB: the machine is shared.
			memoryLimitBytes: 14 * GIB,
		});
	});

	it('reads every option', () => {
		const options = parseBenchArgs(
			[
				'--articles',
				'100000',
				'--skip-baseline',
				'--skip-search',
				'--incremental',
				'--queries',
				'3',
				'--memory-limit',
				'16',
				'--timeout-min',
				'90',
				'--out',
				'x.json',
				'--replicate',
				'4',
				'--identical-replicas',
			],
			64 * GIB,
		);
		expect(options).toMatchObject({
			articles: 100_000,
			copies: 4,
			markReplicas: false,
			baseline: false,
			search: false,
			incremental: true,
			queries: QUERIES.slice(0, 3),
			memoryLimitBytes: 16 * GIB,
			timeoutMs: 90 * 60_000,
			out: 'x.json',
		});
		expect(parseBenchArgs(['--help'], GIB)).toBe('help');
	});

	it('leaves copies identical only when asked (--identical-replicas)', () => {
		expect(parseBenchArgs(['--mark-replicas'], GIB)).toMatchObject({ markReplicas: true });
		expect(parseBenchArgs(['--identical-replicas'], GIB)).toMatchObject({ markReplicas: false });
	});

	it('builds ours with page images only when asked (--page-images)', () => {
		expect(parseBenchArgs([], 16 * GIB)).toMatchObject({ pageImages: false });
		expect(parseBenchArgs(['--page-images'], 16 * GIB)).toMatchObject({ pageImages: true });
	});

	it('waits for a settled file system only when asked (--settle)', () => {
		expect(parseBenchArgs([], 16 * GIB)).toMatchObject({ settle: false });
		expect(parseBenchArgs(['--settle'], 16 * GIB)).toMatchObject({ settle: true });
	});

	it.each([
		[['--articles', 'many']],
		[['--articles', '0']],
		[['--queries', '-1']],
		[['--unknown']],
		[['--mark-replicas', '--identical-replicas']],
	])('refuses %j with a usage error', (argv) => {
		expect(() => parseBenchArgs(argv, GIB)).toThrow(UsageError);
	});
});
