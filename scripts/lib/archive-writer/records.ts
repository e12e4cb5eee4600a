/**
 * Checks a source record before anything is written: required fields, their types, no
 * control characters. Messages are for editors: Chinese first, English beside.
 */
import { articleSchema } from '../../../src/schemas/article.ts';
import { corpusIdMatches, parseCorpusId, recordToArticle } from './file-names.ts';
import { frontMatterOf, splitParagraphs } from './markdown.ts';
import type { ArticleInput, RecordCheck, SourceRecord } from './types.ts';

/** C0 controls except tab, line feed and carriage return; DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const BODY_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
/** Any control character, line breaks and tabs included: a field that is one line. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const LINE_CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

function controlCharName(value: string, pattern: RegExp): string | undefined {
	const match = pattern.exec(value);
	if (!match) return undefined;
	return `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Checks one parsed JSONL value and returns a clean record, or every reason it cannot
 * be imported. The final gate is the article schema itself, so whatever passes here
 * is a file `astro build` accepts.
 */
export function validateRecord(value: unknown): RecordCheck {
	if (!isObject(value)) {
		return { ok: false, reasons: ['这一行不是 JSON 对象 / the line is not a JSON object'] };
	}
	const reasons: string[] = [];
	const warnings: string[] = [];

	const { id, title, date, page, section, body } = value;

	let cleanId = '';
	if (typeof id !== 'string' || id.trim() === '') {
		reasons.push('缺少 id / the id is missing');
	} else if (controlCharName(id, LINE_CONTROL)) {
		reasons.push(
			`id 含控制字符 ${controlCharName(id, LINE_CONTROL)} / the id contains a control character`,
		);
	} else if (!id.isWellFormed()) {
		reasons.push('id 含无效的 Unicode 字符 / the id is not valid Unicode');
	} else {
		cleanId = id.trim();
	}

	let cleanTitle = '';
	if (title === undefined || title === null) {
		reasons.push('缺少标题 / the title is missing');
	} else if (typeof title !== 'string') {
		reasons.push('标题应为文字 / the title must be text');
	} else if (title.trim() === '') {
		reasons.push('标题为空 / the title is empty');
	} else if (controlCharName(title, LINE_CONTROL)) {
		reasons.push(
			`标题含换行或控制字符 ${controlCharName(title, LINE_CONTROL)} / the title contains a line break or control character`,
		);
	} else if (!title.isWellFormed()) {
		reasons.push('标题含无效的 Unicode 字符 / the title is not valid Unicode');
	} else {
		cleanTitle = title.trim();
	}

	if (date === undefined || date === null) {
		reasons.push('缺少日期 / the date is missing');
	} else if (typeof date !== 'string') {
		reasons.push('日期应写成 "YYYY-MM-DD" / the date must be text written "YYYY-MM-DD"');
	}

	if (page === undefined || page === null) {
		reasons.push('缺少版次 / the page is missing');
	} else if (typeof page !== 'number' || !Number.isSafeInteger(page)) {
		reasons.push(
			`版次应为整数，而不是 ${JSON.stringify(page)} / the page must be a whole number, not ${JSON.stringify(page)}`,
		);
	}

	let cleanSection: string | null = null;
	if (typeof section === 'string') {
		if (controlCharName(section, LINE_CONTROL) || !section.isWellFormed()) {
			reasons.push(
				'版名含控制字符或无效字符 / the section contains a control or invalid character',
			);
		} else if (section.trim() !== '') {
			cleanSection = section.trim();
		}
	} else if (section !== undefined && section !== null) {
		reasons.push('版名应为文字或 null / the section must be text or null');
	}

	let cleanBody = '';
	if (typeof body === 'string') {
		if (BODY_CONTROL.test(body)) {
			reasons.push(
				`正文含控制字符 ${controlCharName(body, BODY_CONTROL)} / the body contains a control character`,
			);
		} else if (!body.isWellFormed()) {
			reasons.push('正文含无效的 Unicode 字符 / the body is not valid Unicode');
		} else {
			cleanBody = body;
		}
	} else if (body !== undefined && body !== null) {
		reasons.push('正文应为文字 / the body must be text');
	}

	if (reasons.length > 0) return { ok: false, reasons };

	const record: SourceRecord = {
		id: cleanId,
		title: cleanTitle,
		date: date as string,
		section: cleanSection,
		page: page as number,
		body: cleanBody,
	};
	const problems = articleProblems(recordToArticle(record));
	if (problems.length > 0) return { ok: false, reasons: problems };

	if (splitParagraphs(record.body).length === 0) warnings.push('正文为空 / the body is empty');
	const corpusId = parseCorpusId(record.id);
	if (corpusId && !corpusIdMatches(corpusId, record)) {
		warnings.push(
			`id ${record.id} 与日期 ${record.date}、版次 ${record.page} 不符，文件名改用 id 本身 / the id does not match the date and page; the file is named after the whole id`,
		);
	}
	return { ok: true, record, warnings };
}

/** Schema problems of an article's front matter, as `field: message` lines. */
export function articleProblems(article: ArticleInput): string[] {
	const result = articleSchema.safeParse(frontMatterOf(article));
	if (result.success) return [];
	return result.error.issues.map((issue) =>
		issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
	);
}
