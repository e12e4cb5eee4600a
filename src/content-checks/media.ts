import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
	findActivePdfContent,
	kindOfBytes,
	kindOfExtension,
	MEDIA_NAMES,
} from '../domain/media-files.ts';
import { pageImagePath, pagePdfPath } from '../schemas/media.ts';
import { formatSize, MEDIA_LIMITS } from './limits.ts';
import type { ContentProblem } from './problem.ts';
import { folderLabel, type CheckContext } from './references.ts';
import { PRINTED, type EntrySummary } from './summary.ts';
import { problemAt } from './validate.ts';

/**
 * The page files an issue names (`pages[].pdf`, `pages[].image`) and the regions items
 * give: each file must exist below the content root, be what its extension says (read
 * from its first bytes), stay under the size limit (limits.ts, MEDIA_LIMITS), and a PDF
 * must carry no JavaScript, launch action or embedded file (media-files.ts says exactly
 * what is scanned). Items may give `regions` only on a page that has an image.
 *
 * Runs across files on every check (the files are not content entries, so the per-file
 * cache does not cover them): a `stat` and 16 bytes per image, one read per PDF.
 */

function readHead(path: string): Buffer {
	const head = Buffer.alloc(16);
	const fd = openSync(path, 'r');
	try {
		const read = readSync(fd, head, 0, head.length, 0);
		return head.subarray(0, read);
	} finally {
		closeSync(fd);
	}
}

function checkPageFile(
	issue: EntrySummary,
	index: number,
	field: 'pdf' | 'image',
	path: string,
	context: CheckContext,
): ContentProblem[] {
	const schema = field === 'pdf' ? pagePdfPath : pageImagePath;
	// A path the schema refuses is reported by the schema; it is never opened.
	if (!schema.safeParse(path).success) return [];
	const at = (problem: Omit<ContentProblem, 'file' | 'field' | 'line'>) =>
		problemAt(issue, ['pages', index, field], problem);
	const absolute = join(context.root, path);
	const shown = folderLabel(context, path);
	let size: number;
	try {
		const stat = statSync(absolute);
		if (!stat.isFile()) throw new Error('not a file');
		size = stat.size;
	} catch {
		return [
			at({
				code: 'missing-media',
				message: `找不到文件 ${shown} / the file ${shown} does not exist`,
				fix: `把文件放到 ${shown}（路径相对内容目录，区分大小写），或改正路径 / put the file at ${shown} (the path is relative to the content folder and case-sensitive), or correct the path`,
			}),
		];
	}
	const limit = field === 'pdf' ? MEDIA_LIMITS.maxPdfBytes : MEDIA_LIMITS.maxImageBytes;
	if (size > limit) {
		return [
			at({
				code: 'input-limit',
				message: `文件过大：${shown} 有 ${formatSize(size)}，${field === 'pdf' ? 'PDF' : '版面图片'}上限 ${formatSize(limit)} / file too large: ${shown} is ${size} bytes, the limit for ${field === 'pdf' ? 'a PDF' : 'a page image'} is ${limit}`,
				fix:
					field === 'pdf'
						? '用排版系统重新导出（压缩图片、子集化字体），或只放这一版 / export it again from the typesetting system (compressed images, subset fonts), or keep only this page'
						: '存成 JPEG（质量 85）或压缩的 TIFF/PNG；300 dpi 足够 / save it as JPEG (quality 85) or a compressed TIFF/PNG; 300 dpi is enough',
			}),
		];
	}
	const claimed = kindOfExtension(path)!;
	const actual = kindOfBytes(readHead(absolute));
	if (actual !== claimed) {
		const what = actual ? MEDIA_NAMES[actual] : '不认识的格式';
		const whatEn = actual ? MEDIA_NAMES[actual] : 'an unknown format';
		return [
			at({
				code: 'media-type-mismatch',
				message: `${shown} 的扩展名说是 ${MEDIA_NAMES[claimed]}，文件内容却是 ${what} / ${shown} is named as ${MEDIA_NAMES[claimed]}, but its bytes are ${whatEn}`,
				fix: actual
					? `把文件改名为正确的扩展名（${MEDIA_NAMES[actual]}），并改正这里的路径；或换成真正的 ${MEDIA_NAMES[claimed]} 文件 / rename the file to the right extension (${MEDIA_NAMES[actual]}) and correct the path here, or use a real ${MEDIA_NAMES[claimed]} file`
					: `用看图或排版软件重新导出为 ${MEDIA_NAMES[claimed]} / export it again as ${MEDIA_NAMES[claimed]} from an image or typesetting program`,
			}),
		];
	}
	if (field !== 'pdf') return [];
	const active = findActivePdfContent(readFileSync(absolute));
	if (active.length === 0) return [];
	const names = [...new Set(active.map((found) => `/${found.name}`))].join('、');
	const namesEn = [...new Set(active.map((found) => `/${found.name}`))].join(', ');
	return [
		at({
			code: 'pdf-active-content',
			message: `${shown} 含有脚本、启动动作或附件（${names}），读者下载后可能被执行 / ${shown} carries JavaScript, a launch action or embedded files (${namesEn}), which a reader's viewer may run`,
			fix: '从排版系统重新导出，不带表单、脚本和附件（如“打印为 PDF”或 PDF/A）/ export it again from the typesetting system without forms, scripts or attachments (e.g. “print to PDF” or PDF/A)',
		}),
	];
}

export function findMediaProblems(
	entries: readonly EntrySummary[],
	context: CheckContext,
): ContentProblem[] {
	const problems: ContentProblem[] = [];
	const imagePages = new Map<string, boolean>();
	for (const issue of entries) {
		if (issue.collection !== 'issues' || !issue.readable) continue;
		for (const page of issue.pages ?? []) {
			if (issue.date !== undefined)
				imagePages.set(`${issue.date}/${page.number}`, page.image !== undefined);
			if (page.index === undefined) continue;
			for (const field of ['pdf', 'image'] as const) {
				const path = page[field];
				if (path !== undefined)
					problems.push(...checkPageFile(issue, page.index, field, path, context));
			}
		}
	}
	for (const item of entries) {
		if (!item.readable || !PRINTED.includes(item.collection) || !item.regions) continue;
		const hasImage = imagePages.get(`${item.date}/${item.page}`);
		// An unknown issue or page is reported by the references check.
		if (hasImage !== false) continue;
		problems.push(
			problemAt(item, ['regions'], {
				code: 'region-without-image',
				message: `${item.date} 第${item.page}版没有版面图片，区域无处可画 / page ${item.page} of ${item.date} has no page image to draw the regions on`,
				fix: `在期文件这一版下加 image: media/${item.date}/${String(item.page).padStart(2, '0')}.png 并放好图片，或删去 regions / add image: media/${item.date}/${String(item.page).padStart(2, '0')}.png to that page in the issue file and put the image there, or remove regions`,
			}),
		);
	}
	return problems;
}
