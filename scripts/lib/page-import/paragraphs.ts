/**
 * A printed page's plain text as paragraphs, and the one repair it needs most: joining
 * a paragraph that a print column broke in the middle of a sentence. Pure functions.
 */
import { PHONE } from './numbers.ts';

export interface Paragraph {
	/** The paragraph's lines as printed (a notice's address block keeps its lines). */
	lines: string[];
	/** 1-based line of the input where it starts. */
	line: number;
}

export interface Join {
	/** Input lines of the two pieces. */
	firstLine: number;
	secondLine: number;
	/** A few characters either side of the join, with `|` where it was. */
	context: string;
	/** Why the join might be wrong, when it might. */
	doubt?: string;
}

export interface Doubt {
	line: number;
	message: string;
}

/** Splits text into paragraphs at blank lines; trims each line; drops a byte-order mark. */
export function splitParagraphs(text: string): Paragraph[] {
	const lines = text
		.replace(/^\ufeff/, '')
		.replace(/\r\n?/g, '\n')
		.split('\n');
	const paragraphs: Paragraph[] = [];
	let current: Paragraph | undefined;
	lines.forEach((raw, index) => {
		const line = raw.trim();
		if (line === '') {
			current = undefined;
			return;
		}
		if (!current) {
			current = { lines: [], line: index + 1 };
			paragraphs.push(current);
		}
		current.lines.push(line);
	});
	return paragraphs;
}

const length = (text: string) => Array.from(text).length;

