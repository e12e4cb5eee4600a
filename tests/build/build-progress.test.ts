import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, scratchDir, type BuildResult } from '../../support/build-site.ts';
import { listHtmlFiles } from '../helpers/dist.ts';

/**
 * The progress reporter on real builds of `content/`: forced into the log mode a CI job
 * gets (a line at every change here, instead of every 10 s) and into the terminal mode.
 */

const PAGE_LINE =
	/页面 pages rendered ([\d,]+)\/([\d,]+) \((\d+)%\) · 用时 elapsed \d+:\d\d · 本阶段约剩 stage left (…|~\d+:\d\d)/;
const SUMMARY =
	/页面完成 pages done: (\d+) rendered(?:, (\d+) copied from the incremental cache)?, of (\d+)/;
const number = (text: string) => Number(text.replaceAll(',', ''));

let runDir: string;
let logBuild: BuildResult;
let ttyBuild: BuildResult;

beforeAll(async () => {
	runDir = await scratchDir('build-progress');
	// One at a time: the machine has two cores.
	logBuild = await buildSite({
		outDir: join(runDir, 'log'),
		env: { ARCHIVE_PROGRESS: 'log', ARCHIVE_PROGRESS_INTERVAL_MS: '0', CI: undefined },
	});
	ttyBuild = await buildSite({
		outDir: join(runDir, 'tty'),
		env: { ARCHIVE_PROGRESS: 'tty', CI: undefined },
	});
});

afterAll(async () => {
	await rm(runDir, { recursive: true, force: true });
});

describe('a build in a log (CI)', () => {
	test('counts every page from 0 to the total, in order, each line with elapsed time', () => {
		const lines = logBuild.stdout.split('\n').filter((line) => PAGE_LINE.test(line));
		const counts = lines.map((line) => PAGE_LINE.exec(line)!.slice(1, 3).map(number));
		const total = counts[0]![1]!;
		expect(counts[0]![0]).toBe(0);
		expect(counts.at(-1)).toEqual([total, total]);
		for (const [index, [done, of]] of counts.entries()) {
			expect(of).toBe(total);
			if (index > 0) expect(done).toBeGreaterThanOrEqual(counts[index - 1]![0]!);
		}
		// Every page Astro wrote is counted: each HTML file comes from one rendered path.
		expect(total).toBeGreaterThanOrEqual(listHtmlFiles(logBuild.outDir).length);
		expect(lines.at(-1)).toMatch(/stage left ~0:00$/);
	});

	test('says how many pages were rendered, and holds back Astro’s line per page', () => {
		const summary = SUMMARY.exec(logBuild.stdout);
		expect(summary).not.toBeNull();
		const [, rendered, copied, total] = summary!;
		// A fresh cache: nothing is copied.
		expect(copied).toBeUndefined();
		expect(number(rendered!)).toBe(number(total!));
		expect(logBuild.stdout).not.toMatch(/├─/);
		expect(logBuild.stdout).toMatch(/generating static routes/);
		// The stage after the pages is named while it runs, with the shards the index reports.
		expect(logBuild.stdout).toMatch(
			/\[archive:build-progress\] 索引分片 shards indexed (\d+)\/\1 \(100%\) · 用时 elapsed/,
		);
	});
});

describe('a build on a terminal', () => {
	test('redraws one line in place on stderr and leaves the summary', () => {
		const redraws = ttyBuild.stderr.split('\r\x1b[K').filter((part) => PAGE_LINE.test(part));
		expect(redraws.length).toBeGreaterThan(0);
		expect(ttyBuild.stderr).not.toMatch(/页面 pages rendered[^\r]*\n/);
		expect(ttyBuild.stderr).toMatch(SUMMARY);
		expect(ttyBuild.stdout).not.toMatch(PAGE_LINE);
		expect(ttyBuild.stdout).not.toMatch(/├─/);
	});
});
