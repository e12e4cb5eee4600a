/**
 * `npm run import` — brings outside text into the archive's content layout.
 *
 *   npm run import -- --jsonl <file> --out <dir> [--limit N] [--replicate N]
 *   npm run import -- <page.txt> [--date YYYY-MM-DD] [--page N] [--out <dir>] [--publish]
 *   npm run import -- <page.pdf> [--date YYYY-MM-DD] [--page N] [--out <dir>] [--publish]
 *
 * Exit codes: 0 done; 1 done, but some lines were bad (the valid ones were written) or a
 * write failed; 2 wrong usage, nothing written.
 */
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { contentRoot } from '../src/config/content-root.ts';
import { importJsonl } from './lib/jsonl.ts';
import {
	importPage,
	importReport,
	PageImportError,
	writePageDrafts,
} from './lib/page-import/index.ts';

const USAGE = `用法 / Usage:
  npm run import -- --jsonl <文件 file> --out <目录 dir> [--limit N] [--replicate N]
      把 JSONL 语料（每行一篇：id、title、date、section、page、body）转成文章和期文件。
      Converts a JSONL corpus (one article a line: id, title, date, section, page, body)
      into article files and issue files.

      --out DIR        写入的内容根目录，须为空或不存在；写出 articles/、issues/，
                       并建好空的 people/、notices/、adverts/。
                       Content root to write; must be empty or missing. Gets articles/,
                       issues/ and empty people/, notices/, adverts/.
      --limit N        只读取文件的前 N 条记录（非空行）。
                       Read only the first N records (non-blank lines) of the file.
      --replicate N    把这些记录写 N 遍（默认 1）；第 k 遍日期后移 k ×（日期跨度按整周取整）天，
                       id 随之改变以保持唯一。用于生成基准测试档案，
                       例如 --replicate 4 → 12,556 篇；--limit 3125 --replicate 32 → 100,000 篇。
                       Write the records N times (default 1); copy k is moved k × (date span
                       rounded up to whole weeks) days later, with ids changed to stay unique.
                       For benchmark archives, e.g. --replicate 4 → 12,556 articles;
                       --limit 3125 --replicate 32 → 100,000 articles.

  npm run import -- <page.txt> [--date YYYY-MM-DD] [--page N] [--out <目录 dir>] [--publish]
      把一版报纸的纯文本拆成草稿：文章、公告、广告各一个文件，外加期文件和导入报告。
      接上被分栏断开的句子，识别“上接/下转”、拍卖公告的各项和广告；读不出的必填字段
      标为“待核”。草稿默认写到 content/_drafts/<日期>-p<版次>/（下划线目录不发布），
      核对后再移入 content/。
      Splits the plain text of one printed page into drafts: one file per article,
      notice and advert, plus an issue file and an import report. Joins sentences that
      print columns broke, records 上接/下转 markers, fills auction-notice and advert
      fields, and marks required fields it could not read as “needs review”. Drafts go
      to content/_drafts/<date>-p<page>/ (underscore folders are not published); move
      them into content/ once checked.

      --date YYYY-MM-DD  期的日期；不给时按公告落款推定 / the issue date; inferred from a
                         notice's signature date when left out
      --page N           版次；不给时按“上接N版”推定 / the page; inferred from 上接 markers
      --out DIR          草稿目录，须为空或不存在 / drafts folder, empty or missing
      --publish          直接写成可发布的稿件（写入 --out 或内容目录），不带“待核”批注；
                         缺必填字段的仍写成草稿。报告写到 _imports/。
                         Write published entries (into --out or the content folder) without
                         review notes; items missing a required field stay drafts. The
                         report goes to _imports/.

  npm run import -- <page.pdf> [--date YYYY-MM-DD] [--page N] [--out <目录 dir>] [--publish]
      读取排版系统输出的文字型 PDF（一版，或整期每页一版），按与纯文本相同的规则拆成
      稿件，另为每篇写出它在版面上的区域（regions），把版面渲染成图片写到
      media/<日期>/<版次>.png，并保留 PDF 供下载（每版一个 <版次>.pdf；整期 PDF 拆成各版，原件另存为 issue.pdf），
      期文件的 pages 写上 pdf 和 image。日期、版次取自参数，否则取自页眉。
      Reads a text-based PDF from the typesetting system (one page, or a whole issue with
      one PDF page per 版) into items by the same rules as plain text, adds each item’s
      regions on the page, renders the page image to media/<date>/<NN>.png, keeps the
      PDF for download (<NN>.pdf per page; a whole issue is split, its original kept as issue.pdf), and sets pdf and image
      on the issue file’s pages. Date and page come from the flags, else the folio line.

      --page N     第一页的版次，其后各页依次加一 / the first PDF page’s number; the next follow
      --publish    直接写成可发布的稿件（写入 --out 或内容目录），不带“待核”批注；读不出
                   必填字段的稿件仍写成草稿并在报告中列出。报告写到 _imports/。
                   Write published entries (into --out or the content folder) without
                   review notes; items missing a required field are still written as drafts
                   and listed. The report goes to _imports/.
      扫描件（没有文字层的 PDF）不能导入；请把图片挂到期文件的 pages[].image。
      A scan (a PDF with no text layer) cannot be imported; attach its image instead.

  npm run import -- --help
      显示本说明 / Shows this help.

退出码 / Exit codes: 0 完成 done; 1 有坏行或写入失败（有效行已写出）some lines bad or a
write failed (valid lines were written); 2 用法错误，未写入 wrong usage, nothing written.`;

