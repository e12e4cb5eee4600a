import { createMarkdownProcessor, parseFrontmatter } from '@astrojs/markdown-remark';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import {
	importPage,
	PageImportError,
	renderDraft,
	type PageImport,
} from '../../scripts/lib/page-import/index.ts';
import { collectionSchemas } from '../../src/schemas/index.ts';
import { PROJECT_ROOT, TMP_ROOT } from '../../support/paths.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';
import { readSeed, SEED_FILE } from '../helpers/seed.ts';

/**
 * `npm run import -- <page.txt>` on the real seed page, through the real command, and
 * its rules on made-up pages. The drafts are read back the way Astro reads them and
 * rendered by the real Markdown processor before any text is compared.
 */

const NODE = join(PROJECT_ROOT, 'node_modules/.bin/node');
const IMPORT = join(PROJECT_ROOT, 'scripts/import.ts');
const CHECK = join(PROJECT_ROOT, 'scripts/check.ts');

const scratch = mkdtempSync(join(TMP_ROOT, 'page-import-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(script: string, args: string[], env: Record<string, string> = {}) {
	const result = spawnSync(NODE, [script, ...args], {
		cwd: PROJECT_ROOT,
		env: { ...process.env, ...env },
		encoding: 'utf8',
	});
	return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

const markdown = await createMarkdownProcessor({
	gfm: true,
	smartypants: false,
	syntaxHighlight: false,
});

/** What a reader sees of a Markdown body: its text, without tags or whitespace. */
async function visibleText(body: string): Promise<string> {
	const { code } = await markdown.render(body);
	return code
		.replace(/<[^>]+>/g, '')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#x26;|&amp;/g, '&')
		.replace(/\s+/g, '');
}

interface DraftFile {
	path: string;
	data: Record<string, unknown>;
	body: string;
}

function readDrafts(dir: string): DraftFile[] {
	return readdirSync(dir, { recursive: true, encoding: 'utf8' })
		.map((name) => name.split(sep).join('/'))
		.filter((name) => name.endsWith('.md') && name.includes('/'))
		.sort()
		.map((path) => {
			const source = readFileSync(join(dir, path), 'utf8');
			const { rawFrontmatter, content } = parseFrontmatter(source);
			return { path, data: parse(rawFrontmatter) as Record<string, unknown>, body: content };
		});
}

/** Every string in a value, depth first. */
function strings(value: unknown): string[] {
	if (typeof value === 'string') return [value];
	if (Array.isArray(value)) return value.flatMap(strings);
	if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
	return [];
}

const seed = readSeed();
const seedOut = join(scratch, 'seed');
const seedRun = run(IMPORT, [SEED_FILE, '--out', seedOut]);
const drafts = readDrafts(seedOut);
const items = drafts.filter((draft) => !draft.path.startsWith('issues/'));
const result: PageImport = importPage(seed);

// The tests run the real command in a child process: seconds each when the 2 cores are busy.
describe('importing the seed page', { timeout: 60_000 }, () => {
	test('the command succeeds and says what it did and what to check', () => {
		expect(seedRun.code, seedRun.out).toBe(0);
		expect(seedRun.out).toContain('合并的断段 / paragraphs joined (7)');
		expect(seedRun.out).toContain('不确定之处 / what to check');
		expect(seedRun.out).toContain('npm run check');
		expect(readFileSync(join(seedOut, 'import-report.md'), 'utf8')).toContain('导入报告');
	});

	test('finds the date and page the page does not print, and says how', () => {
		expect(result.date).toBe('2021-11-11');
		expect(result.page).toBe(2);
		expect(result.dateReason).toContain('2021年11月10日');
		expect(result.pageReason).toContain('上接一版');
		const issue = drafts.find((draft) => draft.path === 'issues/2021-11-11.md')!;
		expect(issue.data).toEqual({
			date: '2021-11-11',
			dateInferred: true,
			pages: [{ number: 1, missing: true }, { number: 2 }],
		});
		expect(issue.body).toContain('落款次日');
	});

	test('joins exactly the paragraphs that print columns broke mid-sentence', () => {
		const breaks = [
			['媒', '体将'],
			['运行不过3', '个月'],
			['疫苗接种工作', '中排名倒数'],
			['不是在拿', '鞭子抽'],
			['因为我怕别人说,', '道德模范'],
			['救起落', '水女孩'],
			['宣传部', '部长'],
		];
		// Where each break is in the seed: the piece before ends a line, a blank line follows.
		const seedLines = seed.split('\n');
		const expected = breaks.map(([before, after]) => {
			const index = seedLines.findIndex(
				(line, i) => line.endsWith(before!) && seedLines[i + 2]?.startsWith(after!),
			);
			expect(index, `${before}|${after} in the seed`).toBeGreaterThanOrEqual(0);
			return index + 3;
		});
		expect(result.joins.map((join) => join.secondLine)).toEqual(expected);
		const text = (await_: DraftFile[]) => await_.map((draft) => draft.body).join('\n');
		for (const [before, after] of breaks) expect(text(items)).toContain(`${before}${after}`);
	});

	test('leaves headings alone: the headline is the title, the others are subheads', () => {
		const first = items.find((draft) => draft.path === 'articles/2021-11-11/02-001.md')!;
		expect(first.data.title).toBe('以踏石留印的狠劲抓落实');
		expect(first.body).toContain('\n## “真”与“硬”的四字经 狠、准、实、快,开弓没有回头箭\n');
		expect(first.body).toContain('\n## “心”与“新”的交汇点 是交心,更是创新\n');
		const second = items.find((draft) => draft.path === 'articles/2021-11-11/02-002.md')!;
		expect(second.data.title).toBeUndefined();
		expect(second.body).toContain('\n## 群星璀璨辉映大爱旬阳\n');
		for (const heading of ['以踏石留印的狠劲抓落实', '群星璀璨辉映大爱旬阳']) {
			expect(result.joins.some((join) => join.context.includes(heading.slice(-4)))).toBe(false);
		}
	});

	test('records 上接一版 as data, not text', () => {
		for (const path of ['articles/2021-11-11/02-001.md', 'articles/2021-11-11/02-002.md']) {
			const draft = items.find((candidate) => candidate.path === path)!;
			expect(draft.data.continuedFrom).toEqual({ page: 1 });
			expect(draft.body).not.toContain('上接');
		}
	});

	test('fills every field of the auction notice as the hand transcription does', () => {
		const notice = items.find((draft) => draft.path.startsWith('notices/'))!;
		const handMade = parse(
			parseFrontmatter(
				readFileSync(
					join(DEFAULT_CONTENT_DIR, 'notices/2021-11-11/02-shiyingshi-paimai.md'),
					'utf8',
				),
			).rawFrontmatter,
		) as Record<string, unknown>;
		expect(notice.data).toEqual(handMade);
		expect(notice.data.deposits).toEqual([
			{ name: '竞买保证金', amountYuan: 20000 },
			{ name: '履约保证金', amountYuan: 6000 },
		]);
	});

	test('recognises the adverts, their kind, sponsor, slogans and contacts', () => {
		const adverts = items.filter((draft) => draft.path.startsWith('adverts/'));
		expect(adverts.map((draft) => [draft.data.kind, draft.data.sponsor])).toEqual([
			['公益宣传', '安康市财政局'],
			['商业广告', '泸康酒金州广场配送中心'],
			['公益宣传', '安康市创文办 市创建办'],
		]);
		const handMade = parse(
			parseFrontmatter(
				readFileSync(
					join(DEFAULT_CONTENT_DIR, 'adverts/2021-11-11/02-xingfu-ankang-jiu.md'),
					'utf8',
				),
			).rawFrontmatter,
		) as Record<string, unknown>;
		expect(adverts[1]!.data).toEqual(handMade);
	});

	test('puts the items in print order, as the hand transcription does', () => {
		expect(items.map((draft) => [draft.path.split('/')[0], draft.data.order])).toEqual([
			['adverts', 3],
			['adverts', 5],
			['adverts', 6],
			['articles', 1],
			['articles', 2],
			['notices', 4],
		]);
	});

	test('loses no character of the page: every printed line is in some draft', async () => {
		const texts = await Promise.all(
			items.map(
				async (draft) =>
					strings(draft.data).join('').replace(/\s+/g, '') + (await visibleText(draft.body)),
			),
		);
		const lines = seed
			.split('\n')
			// The markers this page prints, turned into continuedFrom.
			.map((line) => line.replace(/^\(上接一版\)/, '').replace(/\s+/g, ''))
			.filter((line) => line !== '');
		const lost = lines.filter((line) => !texts.some((text) => text.includes(line)));
		expect(lost).toEqual([]);
		// And nothing is there twice: the bodies hold each printed character once.
		const printed = seed.replace(/\(上接一版\)/g, '').replace(/\s+/g, '').length;
		const headlines = items
			.filter((draft) => !draft.path.startsWith('adverts/'))
			.map((draft) => (typeof draft.data.title === 'string' ? draft.data.title : ''))
			.join('').length;
		const bodies = (await Promise.all(items.map((draft) => visibleText(draft.body)))).join(
			'',
		).length;
		expect(bodies + headlines).toBe(printed);
	});

	test('the article bodies read exactly like the hand transcription', async () => {
		for (const [draft, handMade] of [
			['articles/2021-11-11/02-001.md', 'articles/2021-11-11/02-tashiliuyin.md'],
			['articles/2021-11-11/02-002.md', 'articles/2021-11-11/02-zhu-haiyi.md'],
			['notices/2021-11-11/02-004.md', 'notices/2021-11-11/02-shiyingshi-paimai.md'],
		] as const) {
			const mine = items.find((candidate) => candidate.path === draft)!;
			const theirs = parseFrontmatter(
				readFileSync(join(DEFAULT_CONTENT_DIR, handMade), 'utf8'),
			).content;
			expect(await visibleText(mine.body)).toBe(await visibleText(theirs));
		}
	});

	test('the drafts pass npm run check and every schema', () => {
		const checked = run(CHECK, [seedOut]);
		expect(checked.out).toContain('没有发现问题');
		expect(checked.code).toBe(0);
		for (const draft of drafts) {
			const collection = draft.path.split('/')[0] as keyof typeof collectionSchemas;
			expect(collectionSchemas[collection].safeParse(draft.data).success, draft.path).toBe(true);
		}
	});

	test('refuses to write over earlier drafts', () => {
		const again = run(IMPORT, [SEED_FILE, '--out', seedOut]);
		expect(again.code).toBe(2);
		expect(again.out).toContain('已有内容');
	});

	test('writes under _drafts/ of the content folder by default', () => {
		const root = join(scratch, 'content-root');
		const { code, out } = run(IMPORT, [SEED_FILE], { ARCHIVE_CONTENT: root });
		expect(code, out).toBe(0);
		expect(readdirSync(join(root, '_drafts'))).toEqual(['2021-11-11-p2']);
	});

	test('--publish writes the same entries into the content folder, without review notes', () => {
		const root = join(scratch, 'published-root');
		const { code, out } = run(IMPORT, [SEED_FILE, '--publish'], { ARCHIVE_CONTENT: root });
		expect(code, out).toBe(0);
		const published = readDrafts(root).filter((file) => !file.path.startsWith('_'));
		// The same files with the same fields as the drafts; only the review notes are gone.
		expect(published.map((file) => [file.path, file.data])).toEqual(
			drafts.map((draft) => [draft.path, draft.data]),
		);
		for (const file of published) {
			expect(readFileSync(join(root, file.path), 'utf8')).not.toContain('待核');
		}
		expect(readdirSync(join(root, '_imports', '2021-11-11-p2'))).toEqual(['import-report.md']);
		const checked = run(CHECK, [root]);
		expect(checked.code, checked.out).toBe(0);
	});
});

function page(text: string) {
	return text.replace(/^\t+/gm, '');
}

// The tests run the real command in a child process: seconds each when the 2 cores are busy.
describe('import rules on made-up pages', { timeout: 60_000 }, () => {
	test('a byline becomes authors; kicker, title and subtitle are told apart; 下转 ends the part', () => {
		const {
			drafts: [article],
		} = importPage(
			page(`全市秋季农业生产会议召开

			抓好秋收秋种

			——确保粮食安全

			本报记者 张三

			会议要求各地抓紧时间，(下转第3版)`),
			{ date: '2021-11-11', page: 1 },
		);
		expect(article!.data).toMatchObject({
			kicker: '全市秋季农业生产会议召开',
			title: '抓好秋收秋种',
			subtitle: '确保粮食安全',
			authors: ['本报记者 张三'],
			continuedOn: { page: 3 },
		});
		expect(article!.body).toBe('会议要求各地抓紧时间，');
	});

	test('a paragraph that ends with a sentence, a list item or a colon is never joined', () => {
		const result = importPage(
			page(`标题

			第一段到此为止。

			第二段说：

			一、第一项

			二、第二项`),
			{ date: '2021-11-11', page: 1 },
		);
		expect(result.joins).toEqual([]);
		expect(result.drafts[0]!.body.split('\n\n')).toHaveLength(4);
	});

	test('lines hard-wrapped at the column edge are joined back into one paragraph', () => {
		const result = importPage(
			page(`标题

			这一段是从版面文件复制出来的每一行
			都在栏宽处断开所以行长几乎完全一样
			最后一行比较短。`),
			{ date: '2021-11-11', page: 1 },
		);
		expect(result.unwrapped).toHaveLength(1);
		expect(result.drafts[0]!.body).toBe(
			'这一段是从版面文件复制出来的每一行都在栏宽处断开所以行长几乎完全一样最后一行比较短。',
		);
	});

	test('an afternoon auction, a deadline in 点, deposits in 万元 and 元', () => {
		const { drafts } = importPage(
			page(`房产拍卖公告

			受某某法院委托，定于下列时间公开拍卖：

			一、拍卖标的：位于安康市某路的120.5平方米住宅。

			二、拍卖时间及地点：2022年3月8日下午3时在本公司拍卖厅举行。

			三、竞买人须于2022年3月7日17点前交纳竞买保证金1.5万元及报名费500元。

			联系电话：0915-1234567 王先生
			某某拍卖有限公司
			2022年3月1日`),
			{ date: '2022-03-02', page: 3 },
		);
		const notice = drafts[0]!;
		expect(notice.data).toMatchObject({
			kind: '拍卖公告',
			principal: '某某法院',
			issuer: '某某拍卖有限公司',
			lots: [{ description: '住宅', quantity: 120.5, unit: '平方米', location: '安康市某路' }],
			auction: { time: '2022-03-08T15:00+08:00', venue: '本公司拍卖厅' },
			registrationDeadline: '2022-03-07T17:00+08:00',
			deposits: [{ name: '竞买保证金', amountYuan: 15000 }],
			contacts: [{ label: '联系电话', phones: ['0915-1234567'], person: '王先生' }],
			signedDate: '2022-03-01',
		});
		expect(collectionSchemas.notices.safeParse(notice.data).success).toBe(true);
	});

	test('a quantity after the lot (…共计35.6立方米) is split into quantity and unit', () => {
		const { drafts } = importPage(
			page(`罚没木材拍卖公告

			受旬阳市林业局委托，定于下列时间公开拍卖：

			一、拍卖标的：罚没木材一批，共计35.6立方米。

			二、拍卖时间及地点：2021年11月25日上午10时在本公司拍卖厅举行。

			三、竞买人须于2021年11月24日16时前交纳竞买保证金1万元。

			某某拍卖有限公司
			2021年11月10日`),
			{ date: '2021-11-11', page: 2 },
		);
		const notice = drafts[0]!;
		expect(notice.data.lots).toEqual([
			{ description: '罚没木材一批', quantity: 35.6, unit: '立方米' },
		]);
		expect(notice.review.map((note) => note.field)).not.toContain('lots.0.quantity');
		expect(collectionSchemas.notices.safeParse(notice.data).success).toBe(true);
	});

	test('a quantity written in a way not understood is marked 待核, not left inside the text', () => {
		const { drafts } = importPage(
			page(`设备拍卖公告

			一、拍卖标的：旧设备（约3台，以现场为准）及配件。

			二、拍卖时间及地点：2021年11月25日上午10时在本公司拍卖厅举行。

			某某拍卖公司
			2021年11月10日`),
			{ date: '2021-11-11', page: 2 },
		);
		const notice = drafts[0]!;
		expect(notice.review.map((note) => note.field)).toContain('lots.0.quantity');
		expect(renderDraft(notice)).toMatch(/待核 \/ needs review: 原文的数量和单位没能拆开/);
	});

	test('a tender notice gets its own fields: bid opening and where to obtain the documents', () => {
		const { drafts } = importPage(
			page(`县道养护工程招标公告

			一、招标人：旬阳市交通运输局。

			二、获取招标文件：2021年11月12日至2021年11月18日，在全国公共资源交易平台下载。

			三、开标时间及地点：2021年12月2日上午9时30分在安康市公共资源交易中心开标室。

			某某招标代理有限公司
			2021年11月10日`),
			{ date: '2021-11-11', page: 2 },
		);
		const notice = drafts[0]!;
		expect(notice.data).toMatchObject({
			kind: '招标公告',
			bidOpening: { time: '2021-12-02T09:30+08:00', place: '安康市公共资源交易中心开标室' },
			tenderDocuments: {
				from: '2021-11-12',
				until: '2021-11-18',
				place: '全国公共资源交易平台下载',
			},
		});
		expect(notice.data).not.toHaveProperty('auction');
		expect(notice.data).not.toHaveProperty('registrationDeadline');
		const result = collectionSchemas.notices.safeParse(notice.data);
		expect(result.error?.issues ?? []).toEqual([]);
	});

	test('a notice whose auction time cannot be read is marked for review, not invented', () => {
		const { drafts } = importPage(
			page(`设备拍卖公告

			一、拍卖标的：旧设备一批。

			二、拍卖时间及地点：另行通知。

			某某拍卖公司
			2022年3月1日`),
			{ date: '2022-03-02', page: 3 },
		);
		const notice = drafts[0]!;
		expect((notice.data.auction as { time: string }).time).toBe('');
		expect(notice.review.map((note) => note.field)).toContain('auction.time');
		expect(renderDraft(notice)).toMatch(/time: ""\s*# 待核 \/ needs review/);
	});

	test('an article with no headline gets an empty title marked for review', () => {
		const { drafts, doubts } = importPage(
			'只有正文，没有标题的一段文字，写得很长很长很长很长很长很长很长很长。',
			{
				date: '2021-11-11',
				page: 1,
			},
		);
		expect(drafts[0]!.data.title).toBe('');
		expect(renderDraft(drafts[0]!)).toContain('title: "" # 待核 / needs review');
		expect(doubts.length).toBeGreaterThan(0);
	});

	test('接第2版 and （上接十二版） are continuation markers', () => {
		const { drafts } = importPage(
			page(`（上接十二版）正文继续。

			另一篇

			【接第2版】又一段正文。`),
			{ date: '2021-11-11', page: 13 },
		);
		expect(drafts.map((draft) => draft.data.continuedFrom)).toEqual([{ page: 12 }, { page: 2 }]);
		expect(drafts[1]!.data.title).toBe('另一篇');
	});

	test('without --date or --page and nothing to infer them from, it refuses', () => {
		expect(() => importPage('标题\n\n正文。', { date: '2021-11-11' })).toThrow(PageImportError);
		expect(() => importPage('标题\n\n正文。', { page: 1 })).toThrow(PageImportError);
		const file = join(scratch, 'plain.txt');
		writeFileSync(file, '标题\n\n正文。\n');
		const { code, out } = run(IMPORT, [file, '--out', join(scratch, 'plain')]);
		expect(code).toBe(2);
		expect(out).toContain('--page');
	});

	test('--help describes the page import', () => {
		const { code, out } = run(IMPORT, ['--help']);
		expect(code).toBe(0);
		expect(out).toContain('<page.txt>');
		expect(out).toContain('_drafts');
	});
});