/** Ends a sentence: 。！？… or ; (a list item), possibly followed by closing quotes or brackets. */
export function endsSentence(text: string): boolean {
	return /[。！？!?…；;][”’"'」』）)】》]*$/.test(text);
}

/** Continuation markers, with or without brackets: (上接一版), （下转第2版）, 【接第3版】. */
export const CONTINUED_FROM =
	/^[（(【[]?\s*(?:上接|接)\s*第?\s*([一二两三四五六七八九十〇零\d０-９]{1,3})\s*版\s*(?:[)）】\]]|(?=\S))/;
export const CONTINUED_ON =
	/(?:[（(【[]\s*)?(?:下转|转)\s*第?\s*([一二两三四五六七八九十〇零\d０-９]{1,3})\s*版\s*[)）】\]]?$/;

/** A line that closes an advert: the sponsor (——某某宣, 某某 宣) or phone numbers. */
export function isClosingLine(line: string): boolean {
	if (/^[—–-]{1,2}\s*\S/.test(line) && /宣$/.test(line)) return true;
	if (/\s宣$/.test(line) || /(?:局|办|委|会|院|厅|部|中心|公司|政府|集团)宣$/.test(line))
		return true;
	return new RegExp(PHONE.source).test(line) && !endsSentence(line);
}

/** A date alone on a line: a notice's signature date. */
export function isDateLine(line: string): boolean {
	return /^\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$/.test(line.trim());
}

/** Headings are short, single lines with no sentence punctuation. */
const MAX_HEADING = 40;

export function isHeadingLike(paragraph: Paragraph): boolean {
	if (paragraph.lines.length !== 1) return false;
	const text = paragraph.lines[0]!;
	if (length(text) > MAX_HEADING) return false;
	if (/[。！？!?；;]/.test(text)) return false;
	if (/[，,、：:（(“‘《]$/.test(text)) return false;
	if (CONTINUED_FROM.test(text) || CONTINUED_ON.test(text) || startsListItem(text)) return false;
	return !isClosingLine(text);
}

/**
 * A short paragraph that reads as a headline rather than as the first piece of a broken
 * one: a fragment like 据介绍,市狠抓落实办运行不过3 has a comma, no space and may end in
 * a digit; a two-part headline like “心”与“新”的交汇点 是交心,更是创新 has a space.
 */
export function looksLikeHeadline(paragraph: Paragraph): boolean {
	if (!isHeadingLike(paragraph)) return false;
	const text = paragraph.lines[0]!;
	if (/\d$/.test(text)) return false;
	return !/[，,]/.test(text) || /\S\s+\S/.test(text);
}

/** A byline on its own line: 本报记者 张三, □ 通讯员 李四. */
export function isByline(paragraph: Paragraph): boolean {
	if (paragraph.lines.length !== 1) return false;
	const text = paragraph.lines[0]!;
	return (
		length(text) <= MAX_HEADING &&
		!/[。！？]/.test(text) &&
		/^[□■●◆]?\s*(?:本报记者|特约记者|见习记者|记者|通讯员|本报特约撰稿人)\s*\S/.test(text)
	);
}

/** A numbered list item (一、 1. （一）) starts its own paragraph in print. */
export function startsListItem(text: string): boolean {
	return /^(?:[一二三四五六七八九十]+、|\d{1,2}[.、．]|[（(][一二三四五六七八九十\d]+[)）])/.test(
		text,
	);
}

/**
 * Joins lines inside a paragraph when they are a hard wrap (text copied from a PDF puts a
 * line break at every column edge): three or more lines of nearly the same length, the
 * last no longer. Blocks such as an address and phone lines are left alone.
 */
export function unwrapHardWrappedLines(paragraph: Paragraph): Paragraph {
	const { lines } = paragraph;
	if (lines.length < 3) return paragraph;
	const widths = lines.map(length);
	const body = widths.slice(0, -1);
	const widest = Math.max(...body);
	const even = body.every((width) => width >= 10 && widest - width <= 1);
	if (!even || widths.at(-1)! > widest) return paragraph;
	return { ...paragraph, lines: [lines.join('')] };
}

function context(before: string, after: string): string {
	return `${Array.from(before).slice(-8).join('')}|${Array.from(after).slice(0, 8).join('')}`;
}

/**
 * Joins each paragraph that ends in the middle of a sentence with the next one, and only
 * those: a paragraph that ends a sentence, a heading, a list item, a continuation marker,
 * a signature date or an advert's closing line is left alone.
 */
export function joinBrokenParagraphs(paragraphs: readonly Paragraph[]): {
	paragraphs: Paragraph[];
	joins: Join[];
	doubts: Doubt[];
} {
	const result: Paragraph[] = [];
	const joins: Join[] = [];
	const doubts: Doubt[] = [];
	for (const next of paragraphs) {
		const previous = result.at(-1);
		if (!previous) {
			result.push({ ...next, lines: [...next.lines] });
			continue;
		}
		const last = previous.lines.at(-1)!;
		const first = next.lines[0]!;
		const previousIsHeading = looksLikeHeadline(previous) || isByline(previous);
		const blockEnd = previous.lines.length > 1 && length(last) < 20 && !/[，,、]$/.test(last);
		const colon = /[：:]$/.test(last);
		const stop =
			colon ||
			endsSentence(last) ||
			previousIsHeading ||
			blockEnd ||
			isDateLine(last) ||
			isClosingLine(last) ||
			CONTINUED_ON.test(last) ||
			CONTINUED_FROM.test(first) ||
			startsListItem(first);
		if (stop) {
			const onlyTheColon = colon && !startsListItem(first) && !CONTINUED_FROM.test(first);
			if (onlyTheColon && !previousIsHeading && !/^[“"「『]/.test(first)) {
				doubts.push({
					line: previous.line,
					message: `第 ${previous.line} 行的段落以冒号结尾，未与下一段合并；若是分栏断开的，请手工接上 / the paragraph at line ${previous.line} ends with a colon and was not joined to the next; join them by hand if a column broke it`,
				});
			} else if (previousIsHeading && /^[，,。、；;：:！？!?”’）)]/.test(first)) {
				doubts.push({
					line: next.line,
					message: `第 ${next.line} 行以标点开头，前一行却像标题；请核对是否是分栏断开的 / line ${next.line} starts with punctuation after what looks like a heading; check whether a column broke it`,
				});
			}
			result.push({ ...next, lines: [...next.lines] });
			continue;
		}
		const join: Join = {
			firstLine: previous.line,
			secondLine: next.line,
			context: context(last, first),
		};
		if (isHeadingLike(previous)) {
			join.doubt = '前半段很短，也可能是标题 / the first piece is short and might be a headline';
		}
		if (isHeadingLike(next)) {
			join.doubt = '后半段很短，也可能是标题 / the second piece is short and might be a heading';
		}
		if (/[A-Za-z]$/.test(last) && /^[A-Za-z]/.test(first)) {
			join.doubt =
				'断在两个外文字母之间，可能少了空格或连字符 / broken between two Latin letters: a space or hyphen may be missing';
		}
		joins.push(join);
		previous.lines[previous.lines.length - 1] = last + first;
		previous.lines.push(...next.lines.slice(1));
	}
	return { paragraphs: result, joins, doubts };
}
