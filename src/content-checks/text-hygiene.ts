import type { RawEntry } from './load.ts';
import { fieldOnLine, writtenScalars } from './positions.ts';
import type { ContentProblem } from './problem.ts';
import { fieldAt } from './schema-fields.ts';

/**
 * Characters an editor cannot see but readers and search can: zero-width spaces and
 * direction marks pasted from web pages and chat apps (a name with U+200B inside is not
 * found by search), control characters from old systems, and full-width digits mixed
 * into a number (６80.29), which breaks searching and sorting by number.
 */

const INVISIBLE =
	/[\u200b-\u200f\u2060-\u2064\u206a-\u206f\ufeff\u00ad\u180e\u202a-\u202e\u2066-\u2069]/gu;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/gu;
const NUMBER = /[0-9０-９](?:[0-9０-９]|[.．](?=[0-9０-９]))*/gu;
const FULLWIDTH_DIGIT = /[０-９]/u;
/** Fields whose values are data: digits there must be ASCII. */
const DATA_KINDS = new Set(['number', 'integer', 'date', 'datetime', 'phone', 'person-id']);
const SUSPECT =
	// eslint-disable-next-line no-control-regex -- finding control characters is the point
	/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u00ad\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff０-９]/u;

function codePointName(character: string): string {
	return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** 1-based column in characters (not UTF-16 units). */
function columnOf(line: string, index: number): number {
	return Array.from(line.slice(0, index)).length + 1;
}

function halfWidth(text: string): string {
	return text.replace(/[０-９．]/gu, (character) =>
		String.fromCharCode(character.charCodeAt(0) - 0xfee0),
	);
}

export function findTextHygieneProblems(entries: readonly RawEntry[]): ContentProblem[] {
	const problems: ContentProblem[] = [];
	for (const entry of entries) {
		if (!entry.readable || !SUSPECT.test(entry.source)) continue;
		// A byte-order mark at the very start is harmless (Astro skips it).
		const lines = entry.source.replace(/^\ufeff/, '').split('\n');
		const inFrontmatter = (line: number) =>
			entry.frontmatterLine > 0 && line > entry.frontmatterLine && line < entry.bodyLine;
		const fieldFor = (line: number) =>
			inFrontmatter(line) ? (fieldOnLine(entry, line) ?? '') : line >= entry.bodyLine ? 'body' : '';

		lines.forEach((rawText, index) => {
			const text = rawText.replace(/\r$/, '');
			const line = index + 1;
			const invisible = [...text.matchAll(INVISIBLE)];
			if (invisible.length > 0) {
				const names = [...new Set(invisible.map((match) => codePointName(match[0])))].join(', ');
				problems.push({
					file: entry.file,
					line,
					column: columnOf(text, invisible[0]!.index),
					field: fieldFor(line),
					code: 'invisible-character',
					message: `有 ${invisible.length} 个看不见的字符（${names}），多半是从网页或聊天软件复制来的；它们会让搜索找不到这里的词 / ${invisible.length} invisible character(s) (${names}), usually pasted from a web page or chat app; they stop search from finding the words here`,
					fix: '删去这些字符：在编辑器里打开“显示不可见字符”，或把这一行重新打一遍 / delete them: turn on “show invisible characters” in your editor, or retype the line',
				});
			}
			const control = [...text.matchAll(CONTROL)];
			if (control.length > 0) {
				const names = [...new Set(control.map((match) => codePointName(match[0])))].join(', ');
				problems.push({
					file: entry.file,
					line,
					column: columnOf(text, control[0]!.index),
					field: fieldFor(line),
					code: 'control-character',
					message: `有控制字符 ${names}，网页上显示不出来，也可能让文件无法读取 / control character(s) ${names}, which pages cannot show and may make the file unreadable`,
					fix: '删去这些字符（多半来自旧排版系统或复制粘贴）/ delete them (they usually come from an old typesetting system or a paste)',
				});
			}
			if (!FULLWIDTH_DIGIT.test(text)) return;
			for (const number of text.matchAll(NUMBER)) {
				const token = number[0];
				if (!/[０-９．]/u.test(token) || !/[0-9.]/.test(token)) continue;
				problems.push({
					file: entry.file,
					line,
					column: columnOf(text, number.index),
					field: fieldFor(line),
					code: 'fullwidth-digits',
					message: `数字 “${token}” 里混有全角数字，搜索和排序会出错 / the number “${token}” mixes full-width digits in, which breaks search and sorting`,
					fix: `统一用半角数字：${halfWidth(token)} / use half-width digits throughout: ${halfWidth(token)}`,
				});
			}
		});

		// Data fields (numbers, dates, phones) must use ASCII digits even when not mixed.
		if (entry.frontmatterLine === 0 || !FULLWIDTH_DIGIT.test(entry.rawFrontmatter)) continue;
		for (const scalar of writtenScalars(entry)) {
			if (!FULLWIDTH_DIGIT.test(scalar.text)) continue;
			const field = fieldAt(entry.collection, scalar.path);
			const kind = field?.kind === 'list' ? field.itemKind : field?.kind;
			if (!kind || !DATA_KINDS.has(kind)) continue;
			const path = scalar.path.join('.');
			const reported = problems.some(
				(problem) =>
					problem.file === entry.file &&
					problem.line === scalar.line &&
					problem.code === 'fullwidth-digits',
			);
			if (reported) continue;
			problems.push({
				file: entry.file,
				line: scalar.line,
				column: scalar.column,
				field: path,
				code: 'fullwidth-digits',
				message: `“${scalar.text}” 用了全角数字；这个字段是数据，只认半角数字 / “${scalar.text}” uses full-width digits; this field is data and takes half-width digits only`,
				fix: `改成 ${halfWidth(scalar.text)} / write ${halfWidth(scalar.text)}`,
			});
		}
	}
	return problems;
}