/** Most lines of each kind printed; the rest are only counted. */
const MAX_PRINTED = 100;

function usageError(message: string): number {
	console.error(`${message}\n\n${USAGE}`);
	return 2;
}

function positiveInteger(name: string, raw: string | undefined): number | string | undefined {
	if (raw === undefined) return undefined;
	if (!/^\d+$/.test(raw) || Number(raw) < 1 || !Number.isSafeInteger(Number(raw))) {
		return `--${name} 应为正整数，而不是 “${raw}” / --${name} must be a whole number from 1, not “${raw}”`;
	}
	return Number(raw);
}

async function isEmptyOrMissing(dir: string): Promise<boolean> {
	try {
		return (await readdir(dir)).length === 0;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
		throw error;
	}
}

async function runJsonl(
	file: string,
	outDir: string,
	limit: number | undefined,
	replicate: number,
): Promise<number> {
	try {
		if (!(await stat(file)).isFile())
			return usageError(`找不到文件 ${file} / ${file} is not a file`);
	} catch {
		return usageError(`找不到文件 ${file} / cannot find ${file}`);
	}
	for (const folder of ['articles', 'issues']) {
		const dir = join(outDir, folder);
		if (!(await isEmptyOrMissing(dir))) {
			return usageError(
				`${dir} 已有内容；请换一个空目录，以免新旧文章混在一起 / ${dir} is not empty; choose an empty folder so old and new articles do not mix`,
			);
		}
	}

	const started = performance.now();
	let printedBad = 0;
	let printedNotices = 0;
	let notices = 0;
	const result = await importJsonl({
		file,
		outDir,
		...(limit === undefined ? {} : { limit }),
		replicate,
		onBadLine(line, reasons) {
			if (printedBad++ < MAX_PRINTED)
				console.error(`第 ${line} 行 / line ${line}: ${reasons.join('；')}`);
		},
		onNotice(message) {
			notices++;
			if (printedNotices++ < MAX_PRINTED) console.error(`注意 / note: ${message}`);
		},
	});
	const seconds = (performance.now() - started) / 1000;

	if (printedBad > MAX_PRINTED) {
		console.error(
			`……另有 ${printedBad - MAX_PRINTED} 个坏行未列出 / … ${printedBad - MAX_PRINTED} more bad lines not listed`,
		);
	}
	if (printedNotices > MAX_PRINTED) {
		console.error(
			`……另有 ${printedNotices - MAX_PRINTED} 条注意未列出 / … ${printedNotices - MAX_PRINTED} more notes not listed`,
		);
	}

	const lines = [
		`导入完成 / import finished: ${file} → ${outDir}`,
		`  记录 / records read:        ${result.records}${replicate > 1 ? ` × ${replicate}` : ''}`,
		`  文章 / articles written:    ${result.articles}`,
		`  期 / issues written:        ${result.issuesWritten}${result.issuesKept > 0 ? `（另有 ${result.issuesKept} 个已存在 / ${result.issuesKept} kept）` : ''}`,
		`  日期 / dates:               ${result.firstDate ?? '-'} … ${result.lastDate ?? '-'}`,
	];
	if (replicate > 1) lines.push(`  每份后移 / shift per copy:  ${result.shiftDays} 天 / days`);
	lines.push(
		`  改名 / renamed on collision: ${result.renamed}`,
		`  注意 / notes:               ${notices}`,
		`  坏行 / bad lines:           ${result.badLines}`,
		`  用时 / time:                ${seconds.toFixed(2)} s`,
	);
	console.log(lines.join('\n'));

	if (result.badLines > 0) {
		console.error(
			`有 ${result.badLines} 行未导入，见上文；其余已写出 / ${result.badLines} lines were not imported (see above); the rest were written`,
		);
		return 1;
	}
	return 0;
}

