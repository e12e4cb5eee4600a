import { spawnSync } from 'node:child_process';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
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
