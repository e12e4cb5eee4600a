/**
 * Importing the plain text of one printed page: paragraphs are repaired, split into
 * items, and turned into draft entries with everything the text says, plus a report of
 * what was done and what is uncertain. `importPage` is pure; `writePageDrafts` writes
 * the drafts with the archive's shared writer.
 */
import { chineseNumeral, formatChineseDate } from '../../../src/domain/dates.ts';
import { ArchiveWriter } from '../archive-writer/writer.ts';
import { renderDraft, draftsFor, isIncomplete, type Draft } from './drafts.ts';
import { addDays } from './numbers.ts';
import {
	joinBrokenParagraphs,
	splitParagraphs,
	unwrapHardWrappedLines,
	type Doubt,
	type Join,
} from './paragraphs.ts';
import { segmentPage } from './segment.ts';

export { isIncomplete, renderDraft, type Draft } from './drafts.ts';

export interface PageImportOptions {
	/** The issue date; inferred from the page (a notice's dates) when left out. */
	date?: string;
	/** The page number; inferred from 上接 markers when left out. */
	page?: number;
}

export interface PageImport {
	date: string;
	page: number;
	/** How the date was found when it was not given; `undefined` when given. */
	dateReason?: string;
	pageReason?: string;
	drafts: Draft[];
	joins: Join[];
	/** Paragraph lines joined because a PDF copy hard-wrapped them. */
	unwrapped: number[];
	doubts: Doubt[];
	/** Pages named by continuation markers (the archive may not hold them). */
	otherPages: number[];
}

export class PageImportError extends Error {}

function inferPage(
	items: ReturnType<typeof segmentPage>['items'],
): { page: number; reason: string } | undefined {
	const from = items.flatMap((item) =>
		item.continuedFrom === undefined ? [] : [item.continuedFrom],
	);
	const on = items.flatMap((item) => (item.continuedOn === undefined ? [] : [item.continuedOn]));
	if (from.length > 0) {
		const page = Math.max(...from) + 1;
		const pages = [...new Set(from)].sort((a, b) => a - b);
		const printed = pages.map((number) => `“上接${chineseNumeral(number)}版”`).join('、');
		return {
			page,
			reason: `本版未印版次；有 ${from.length} 处${printed}，故定为第${page}版，请核对 / the page prints no number; ${from.length} marker(s) say it continues from page ${pages.join(', ')}, so it was filed as page ${page}; please check`,
		};
	}
	if (on.length > 0 && Math.min(...on) > 1) {
		return {
			page: 1,
			reason: `本版未印版次；只有“下转”没有“上接”，故定为第1版，请核对 / the page prints no number; it only continues on other pages, so it was filed as page 1; please check`,
		};
	}
	return undefined;
}

function inferDate(drafts: readonly Draft[]): { date: string; reason: string } | undefined {
	for (const draft of drafts) {
		if (draft.collection !== 'notices') continue;
		const signed = draft.data.signedDate as string | undefined;
		if (!signed) continue;
		const auction = (draft.data.auction as { time?: string } | undefined)?.time?.slice(0, 10);
		const until = (draft.data.viewing as { until?: string } | undefined)?.until;
		const latest = [auction, until].filter((day): day is string => Boolean(day)).sort()[0];
		let date = addDays(signed, 1);
		if (latest && date > latest) date = signed;
		const bounds = [
			until ? `标的展示至${formatChineseDate(until)}` : '',
			auction ? `拍卖定于${formatChineseDate(auction)}` : '',
		].filter(Boolean);
		return {
			date,
			reason: `本版未印出版日期。版上${String(draft.data.kind)}落款为${formatChineseDate(signed)}${bounds.length > 0 ? `，${bounds.join('，')}` : ''}，可知本版刊于落款之后${bounds.length > 0 ? '、上述日期之前' : ''}，现按落款次日归入${formatChineseDate(date)}。`,
		};
	}
	return undefined;
}