async function runPage(
	file: string,
	date: string | undefined,
	page: number | undefined,
	out: string | undefined,
	publish: boolean,
): Promise<number> {
	let text: string;
	try {
		text = await readFile(file, 'utf8');
	} catch {
		return usageError(`找不到文件 ${file} / cannot read ${file}`);
	}
	let result;
	try {
		result = importPage(text, {
			...(date === undefined ? {} : { date }),
			...(page === undefined ? {} : { page }),
		});
	} catch (error) {
		if (error instanceof PageImportError) return usageError(error.message);
		throw error;
	}
	const draftsDir = join(contentRoot(), '_drafts', `${result.date}-p${result.page}`);
	const outDir = resolve(out ?? (publish ? contentRoot() : draftsDir));
	if (!publish && !(await isEmptyOrMissing(outDir))) {
		return usageError(
			`${outDir} 已有内容；请先处理或删除上次的草稿，或用 --out 另选目录 / ${outDir} is not empty; deal with or delete the earlier drafts first, or choose another folder with --out`,
		);
	}
	const { written, heldBack } = await writePageDrafts(result, outDir, publish);
	const shown = relative(process.cwd(), outDir) || '.';
	const report = importReport(result, relative(process.cwd(), file) || file, [
		...written,
		...heldBack,
	]);
	// Published: the report is kept beside the content, in a folder that is not published.
	const reportDir = publish ? join(outDir, '_imports', `${result.date}-p${result.page}`) : outDir;
	await mkdir(reportDir, { recursive: true });
	await writeFile(join(reportDir, 'import-report.md'), report);
	console.log(report);
	if (publish) {
		console.log(
			`稿件已发布到 ${shown}/ / entries published to ${shown}/ (${written.length} 个稿件 items${heldBack.length > 0 ? `，${heldBack.length} 个缺必填字段、写成草稿 held back as drafts: ${heldBack.join(', ')}` : ''})`,
		);
		return 0;
	}
	const review = result.drafts.reduce((count, draft) => count + draft.review.length, 0);
	console.log(
		[
			`草稿已写到 ${shown}/ / drafts written to ${shown}/ (${written.length} 个稿件 items, 1 个期文件 issue file, import-report.md)`,
			`下一步 / next:`,
			`  1. 逐个核对草稿，处理标为“待核 / needs review”的 ${review} 处和上面“不确定之处” / check each draft, the ${review} “needs review” notes and the list above`,
			`  2. npm run check -- ${shown}    检查草稿 / check the drafts`,
			`  3. 把 articles/、notices/、adverts/ 下的文件移入 content/ 同名目录，期文件与 content/issues/ 合并 / move the files into the same folders under content/ and merge the issue file`,
			`  4. npm run check                 再检查一遍 / check again`,
		].join('\n'),
	);
	return 0;
}

