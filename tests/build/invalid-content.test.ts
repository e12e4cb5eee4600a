import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	checkContent,
	formatProblem,
	type ContentProblem,
} from '../../src/content-checks/index.ts';
import { buildSite, buildSiteExpectingFailure, scratchDir } from '../../support/build-site.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';
import { listHtmlFiles } from '../helpers/dist.ts';

/**
 * Broken content is refused with a message an editor can act on: the file, the field
 * and the reason in Chinese. Each case breaks a copy of `content/` one way. The content
 * checks are called directly for every case (cheap), and real builds prove that
 * `astro build` refuses the two mistakes Astro alone would let through: a reference to
 * a person who does not exist (only logged) and two files with one id (one silently
 * dropped).
 */

const HAN = /[\u4e00-\u9fff]/u;
// Colour codes in the build's terminal output.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

const ZHU = 'articles/2021-11-11/02-zhu-haiyi.md';
const ZHU_UPPER = 'articles/2021-11-11/02-ZHU-HAIYI.md';
const TASHILIUYIN = 'articles/2021-11-11/02-tashiliuyin.md';
const NOTICE = 'notices/2021-11-11/02-shiyingshi-paimai.md';
const ADVERT = 'adverts/2021-11-11/02-chuangwen.md';
const YIZHEN_TXT = 'articles/2021-11-12/02-yizhen.txt';
/** A new article of 2021-11-12, page 2, as an editor writes it. */
const YIZHEN = `---
title: 旬阳开展冬季义诊活动
date: 2021-11-12
page: 2
---

近日，旬阳市开展冬季义诊活动。
`;

interface BrokenCase {
	name: string;
	/** Breaks the copy of the content folder in `dir`. */
	breakIt(dir: string): Promise<void>;
	/** The file, below the content folder, the problem must name. */
	file: string;
	/** The field the problem must name (dotted; empty for the whole file). */
	field: string;
	/** Text the message must contain besides Chinese. */
	mentions?: string[];
}

async function edit(dir: string, file: string, change: (source: string) => string): Promise<void> {
	const path = join(dir, file);
	const before = await readFile(path, 'utf8');
	const after = change(before);
	if (after === before)
		throw new Error(`the edit of ${file} changed nothing: the seed content changed?`);
	await writeFile(path, after);
}

