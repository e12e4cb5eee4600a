import { spawnSync } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite, scratchDir } from '../../support/build-site.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';
import { readPage } from '../helpers/dist.ts';

/**
 * A newcomer follows content/README.md and nothing else: in a copy of content/, runs the
 * guide's `npm run new` commands for an article, a person, a notice and an advert, fills
 * each file in the way the guide's complete example shows, runs `npm run check`, builds
 * the site, and finds every item on it, linked to each other. The commands and example
 * files are read from the guide itself, so a guide that drifts from the tools fails here.
 */

const GUIDE = await readFile(join(DEFAULT_CONTENT_DIR, 'README.md'), 'utf8');
const NODE = join(PROJECT_ROOT, 'node_modules/.bin/node');

/** `npm run new -- …` lines of the guide, as argument lists (the words after `--`). */
function guideCommands(): string[][] {
	return [...GUIDE.matchAll(/^\s*npm run new -- (article|person|notice|advert) (.+)$/gm)].map(
		(match) => [match[1]!, ...match[2]!.trim().split(/\s+/)],
	);
}

/** The complete example files of the guide, by path below content/. */
function guideExamples(): Map<string, string> {
	const examples = [
		...GUIDE.matchAll(/`content\/([a-z]+\/[^`]+\.md)`[^\n]*\n\n```md\n([\s\S]*?)\n```/g),
	];
	return new Map(examples.map((match) => [match[1]!, `${match[2]!}\n`]));
}

let runDir: string;
let content: string;
let site: string;

function npmRun(script: string, args: string[]) {
	const result = spawnSync(NODE, [join(PROJECT_ROOT, 'scripts', script), ...args], {
		cwd: PROJECT_ROOT,
		env: { ...process.env, ARCHIVE_CONTENT: content },
		encoding: 'utf8',
	});
	return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

function npmRunIn(dir: string, script: string, args: string[]) {
	const result = spawnSync(NODE, [join(PROJECT_ROOT, 'scripts', script), ...args], {
		cwd: PROJECT_ROOT,
		env: { ...process.env, ARCHIVE_CONTENT: dir },
		encoding: 'utf8',
	});
	return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

beforeAll(async () => {
	runDir = await scratchDir('workflow-newcomer');
	content = join(runDir, 'content');
	await cp(DEFAULT_CONTENT_DIR, content, { recursive: true });
});

afterAll(async () => {
	if (runDir) await rm(runDir, { recursive: true, force: true });
});

// It builds a site: minutes on 2 busy cores, whichever Vitest project runs it.
describe('a newcomer following content/README.md', { timeout: 300_000 }, () => {
	test('creates each file with the guide’s command, at the path of the guide’s example', async () => {
		const commands = guideCommands();
		const examples = guideExamples();
		expect(commands.map((command) => command[0])).toEqual([
			'article',
			'person',
			'notice',
			'advert',
		]);
		// Creating the article first also creates the issue the guide's issue example describes.
		for (const command of commands) {
			const { code, out } = npmRun('new.ts', command);
			expect(code, out).toBe(0);
			const created = relative(content, join(PROJECT_ROOT, /created (\S+\.md)/.exec(out)![1]!));
			expect(examples.has(created), `${created} is one of the guide’s example files`).toBe(true);
			// The editor fills the new file in as the example shows.
			await writeFile(join(content, created), examples.get(created)!);
		}
		await writeFile(join(content, 'issues/2021-11-12.md'), examples.get('issues/2021-11-12.md')!);
	});

	test('npm run check finds nothing wrong', () => {
		const { code, out } = npmRun('check.ts', []);
		expect(out).toContain('没有发现问题');
		expect(code).toBe(0);
	});

	test('the built site shows every new item, linked together', async () => {
		site = join(runDir, 'dist');
		await buildSite({
			contentDir: content,
			outDir: site,
			env: { SOURCE_DATE_EPOCH: '1637000000' },
		});
		const article = readPage(site, '/articles/2021-11-12/01-yizhen/');
		expect(article.compactText).toContain('示例：旬阳开展冬季义诊活动');
		expect(article.html).toContain('href="/people/li-ming/"');
		const person = readPage(site, '/people/li-ming/');
		expect(person.compactText).toContain('李明');
		expect(person.html).toContain('/articles/2021-11-12/01-yizhen/');
		const notice = readPage(site, '/notices/2021-11-12/01-chuanbo-paimai/');
		expect(notice.compactText).toContain('示例：罚没船舶拍卖公告');
		// 2021-11-15 (SOURCE_DATE_EPOCH) is before the deadline.
		expect(notice.compactText).toContain('报名中');
		expect(readPage(site, '/adverts/2021-11-12/01-jieyue/').compactText).toContain('光盘行动');
		const issuePage = readPage(site, '/issues/2021-11-12/1/');
		for (const title of [
			'示例：旬阳开展冬季义诊活动',
			'示例：罚没船舶拍卖公告',
			'示例：厉行节约',
		]) {
			expect(issuePage.compactText).toContain(title);
		}
	});
});

/**
 * The day's work of issue 15, replayed: a two-page story, a profile, a tender notice and
 * an import, made with the mistakes a newcomer makes (text pasted from Word, an impossible
 * date, a file saved in the wrong place, the issue file left unclosed …). `npm run check`
 * must name each one; once fixed, the site shows the story under its headline, the tender
 * under its own labels, and every date as written.
 */
describe('a newcomer’s day, mistakes included', { timeout: 300_000 }, () => {
	let day: string;
	const put = async (path: string, text: string) => {
		await mkdir(dirname(join(day, path)), { recursive: true });
		await writeFile(join(day, path), text);
	};
	const check = () => {
		const result = spawnSync(NODE, [join(PROJECT_ROOT, 'scripts/check.ts'), '--json'], {
			cwd: PROJECT_ROOT,
			env: { ...process.env, ARCHIVE_CONTENT: day },
			encoding: 'utf8',
		});
		return {
			code: result.status,
			report: JSON.parse(result.stdout) as {
				files: number;
				entries: number;
				problems: { file: string; code: string; field: string; line?: number }[];
			},
		};
	};
	const ISSUE = `---
date: 2021-11-12
pages:
  - number: 1
  - number: 2
---
`;
	const PART_ONE = `---
title: 以实干担当抓落实
date: 2021-11-12
page: 1
order: 1
places: [旬阳, 小河镇]
tags: [道德模范, 义诊]
continuedOn:
  page: 2
  article: 2021-11-12/02-luoshi
---

\t近日，旬阳市开展冬季义诊活动，小河镇群众纷纷前来咨询。

\t义诊持续了一整天。
`;
	const PART_TWO = `---
date: 2021-11-12
page: 2
order: 1
continuedFrom:
  page: 1
  article: 2021-11-12/01-luoshi
---

\t医生们还走进农户家中，为行动不便的老人测量血压。
`;
	const PERSON = `---
name: 李华
description: 旬阳市小河镇乡村医生，常年为群众义诊。
---

李华的事迹。
`;
	const TENDER = `---
kind: 招标公告
title: 县道养护工程招标公告
date: 2021-11-12
page: 2
order: 2
principal: 旬阳市交通运输局
issuer: 陕西某招标代理有限公司
tenderDocuments:
  from: 2021-11-12
  until: 2021-11-18
  place: 全国公共资源交易平台（陕西省·安康市）网站
bidOpening:
  time: "2021-12-02T09:30+08:00"
  place: 安康市公共资源交易中心开标室
signedDate: 2021-11-10
---

（示例文字）开标时间：2021年12月2日上午9时30分。
`;
	const PAGE_TEXT = `罚没木材拍卖公告

受旬阳市林业局委托，定于下列时间公开拍卖：

一、拍卖标的：罚没木材一批，共计35.6立方米。

二、拍卖时间及地点：2021年11月25日上午10时在本公司拍卖厅举行。

三、竞买人须于2021年11月24日16时前交纳竞买保证金1万元。

某某拍卖有限公司
2021年11月10日
`;

	beforeAll(async () => {
		day = join(runDir, 'day');
		await cp(DEFAULT_CONTENT_DIR, day, { recursive: true });
	});

	test('npm run check names every mistake of the day, the broken issue file first', async () => {
		// The issue file is left without its closing ---.
		await put('issues/2021-11-12.md', ISSUE.replace(/---\n$/, ''));
		// Part one: lists separated as in Chinese text.
		await put(
			'articles/2021-11-12/01-luoshi.md',
			PART_ONE.replace('[旬阳, 小河镇]', '[旬阳、小河镇]').replace(
				'[道德模范, 义诊]',
				'[道德模范，义诊]',
			),
		);
		// Part two: saved in yesterday's folder, with the 上接 marker left in, one order too many.
		await put(
			'articles/2021-11-11/02-luoshi.md',
			PART_TWO.replace('\n\t医生', '\n（上接一版）医生'),
		);
		// The profile: Word's curly quotes; the tender: its opening written as an auction; a
		// copy saved as .txt, one in a misspelt folder, one at the top of content/.
		await put('people/li-hua.md', PERSON.replace('name: 李华', 'name: “李华”'));
		await put(
			'notices/2021-11-12/02-zhaobiao.md',
			TENDER.replace('bidOpening:', 'auction:').replace(
				'  place: 安康市公共资源交易中心开标室',
				'  venue: 安康市公共资源交易中心开标室',
			),
		);
		await put('articles/2021-11-12/03-note.txt', PART_ONE);
		await put('artciles/2021-11-12/01-luoshi.md', PART_ONE);
		await put('luoshi.md', PART_ONE);
		// Two items, one order.
		await put(
			'articles/2021-11-12/02-second.md',
			PART_TWO.replace(/continuedFrom:\n.*\n.*\n/, 'title: 同版另一篇\n'),
		);

		const { code, report } = check();
		expect(code).toBe(1);
		const found = (file: string) =>
			report.problems
				.filter((problem) => problem.file === relative(PROJECT_ROOT, join(day, file)))
				.map((problem) => `${problem.code} ${problem.field}`.trim());
		expect(found('issues/2021-11-12.md')).toEqual(['unclosed-front-matter']);
		expect(report.problems[0]!.file).toBe(
			relative(PROJECT_ROOT, join(day, 'issues/2021-11-12.md')),
		);
		// Part two is not where part one's continuedOn points yet.
		expect(found('articles/2021-11-12/01-luoshi.md')).toEqual([
			'issue-file-broken date',
			'list-separator places',
			'list-separator tags',
			'missing-article continuedOn.article',
		]);
		expect(found('articles/2021-11-12/02-second.md')).toEqual(
			expect.arrayContaining(['duplicate-order order']),
		);
		expect(found('articles/2021-11-11/02-luoshi.md')).toEqual(
			expect.arrayContaining(['date-folder-mismatch date', 'continuation-marker body']),
		);
		expect(found('people/li-hua.md')).toEqual(['curly-quotes name']);
		expect(found('notices/2021-11-12/02-zhaobiao.md')).toEqual(
			expect.arrayContaining(['invalid-value auction']),
		);
		for (const stray of [
			'articles/2021-11-12/03-note.txt',
			'artciles/2021-11-12/01-luoshi.md',
			'luoshi.md',
		])
			expect(found(stray)).toEqual(['misplaced-file']);
		// The 2021-11-12 items only say their issue file is broken, never that it is missing.
		expect(report.problems.map((problem) => problem.code)).not.toContain('missing-issue');
		expect(report.entries).toBeGreaterThan(15);
		// Besides the entries: README.md, published-urls.txt and the three misplaced files.
		expect(report.files).toBe(report.entries + 5);
	});

	test('fixed, the check passes and the import splits the timber’s quantity', async () => {
		await put('issues/2021-11-12.md', ISSUE);
		await put('articles/2021-11-12/01-luoshi.md', PART_ONE);
		await rm(join(day, 'articles/2021-11-11/02-luoshi.md'));
		await put('articles/2021-11-12/02-luoshi.md', PART_TWO);
		await rm(join(day, 'articles/2021-11-12/02-second.md'));
		await put('people/li-hua.md', PERSON);
		await rm(join(day, 'articles/2021-11-12/03-note.txt'));
		await rm(join(day, 'artciles'), { recursive: true });
		await rm(join(day, 'luoshi.md'));
		// The tender's opening is now bidOpening, but the signature date is mistyped: an
		// impossible day, refused rather than rolled over to 2021-10-31.
		await put(
			'notices/2021-11-12/02-zhaobiao.md',
			TENDER.replace('signedDate: 2021-11-10', 'signedDate: 2021-11-00'),
		);
		const mistyped = check();
		expect(mistyped.report.problems.map((problem) => `${problem.code} ${problem.field}`)).toEqual([
			'invalid-value signedDate',
		]);
		await put('notices/2021-11-12/02-zhaobiao.md', TENDER);
		const { code, report } = check();
		expect(report.problems).toEqual([]);
		expect(code).toBe(0);

		const page = join(day, '_drafts-input.txt');
		await writeFile(page, PAGE_TEXT);
		const imported = npmRunIn(day, 'import.ts', [page, '--date', '2021-11-11', '--page', '3']);
		expect(imported.code, imported.out).toBe(0);
		const draft = await readFile(
			join(day, '_drafts/2021-11-11-p3/notices/2021-11-11/03-001.md'),
			'utf8',
		);
		expect(draft).toMatch(/description: "?罚没木材一批"?\n\s+quantity: 35\.6\n\s+unit: "?立方米"?/);
	});

	test('the built site shows the story under its headline and the tender under its own labels', async () => {
		const site = join(runDir, 'day-dist');
		await buildSite({ contentDir: day, outDir: site, env: { SOURCE_DATE_EPOCH: '1637000000' } });
		const pageTwo = readPage(site, '/issues/2021-11-12/2/');
		expect(pageTwo.compactText).toContain('以实干担当抓落实（续）');
		expect(pageTwo.compactText).not.toContain('本档案未收录');
		const story = readPage(site, '/articles/2021-11-12/01-luoshi/');
		expect(story.html).not.toContain('<pre');
		expect(story.compactText).toContain('医生们还走进农户家中');
		const notice = readPage(site, '/notices/2021-11-12/02-zhaobiao/');
		expect(notice.compactText).toContain('开标时间');
		expect(notice.compactText).toContain('开标地点');
		expect(notice.compactText).not.toContain('拍卖时间');
		expect(notice.compactText).toContain('2021年11月10日');
	});
});