async function runPdf(
	file: string,
	date: string | undefined,
	page: number | undefined,
	out: string | undefined,
	publish: boolean,
): Promise<number> {
	let bytes: Uint8Array;
	try {
		bytes = await readFile(file);
	} catch {
		return usageError(`找不到文件 ${file} / cannot read ${file}`);
	}
	const shownFile = relative(process.cwd(), file) || file;
	// Loaded only for PDFs: PDF.js and sharp would slow every other import's start.
	const { importPdf, PdfImportError } = await import('./lib/pdf-import/index.ts');
	const { IMAGE_WIDTH, writePdfImport } = await import('./lib/pdf-import/write.ts');
	let pages;
	try {
		pages = await importPdf(bytes, shownFile, {
			imageWidth: IMAGE_WIDTH,
			...(date === undefined ? {} : { date }),
			...(page === undefined ? {} : { page }),
		});
	} catch (error) {
		// Bad input, not bad usage: the message says what to do; the usage would bury it.
		if (error instanceof PdfImportError) {
			console.error(error.message);
			return 2;
		}
		throw error;
	}
	const first = pages[0]!;
	const defaultDir = publish
		? contentRoot()
		: join(
				contentRoot(),
				'_drafts',
				pages.length > 1 ? first.date : `${first.date}-p${first.page}`,
			);
	const outDir = resolve(out ?? defaultDir);
	if (!publish && !(await isEmptyOrMissing(outDir))) {
		return usageError(
			`${outDir} 已有内容；请先处理或删除上次的草稿，或用 --out 另选目录 / ${outDir} is not empty; deal with or delete the earlier drafts first, or choose another folder with --out`,
		);
	}
	if (publish) {
		for (const result of pages) {
			const media = join(outDir, 'media', result.date);
			if (!(await isEmptyOrMissing(media))) {
				return usageError(
					`${media} 已有文件；这一期的版面已导入过 / ${media} already holds files: this issue’s pages were imported before`,
				);
			}
		}
	}
	const result = await writePdfImport(pages, bytes, shownFile, outDir, publish);
	console.log(result.report);
	const shown = relative(process.cwd(), outDir) || '.';
	console.log(
		[
			`${publish ? '稿件已发布到' : '草稿已写到'} ${shown}/ / ${publish ? 'entries published to' : 'drafts written to'} ${shown}/ (${result.written.length} 个稿件 items${result.heldBack.length > 0 ? `，${result.heldBack.length} 个未发布 held back` : ''}, ${result.media.length} 个版面图片 page images)`,
			`报告 / report: ${relative(process.cwd(), result.reportPath)}`,
			`下一步 / next: npm run check -- ${shown}`,
		].join('\n'),
	);
	return 0;
}

async function main(argv: string[]): Promise<number> {
	let parsed;
	try {
		parsed = parseArgs({
			args: argv,
			allowPositionals: true,
			strict: true,
			options: {
				jsonl: { type: 'string' },
				out: { type: 'string' },
				limit: { type: 'string' },
				replicate: { type: 'string' },
				date: { type: 'string' },
				page: { type: 'string' },
				publish: { type: 'boolean' },
				help: { type: 'boolean', short: 'h' },
			},
		});
	} catch (error) {
		return usageError(
			`参数有误 / bad arguments: ${error instanceof Error ? error.message : String(error)}`,
		);
	}
	const { values, positionals } = parsed;

	if (values.help) {
		console.log(USAGE);
		return 0;
	}

	if (values.jsonl !== undefined) {
		if (positionals.length > 0) {
			return usageError(
				`--jsonl 不能与文件参数同用：${positionals.join(' ')} / --jsonl takes no other file: ${positionals.join(' ')}`,
			);
		}
		if (values.date !== undefined || values.page !== undefined || values.publish) {
			return usageError(
				'--date、--page 只用于纯文本导入；JSONL 每行自带日期和版次 / --date and --page are for plain-text pages; JSONL lines carry their own',
			);
		}
		if (values.out === undefined) {
			return usageError('请用 --out 指定输出目录 / give the output folder with --out');
		}
		const limit = positiveInteger('limit', values.limit);
		const replicate = positiveInteger('replicate', values.replicate) ?? 1;
		if (typeof limit === 'string') return usageError(limit);
		if (typeof replicate === 'string') return usageError(replicate);
		return runJsonl(resolve(values.jsonl), resolve(values.out), limit, replicate);
	}

	if (positionals.length === 1) {
		if (values.limit !== undefined || values.replicate !== undefined) {
			return usageError(
				'--limit、--replicate 只用于 --jsonl / --limit and --replicate are for --jsonl only',
			);
		}
		if (values.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.date)) {
			return usageError(
				`--date 应写成 YYYY-MM-DD，而不是 “${values.date}” / --date must be YYYY-MM-DD, not “${values.date}”`,
			);
		}
		const page = positiveInteger('page', values.page);
		if (typeof page === 'string') return usageError(page);
		const file = resolve(positionals[0]!);
		if (/\.pdf$/i.test(file)) {
			return runPdf(file, values.date, page, values.out, values.publish === true);
		}
		return runPage(file, values.date, page, values.out, values.publish === true);
	}
	if (positionals.length > 1) {
		return usageError(
			`一次只导入一版：${positionals.join(' ')} / import one page at a time: ${positionals.join(' ')}`,
		);
	}

	return usageError(
		'请给出 --jsonl <文件> 或一个纯文本文件 / give --jsonl <file> or a plain-text file',
	);
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
	console.error(
		`导入失败 / import failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
	);
	return 1;
});