const CASES: BrokenCase[] = [
	{
		name: 'an article without a title that does not continue another part',
		breakIt: (dir) =>
			edit(dir, TASHILIUYIN, (source) =>
				source.replace(/^title: .*\n/m, '').replace(/^continuedFrom:\n(?: {2}.*\n)+/m, ''),
			),
		file: TASHILIUYIN,
		field: 'title',
	},
	{
		name: 'page number 0',
		breakIt: (dir) => edit(dir, NOTICE, (source) => source.replace(/^page: 2$/m, 'page: 0')),
		file: NOTICE,
		field: 'page',
	},
	{
		name: 'an unknown field (a typo)',
		breakIt: (dir) => edit(dir, ADVERT, (source) => source.replace(/^sponsor:/m, 'sponser:')),
		file: ADVERT,
		field: 'sponser',
		mentions: ['sponser'],
	},
	{
		name: 'a date written with a time, unquoted (2021-11-11 09:00)',
		breakIt: (dir) =>
			edit(dir, ZHU, (source) => source.replace(/^date: 2021-11-11$/m, 'date: 2021-11-11 09:00')),
		file: ZHU,
		field: 'date',
	},
	{
		name: 'a date written with a time and seconds, unquoted (YAML reads it as UTC)',
		breakIt: (dir) =>
			edit(dir, NOTICE, (source) =>
				source.replace(/^date: 2021-11-11$/m, 'date: 2021-11-11 09:00:00'),
			),
		file: NOTICE,
		field: 'date',
	},
	{
		name: 'a reference to a person who has no profile',
		breakIt: (dir) => edit(dir, ZHU, (source) => source.replace('qin-hua,', 'no-such-person,')),
		file: ZHU,
		field: 'people.1',
		mentions: ['no-such-person'],
	},
	{
		name: 'two files that get the same id',
		breakIt: (dir) => cp(join(dir, ZHU), join(dir, ZHU_UPPER)),
		// Files are read in code-point order, so the upper-case name is met first and
		// the lower-case one is reported as the duplicate, naming the other.
		file: ZHU,
		field: '',
		mentions: [ZHU_UPPER, '/articles/2021-11-11/02-zhu-haiyi/'],
	},
	// Issue 15: nothing an editor writes is silently changed, dropped or misplaced.
	{
		name: 'an impossible date, unquoted (signedDate: 2021-11-00), which YAML used to roll over',
		breakIt: (dir) =>
			edit(dir, NOTICE, (source) => source.replace(/^signedDate: .*$/m, 'signedDate: 2021-11-00')),
		file: NOTICE,
		field: 'signedDate',
		mentions: ['“2021-11-00” 不是日历上有的日子'],
	},
	{
		name: 'an impossible viewing day, unquoted (viewing.until: 2021-11-31)',
		breakIt: (dir) =>
			edit(dir, NOTICE, (source) => source.replace(/^ {2}until: .*$/m, '  until: 2021-11-31')),
		file: NOTICE,
		field: 'viewing.until',
		mentions: ['2021年11月只有 1 到 30 日'],
	},
	{
		name: 'an article saved as .txt',
		breakIt: async (dir) => {
			await mkdir(join(dir, 'articles/2021-11-12'), { recursive: true });
			await writeFile(join(dir, YIZHEN_TXT), YIZHEN);
		},
		file: YIZHEN_TXT,
		field: '',
		mentions: ['articles/2021-11-12/02-yizhen.md'],
	},
	{
		name: 'an article in a misspelt folder (artciles/)',
		breakIt: async (dir) => {
			await mkdir(join(dir, 'artciles/2021-11-12'), { recursive: true });
			await writeFile(join(dir, 'artciles/2021-11-12/02-yizhen.md'), YIZHEN);
		},
		file: 'artciles/2021-11-12/02-yizhen.md',
		field: '',
		mentions: ['articles/2021-11-12/02-yizhen.md'],
	},
	{
		name: 'an article at the top of the content folder',
		breakIt: (dir) => writeFile(join(dir, '02-yizhen.md'), YIZHEN),
		file: '02-yizhen.md',
		field: '',
		mentions: ['articles/日期/'],
	},
	{
		name: 'an article whose date is not its date folder',
		breakIt: (dir) => writeFile(join(dir, 'articles/2021-11-11/02-yizhen.md'), YIZHEN),
		file: 'articles/2021-11-11/02-yizhen.md',
		field: 'date',
		mentions: ['articles/2021-11-12/02-yizhen.md'],
	},
	{
		name: 'two items with one order on one page',
		// Files are compared in code-point order: the later one is reported, naming the first.
		breakIt: (dir) => edit(dir, ADVERT, (source) => source.replace(/^order: 6$/m, 'order: 5')),
		file: 'adverts/2021-11-11/02-xingfu-ankang-jiu.md',
		field: 'order',
		mentions: [ADVERT],
	},
	{
		name: 'a 上接 marker left in the body beside continuedFrom',
		breakIt: (dir) =>
			edit(dir, ZHU, (source) => source.replace(/\n---\n\n/, '\n---\n\n（上接一版）')),
		file: ZHU,
		field: 'body',
		mentions: ['（上接一版）'],
	},
];

let runDir: string;

beforeAll(async () => {
	runDir = await scratchDir('invalid-content');
});

afterAll(async () => {
	if (runDir) await rm(runDir, { recursive: true, force: true });
});

/** A copy of `content/` under this run's scratch folder. */
async function contentCopy(name: string): Promise<string> {
	const dir = join(runDir, name.replace(/[^a-z0-9]+/gi, '-'));
	await cp(DEFAULT_CONTENT_DIR, dir, { recursive: true });
	return dir;
}

/** How a content file is named in messages: relative to the project, `/`-separated. */
function shownPath(dir: string, file: string): string {
	return relative(PROJECT_ROOT, join(dir, file)).split(sep).join('/');
}

function problemsAbout(problems: ContentProblem[], path: string): ContentProblem[] {
	return problems.filter((problem) => problem.file.split(sep).join('/') === path);
}