/** Reads one page of plain text into drafts. Throws `PageImportError` when the date or page cannot be known. */
export function importPage(text: string, options: PageImportOptions = {}): PageImport {
	const split = splitParagraphs(text);
	const unwrapped: number[] = [];
	const paragraphs = split.map((paragraph) => {
		const result = unwrapHardWrappedLines(paragraph);
		if (result !== paragraph) unwrapped.push(paragraph.line);
		return result;
	});
	const joined = joinBrokenParagraphs(paragraphs);
	const segmented = segmentPage(joined.paragraphs);

	const pageGuess = options.page === undefined ? inferPage(segmented.items) : undefined;
	const page = options.page ?? pageGuess?.page;
	if (page === undefined) {
		throw new PageImportError(
			'版面上没有“上接/下转”可以推定版次，请用 --page N 指定 / nothing on the page tells its number: give it with --page N',
		);
	}
	// Draft once with a placeholder date to read the notices, then with the real one.
	const probe = draftsFor(segmented.items, options.date ?? '2000-01-01', page);
	const dateGuess = options.date === undefined ? inferDate(probe) : undefined;
	const date = options.date ?? dateGuess?.date;
	if (date === undefined) {
		throw new PageImportError(
			'版面上没有可以推定日期的落款，请用 --date YYYY-MM-DD 指定 / nothing on the page tells its date: give it with --date YYYY-MM-DD',
		);
	}
	const drafts = draftsFor(segmented.items, date, page);
	const otherPages = [
		...new Set(
			segmented.items.flatMap((item) =>
				[item.continuedFrom, item.continuedOn].filter(
					(other): other is number => other !== undefined,
				),
			),
		),
	]
		.filter((other) => other !== page)
		.sort((a, b) => a - b);
	return {
		date,
		page,
		...(dateGuess ? { dateReason: dateGuess.reason } : {}),
		...(pageGuess ? { pageReason: pageGuess.reason } : {}),
		drafts,
		joins: joined.joins,
		unwrapped,
		doubts: [...joined.doubts, ...segmented.doubts].sort((a, b) => a.line - b.line),
		otherPages,
	};
}

const KIND_NAMES = {
	articles: '文章 article',
	notices: '公告 notice',
	adverts: '广告 advert',
} as const;

function draftTitle(draft: Draft): string {
	const title = draft.data.title;
	if (typeof title === 'string' && title !== '') return title;
	if (draft.item.continuedFrom !== undefined)
		return `（续文，上接${chineseNumeral(draft.item.continuedFrom)}版 / continued part）`;
	return '（无标题 / no headline）';
}

/** What the import did and what it was unsure of, as Markdown (printed and saved beside the drafts). */
export function importReport(result: PageImport, source: string, written: string[]): string {
	const lines = [
		`# 导入报告 / import report`,
		'',
		`来源 / source: ${source}`,
		`日期 / date: ${result.date}${result.dateReason ? '（推定 / inferred）' : ''}；版次 / page: ${result.page}${result.pageReason ? '（推定 / inferred）' : ''}`,
	];
	if (result.dateReason) lines.push('', `日期推定 / date inferred: ${result.dateReason}`);
	if (result.pageReason) lines.push('', `版次推定 / page inferred: ${result.pageReason}`);
	lines.push('', `## 稿件 / items (${result.drafts.length})`, '');
	result.drafts.forEach((draft, index) => {
		lines.push(
			`${index + 1}. ${KIND_NAMES[draft.collection]}，第 ${draft.line} 行起 / from line ${draft.line}: ${draftTitle(draft)} → ${written[index] ?? draft.path}`,
		);
		for (const note of draft.review)
			lines.push(`   - 待核 / needs review [${note.field}]: ${note.message}`);
	});
	lines.push('', `## 合并的断段 / paragraphs joined (${result.joins.length})`, '');
	for (const join of result.joins) {
		lines.push(
			`- 第 ${join.firstLine} 行与第 ${join.secondLine} 行 / lines ${join.firstLine} + ${join.secondLine}: ${join.context}${join.doubt ? `（不确定 / unsure: ${join.doubt}）` : ''}`,
		);
	}
	if (result.unwrapped.length > 0) {
		lines.push('', `## 合并的硬换行 / hard-wrapped lines joined`, '');
		for (const line of result.unwrapped)
			lines.push(`- 第 ${line} 行起的段落 / the paragraph from line ${line}`);
	}
	lines.push('', `## 不确定之处 / what to check (${result.doubts.length})`, '');
	for (const doubt of result.doubts) lines.push(`- ${doubt.message}`);
	if (result.doubts.length === 0) lines.push('- 无 / none');
	return `${lines.join('\n')}\n`;
}

/** Writes the drafts (and the issue file they imply) into `outDir`, a content root of their own. */
export async function writePageDrafts(
	result: PageImport,
	outDir: string,
	publish = false,
): Promise<{ written: string[]; heldBack: string[] }> {
	const writer = new ArchiveWriter({ outDir });
	await writer.prepare();
	const written: string[] = [];
	const heldBack: string[] = [];
	for (const draft of result.drafts) {
		// Published entries carry no review notes; one the schema would refuse stays a draft.
		const hold = publish && isIncomplete(draft);
		const content = renderDraft({ ...draft, review: publish && !hold ? [] : draft.review });
		const path = hold ? `_drafts/${result.date}-p${result.page}/${draft.path}` : draft.path;
		const final = await writer.writeEntry(path, content, { date: result.date, page: result.page });
		(hold ? heldBack : written).push(final);
	}
	writer.describeIssue(result.date, {
		...(result.dateReason ? { dateInferred: true, body: result.dateReason } : {}),
		missingPages: result.otherPages,
	});
	await writer.finish();
	return { written, heldBack };
}
