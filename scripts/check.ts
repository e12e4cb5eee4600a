/**
 * `npm run check` — checks every content file without building the site and lists every
 * problem at once, each with file, line, field, what is wrong and how to fix it.
 * The build runs the same checks (src/integrations/content-guard.ts).
 *
 * Exit codes: 0 nothing wrong; 1 problems found; 2 wrong usage or no such folder.
 */
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { contentRoot } from '../src/config/content-root.ts';
import {
	checkContentReport,
	formatProblemsForEditors,
	MDX_FOLDER,
} from '../src/content-checks/index.ts';

const USAGE = `用法 / Usage:
  npm run check                          检查 content/ / check content/
  ARCHIVE_CONTENT=<目录 dir> npm run check  检查另一个内容目录 / check another content folder
  npm run check -- <目录 dir>             同上 / the same
  npm run check -- --json                以 JSON 输出问题列表 / print the problems as JSON
  npm run check -- --help                显示本说明 / show this help

检查内容 / What is checked: 字段是否符合要求、未知字段（拼写错误）、不带时区的时间、
引用的人物/文章/期是否存在、两个文件占用同一网址、同一稿件存了两份、公告日期互相矛盾、
稿件所在版面是否列在期文件中、会运行脚本的 HTML、${MDX_FOLDER}/ 以外的 MDX、
非 UTF-8 文件、看不见的字符和控制字符、混入全角数字的数字、日历上没有的日期、
日期与文件夹或版次与文件名不符、放错地方的文件、从 Word 粘贴来的标点、版面 PDF 和图片
（是否存在、格式是否与扩展名相符、大小、PDF 里的脚本和附件）、稿件区域（regions）。
Fields against the schemas, unknown fields (typos), times without a zone, references to
people/articles/issues, two files with one address, one item filed twice, contradicting
notice dates, items on pages their issue does not list, HTML that runs scripts, MDX
outside ${MDX_FOLDER}/, files that are not UTF-8, invisible and control characters,
full-width digits mixed into numbers, impossible dates, a date or page unlike the file's
folder or name, files in the wrong place, punctuation pasted from Word, page PDFs and images
(present, of the format their extension says, under the size limit, PDFs without scripts or
attachments), and regions.

每个错误的含义和改法见 content/README.md（错误一览）。
Each error and its fix is explained in content/README.md (错误一览).

退出码 / Exit codes: 0 没有问题 nothing wrong; 1 有问题 problems found; 2 用法错误 wrong usage.`;

async function countDrafts(root: string): Promise<number> {
	const names = await readdir(join(root, '_drafts'), { recursive: true }).catch(() => []);
	// Entry files only: the import report beside them is not a draft.
	return names.filter(
		(name) => /\.mdx?$/i.test(name) && /(^|[\\/])(articles|people|notices|adverts)[\\/]/.test(name),
	).length;
}

async function main(argv: string[]): Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			options: { help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } },
		});
	} catch (error) {
		console.error(`参数有误 / bad arguments: ${(error as Error).message}\n\n${USAGE}`);
		return 2;
	}
	const { values, positionals } = parsed;
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	if (positionals.length > 1) {
		console.error(`只能检查一个目录 / give one folder at most\n\n${USAGE}`);
		return 2;
	}
	const root = contentRoot(
		positionals[0] === undefined ? process.env : { ARCHIVE_CONTENT: positionals[0] },
	);
	const shown = relative(process.cwd(), root) || '.';
	if (!existsSync(root) || !statSync(root).isDirectory()) {
		console.error(`找不到内容目录 ${shown} / there is no content folder ${shown}`);
		return 2;
	}

	const started = performance.now();
	const [report, drafts] = await Promise.all([checkContentReport(root), countDrafts(root)]);
	const { problems, filesSeen, entriesRead } = report;
	const seconds = ((performance.now() - started) / 1000).toFixed(2);

	if (values.json) {
		console.log(
			JSON.stringify({ root: shown, files: filesSeen, entries: entriesRead, problems }, null, 2),
		);
		return problems.length > 0 ? 1 : 0;
	}
	if (problems.length > 0) {
		console.log(formatProblemsForEditors(problems));
		console.log('');
	}
	const withProblems = new Set(problems.map((problem) => problem.file)).size;
	// Every file is counted, so one saved where nothing reads it cannot pass unnoticed.
	const counted = `共 ${filesSeen} 个文件，读取稿件 ${entriesRead} 篇 / ${filesSeen} files seen, ${entriesRead} entries read`;
	console.log(
		problems.length === 0
			? `✓ ${shown}: 没有发现问题 / no problems found — ${counted} (${seconds} s)`
			: `✗ ${shown}: ${withProblems} 个文件有问题，共 ${problems.length} 处 / ${problems.length} problem(s) in ${withProblems} file(s) — ${counted} (${seconds} s)\n  每种错误的含义和改法见 content/README.md 的“错误一览” / see “错误一览” in content/README.md for what each error means`,
	);
	if (drafts > 0) {
		console.log(
			`  注意：${shown}/_drafts/ 下有 ${drafts} 个草稿，不发布也不在此检查；检查草稿请用 npm run check -- ${shown}/_drafts/<文件夹> / note: ${drafts} draft(s) under ${shown}/_drafts/ are neither published nor checked here; check them with npm run check -- ${shown}/_drafts/<folder>`,
		);
	}
	return problems.length > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
	console.error(
		`检查失败 / check failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
	);
	return 2;
});