describe('the content checks', () => {
	test('find nothing wrong with the seed content', async () => {
		expect(await checkContent(DEFAULT_CONTENT_DIR, PROJECT_ROOT)).toEqual([]);
		const copy = await contentCopy('unbroken');
		expect(await checkContent(copy, PROJECT_ROOT)).toEqual([]);
	});

	test.each(CASES)(
		'refuse $name, naming the file, the field and the reason',
		async (brokenCase) => {
			const dir = await contentCopy(brokenCase.name);
			await brokenCase.breakIt(dir);
			const problems = await checkContent(dir, PROJECT_ROOT);
			expect(problems.length).toBeGreaterThan(0);
			const path = shownPath(dir, brokenCase.file);
			const about = problemsAbout(problems, path);
			expect(about, `problems: ${problems.map(formatProblem).join('\n')}`).not.toEqual([]);
			const match = about.find((problem) => problem.field === brokenCase.field);
			expect(
				match,
				`no problem with field “${brokenCase.field}” in: ${about.map(formatProblem).join('\n')}`,
			).toBeDefined();
			expect(match!.message).toMatch(HAN);
			for (const mention of brokenCase.mentions ?? []) {
				const text = formatProblem(match!);
				expect(
					text.includes(mention) || text.includes(shownPath(dir, mention)),
					`“${text}” mentions ${mention}`,
				).toBe(true);
			}
			// The formatted line an editor reads starts with the file.
			expect(formatProblem(match!).startsWith(path)).toBe(true);
		},
	);

	test('report every problem of a folder at once', async () => {
		const dir = await contentCopy('all-at-once');
		// Every edit touches its own line, so all of them apply to one folder. References
		// are checked only between entries that pass their schema, so the missing person is
		// left out: its article also gets a bad date here.
		const all = CASES.filter((brokenCase) => brokenCase.field !== 'people.1');
		for (const brokenCase of all) await brokenCase.breakIt(dir);
		const problems = await checkContent(dir, PROJECT_ROOT);
		for (const brokenCase of all) {
			const about = problemsAbout(problems, shownPath(dir, brokenCase.file));
			expect(
				about.map((problem) => problem.field),
				brokenCase.name,
			).toContain(brokenCase.field);
		}
	});
});

describe('Astro’s own collection loading, without the content checks', () => {
	// `astro sync` loads the collections without the guard (it runs for builds only), so
	// this is what Astro itself makes of a date: read as written, an impossible one is
	// refused by the schema instead of rolled over by js-yaml to 2021-10-31.
	test('refuses an impossible date instead of rolling it over', { timeout: 120_000 }, async () => {
		const brokenCase = CASES.find((candidate) => candidate.field === 'signedDate')!;
		const dir = await contentCopy('sync impossible date');
		await brokenCase.breakIt(dir);
		const result = spawnSync(
			join(PROJECT_ROOT, 'node_modules/.bin/node'),
			[join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'sync'],
			{
				cwd: PROJECT_ROOT,
				env: { ...process.env, ARCHIVE_CONTENT: dir, ASTRO_TELEMETRY_DISABLED: '1' },
				encoding: 'utf8',
			},
		);
		const output = `${result.stdout}${result.stderr}`.replace(ANSI, '');
		expect(output).toContain('signedDate: “2021-11-00” 不是日历上有的日子');
		expect(output).not.toContain('2021-10-31');
	});

	// Astro keeps an unchanged entry from its store, and the loader then leaves its fields
	// unread (src/data/as-written-loader.ts): an entry edited since must still be read as
	// written. Two syncs with one cache: the content as it is, then with the date broken.
	test(
		'refuses an impossible date written after a first sync with the same cache',
		{ timeout: 180_000 },
		async () => {
			const brokenCase = CASES.find((candidate) => candidate.field === 'signedDate')!;
			const dir = await contentCopy('sync impossible date after a sync');
			const config = join(dir, '..', 'sync-after-sync.config.mjs');
			const projectConfig = pathToFileURL(join(PROJECT_ROOT, 'astro.config.mjs')).href;
			await writeFile(
				config,
				`import config from ${JSON.stringify(projectConfig)};\n` +
					`export default { ...config, cacheDir: ${JSON.stringify(join(dir, '..', 'sync-after-sync-cache'))} };\n`,
			);
			const sync = () => {
				const result = spawnSync(
					join(PROJECT_ROOT, 'node_modules/.bin/node'),
					[
						join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'),
						'sync',
						'--config',
						relative(PROJECT_ROOT, config),
					],
					{
						cwd: PROJECT_ROOT,
						env: { ...process.env, ARCHIVE_CONTENT: dir, ASTRO_TELEMETRY_DISABLED: '1' },
						encoding: 'utf8',
					},
				);
				return {
					status: result.status,
					output: `${result.stdout}${result.stderr}`.replace(ANSI, ''),
				};
			};
			const first = sync();
			expect(first.output).not.toContain('不是日历上有的日子');
			expect(first.status).toBe(0);
			await brokenCase.breakIt(dir);
			const second = sync();
			expect(second.output).toContain('signedDate: “2021-11-00” 不是日历上有的日子');
			expect(second.output).not.toContain('2021-10-31');
			expect(second.status).not.toBe(0);
		},
	);
});

