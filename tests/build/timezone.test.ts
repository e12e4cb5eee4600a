import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, scratchDir } from '../../support/build-site.ts';
import { listFiles, listHtmlFiles, readPage } from '../helpers/dist.ts';

/**
 * Dates are China time whatever the build server's zone: the same commit built on a
 * UTC server and on one in Los Angeles (16 hours behind China) gives the same HTML,
 * byte for byte. `SOURCE_DATE_EPOCH` pins the generation time both builds use.
 */

// 2021-11-25 08:30 China time is the 25th in UTC (00:30) but still the 24th in Los
// Angeles (16:30), so any date formatted in the server's zone would differ between the
// builds. It is after the registration deadline (24th 16:00) and before the auction
// (25th 10:00), so the notice must say 已截止.
const SOURCE_DATE_EPOCH = String(Date.parse('2021-11-25T08:30:00+08:00') / 1000);
const ZONES = ['UTC', 'America/Los_Angeles'] as const;

let runDir: string;
const sites: Record<(typeof ZONES)[number], string> = { UTC: '', 'America/Los_Angeles': '' };

beforeAll(async () => {
	runDir = await scratchDir('timezone');
	// One at a time: the machine has two cores.
	for (const zone of ZONES) {
		const outDir = join(runDir, zone.replace('/', '_'));
		await buildSite({ outDir, env: { TZ: zone, SOURCE_DATE_EPOCH } });
		sites[zone] = outDir;
	}
});

afterAll(async () => {
	if (runDir) await rm(runDir, { recursive: true, force: true });
});

describe('builds in UTC and in America/Los_Angeles', () => {
	test('write the same files', () => {
		const [utc, la] = ZONES.map((zone) => listFiles(sites[zone]));
		expect(utc!.length).toBeGreaterThan(30);
		expect(la).toEqual(utc);
	});

	test('write every HTML page byte for byte the same', () => {
		const files = listHtmlFiles(sites.UTC);
		expect(files.length).toBeGreaterThan(20);
		const different = files.filter((file) => {
			const a = readFileSync(join(sites.UTC, file));
			const b = readFileSync(join(sites['America/Los_Angeles'], file));
			return !a.equals(b);
		});
		expect(different).toEqual([]);
	});

	test('write the same search index files (names compared; differing contents reported)', () => {
		const [utc, la] = ZONES.map((zone) => listFiles(join(sites[zone], 'pagefind')));
		expect(utc!.length).toBeGreaterThan(5);
		expect(la).toEqual(utc);
		const differentContents = utc!.filter(
			(file) =>
				!readFileSync(join(sites.UTC, 'pagefind', file)).equals(
					readFileSync(join(sites['America/Los_Angeles'], 'pagefind', file)),
				),
		);
		console.info(
			differentContents.length === 0
				? `[timezone] all ${utc!.length} pagefind files are byte-identical`
				: `[timezone] pagefind files with the same name but different bytes: ${differentContents.join(', ')}`,
		);
	});

	test.each(ZONES)('in %s, date the seed page 2021年11月11日, not the day before', (zone) => {
		const page = readPage(sites[zone], '/articles/2021-11-11/02-tashiliuyin/');
		expect(page.compactText).toContain('2021年11月11日');
		expect(page.compactText).not.toContain('2021年11月10日第2版');
	});

	test.each(ZONES)(
		'in %s, show the notice status at the pinned generation time (closed, not yet auctioned)',
		(zone) => {
			const page = readPage(sites[zone], '/notices/2021-11-11/02-shiyingshi-paimai/');
			expect(page.compactText).toContain('已截止');
			expect(page.compactText).not.toContain('已拍卖');
			expect(page.compactText).not.toContain('报名中');
		},
	);
});