describe('astro build', () => {
	/** The lines of the build output that name a file. */
	const linesNaming = (output: string, path: string) =>
		output
			.replace(ANSI, '')
			.split('\n')
			.filter((line) => line.includes(path));

	test('refuses an article that names a person with no profile, and writes no page', async () => {
		const brokenCase = CASES.find((candidate) => candidate.field === 'people.1')!;
		const dir = await contentCopy(`build ${brokenCase.name}`);
		await brokenCase.breakIt(dir);
		const outDir = join(runDir, 'build-missing-person-out');
		const result = await buildSiteExpectingFailure({ contentDir: dir, outDir });
		expect(result.exitCode).not.toBe(0);
		const lines = linesNaming(result.output, shownPath(dir, ZHU));
		expect(lines, result.output).not.toEqual([]);
		expect(
			lines.some(
				(line) => line.includes('people.1') && line.includes('no-such-person') && HAN.test(line),
			),
			lines.join('\n'),
		).toBe(true);
		expect(existsSync(outDir) ? listHtmlFiles(outDir) : []).toEqual([]);
	});

	// The checks run beside Astro's start (src/integrations/content-guard.ts); content is
	// loaded, and the output folder touched, only after their verdict. A dangling reference
	// passes Astro's own loading, so only those waits stop this rebuild.
	test(
		'refuses a rebuild before touching the last site or the content store',
		{ timeout: 240_000 },
		async () => {
			const brokenCase = CASES.find((candidate) => candidate.field === 'people.1')!;
			const dir = await contentCopy('rebuild refused');
			const outDir = join(runDir, 'rebuild-refused-out');
			const cacheDir = join(runDir, 'rebuild-refused-cache');
			await buildSite({ contentDir: dir, outDir, cacheDir });
			const pages = listHtmlFiles(outDir);
			const page = join(outDir, 'articles/2021-11-11/02-zhu-haiyi/index.html');
			const before = await readFile(page, 'utf8');
			const store = join(cacheDir, 'data-store.json');
			const storeBefore = await readFile(store);
			await brokenCase.breakIt(dir);
			const result = await buildSiteExpectingFailure({
				contentDir: dir,
				outDir,
				cacheDir,
				keepOutDir: true,
			});
			expect(
				linesNaming(result.output, shownPath(dir, ZHU)).some((line) =>
					line.includes('no-such-person'),
				),
				result.output,
			).toBe(true);
			expect(listHtmlFiles(outDir)).toEqual(pages);
			expect(await readFile(page, 'utf8')).toBe(before);
			// Nothing was loaded into Astro's store either: the next build need not sync again.
			expect((await readFile(store)).equals(storeBefore)).toBe(true);
		},
	);

	test('refuses two files that would share one address, naming both', async () => {
		const brokenCase = CASES.find(
			(candidate) => candidate.name === 'two files that get the same id',
		)!;
		const dir = await contentCopy(`build ${brokenCase.name}`);
		await brokenCase.breakIt(dir);
		const outDir = join(runDir, 'build-duplicate-id-out');
		const result = await buildSiteExpectingFailure({ contentDir: dir, outDir });
		expect(result.exitCode).not.toBe(0);
		const lines = linesNaming(result.output, shownPath(dir, ZHU));
		expect(
			lines.some(
				(line) =>
					line.includes(shownPath(dir, ZHU_UPPER)) &&
					line.includes('/articles/2021-11-11/02-zhu-haiyi/') &&
					HAN.test(line),
			),
			result.output,
		).toBe(true);
		expect(existsSync(outDir) ? listHtmlFiles(outDir) : []).toEqual([]);
	});

	test('refuses a folder with several mistakes, listing each file', async () => {
		const dir = await contentCopy('build all at once');
		const oneEach = [CASES[0]!, CASES[2]!, CASES[3]!, CASES[6]!];
		for (const brokenCase of oneEach) await brokenCase.breakIt(dir);
		const result = await buildSiteExpectingFailure({
			contentDir: dir,
			outDir: join(runDir, 'build-all-at-once-out'),
		});
		expect(result.exitCode).not.toBe(0);
		for (const brokenCase of oneEach) {
			const lines = linesNaming(result.output, shownPath(dir, brokenCase.file));
			const field = brokenCase.field ? `[${brokenCase.field}]` : '';
			expect(
				lines.some((line) => line.includes(field) && HAN.test(line)),
				`${brokenCase.name}:\n${result.output}`,
			).toBe(true);
		}
	});
});
