/**
 * Splits a page's paragraphs into the items printed on it: articles (with their
 * headlines, subheads, bylines and continuation markers), notices and adverts.
 * Plain text has lost the type sizes that tell a headline from a subhead, so the rules
 * here are heuristics; every guess that could be wrong is reported as a doubt.
 */
import { parseSmallNumber } from './numbers.ts';
import {
	CONTINUED_FROM,
	CONTINUED_ON,
	isByline,
	isClosingLine,
	isDateLine,
	isHeadingLike,
	type Doubt,
	type Paragraph,
} from './paragraphs.ts';

export interface BodyBlock {
	type: 'paragraph' | 'heading';
	lines: string[];
	line: number;
}

export interface PageItem {
	kind: 'article' | 'notice' | 'advert';
	/** 1-based input line where the item starts. */
	line: number;
	/** Article: kicker / title / subtitle lines in print order; notice: its title. */
	heads: Paragraph[];
	/** Bylines on their own lines (articles). */
	bylines: Paragraph[];
	body: BodyBlock[];
	continuedFrom?: number;
	continuedOn?: number;
	/** The marker texts turned into data, as printed: `(上接一版)`. */
	markers: string[];
}

/** A notice's headline: short, and ending the way notices are named. */
export function isNoticeTitle(paragraph: Paragraph): boolean {
	return (
		isHeadingLike(paragraph) &&
		/(?:公告|通告|公示|声明|启事|通知|拍卖会)$/.test(paragraph.lines[0]!) &&
		Array.from(paragraph.lines[0]!).length <= 30
	);
}

function stripMarkers(paragraph: Paragraph): {
	paragraph: Paragraph;
	from?: number;
	on?: number;
	markers: string[];
} {
	const lines = [...paragraph.lines];
	const markers: string[] = [];
	let from: number | undefined;
	let on: number | undefined;
	const start = CONTINUED_FROM.exec(lines[0]!);
	if (start) {
		const page = parseSmallNumber(start[1]!);
		if (page !== undefined) {
			from = page;
			markers.push(start[0]);
			lines[0] = lines[0]!.slice(start[0].length).trim();
		}
	}
	const lastIndex = lines.length - 1;
	const end = CONTINUED_ON.exec(lines[lastIndex]!);
	if (end) {
		const page = parseSmallNumber(end[1]!);
		if (page !== undefined) {
			on = page;
			markers.push(end[0]);
			lines[lastIndex] = lines[lastIndex]!.slice(0, end.index).trim();
		}
	}
	return {
		paragraph: { ...paragraph, lines: lines.filter((line) => line !== '') },
		...(from === undefined ? {} : { from }),
		...(on === undefined ? {} : { on }),
		markers,
	};
}

function newItem(kind: PageItem['kind'], line: number): PageItem {
	return { kind, line, heads: [], bylines: [], body: [], markers: [] };
}

const preview = (paragraph: Paragraph) => {
	const text = paragraph.lines.join(' ');
	return Array.from(text).length > 24 ? `${Array.from(text).slice(0, 24).join('')}…` : text;
};

export function segmentPage(paragraphs: readonly Paragraph[]): {
	items: PageItem[];
	doubts: Doubt[];
	/** Headings kept inside an article as subheads. */
	subheads: Paragraph[];
} {
	const items: PageItem[] = [];
	const doubts: Doubt[] = [];
	const subheads: Paragraph[] = [];
	let current: PageItem | undefined;
	let pending: Paragraph[] = [];

	const close = () => {
		if (current) items.push(current);
		current = undefined;
	};

	const advert = (run: Paragraph[]) => {
		close();
		const item = newItem('advert', run[0]!.line);
		item.body = run.map((paragraph) => ({
			type: 'paragraph',
			lines: paragraph.lines,
			line: paragraph.line,
		}));
		items.push(item);
	};

	/** Decides what a run of short lines is, given the paragraph that follows it. */
	const resolvePending = (
		next: { paragraph: Paragraph; from?: number } | undefined,
		nextIsNotice: boolean,
	) => {
		let run = pending;
		pending = [];
		if (run.length === 0) return;
		// Everything up to the last closing line (sponsor, phones) is advertising.
		let lastClosing = -1;
		run.forEach((paragraph, index) => {
			if (paragraph.lines.some(isClosingLine)) lastClosing = index;
		});
		if (lastClosing >= 0) {
			let start = 0;
			run.forEach((paragraph, index) => {
				if (index > lastClosing || !paragraph.lines.some(isClosingLine)) return;
				advert(run.slice(start, index + 1));
				start = index + 1;
			});
			run = run.slice(lastClosing + 1);
			if (run.length === 0) return;
		}
		if (!next || nextIsNotice) {
			doubts.push({
				line: run[0]!.line,
				message: `第 ${run[0]!.line} 行起的几行短句后面没有正文，当作一则广告（未找到广告主）；请核对 / the short lines from line ${run[0]!.line} have no text after them and were taken as an advert (no sponsor found); please check`,
			});
			advert(run);
			return;
		}
		const bylines = run.filter(isByline);
		const heads = run.filter((paragraph) => !isByline(paragraph));
		const startsPart = next.from !== undefined;
		if (current?.kind === 'article' && bylines.length === 0 && !startsPart && heads.length <= 2) {
			for (const heading of heads) {
				current.body.push({ type: 'heading', lines: heading.lines, line: heading.line });
				subheads.push(heading);
				doubts.push({
					line: heading.line,
					message: `第 ${heading.line} 行“${preview(heading)}”当作上一篇文章的小标题；若它是另一篇文章的标题，请把它和后面的正文移到新文件 / line ${heading.line} was kept as a subhead of the article above; if it is the headline of another article, move it and the text after it to a new file`,
				});
			}
			return;
		}
		close();
		current = newItem('article', run[0]!.line);
		current.heads = heads;
		current.bylines = bylines;
	};

	for (let index = 0; index < paragraphs.length; index++) {
		const original = paragraphs[index]!;
		if (isNoticeTitle(original)) {
			resolvePending(undefined, true);
			close();
			const notice = newItem('notice', original.line);
			notice.heads = [original];
			// A notice runs to its signature date, or to the next notice or continued story.
			let signed = false;
			while (index + 1 < paragraphs.length && !signed) {
				const next = paragraphs[index + 1]!;
				if (isNoticeTitle(next) || CONTINUED_FROM.test(next.lines[0]!)) break;
				index++;
				notice.body.push({ type: 'paragraph', lines: next.lines, line: next.line });
				signed = isDateLine(next.lines.at(-1)!);
			}
			if (!signed) {
				doubts.push({
					line: original.line,
					message: `第 ${original.line} 行起的公告没有找到落款日期，公告到第 ${notice.body.at(-1)?.line ?? original.line} 行为止；请核对它的结尾 / the notice from line ${original.line} has no signature date; it was taken to end at line ${notice.body.at(-1)?.line ?? original.line}; please check where it ends`,
				});
			}
			items.push(notice);
			continue;
		}
		const { paragraph, from, on, markers } = stripMarkers(original);
		const short =
			markers.length === 0 &&
			(isHeadingLike(original) || isByline(original) || original.lines.every(isClosingLine));
		if (short) {
			pending.push(original);
			continue;
		}
		const hadPending = pending.length > 0;
		resolvePending({ paragraph, ...(from === undefined ? {} : { from }) }, false);
		const freshHeads = hadPending && current?.kind === 'article' && current.body.length === 0;
		if (from !== undefined && !freshHeads) {
			close();
			current = newItem('article', original.line);
		}
		if (!current || current.kind !== 'article') {
			close();
			current = newItem('article', original.line);
			doubts.push({
				line: original.line,
				message: `第 ${original.line} 行起的正文前面没有标题，单独存为一篇；若它是上一篇的接续，请并回去 / the text from line ${original.line} has no headline and was filed on its own; if it continues the item above, merge it back`,
			});
		}
		if (from !== undefined) current.continuedFrom = from;
		current.markers.push(...markers);
		if (paragraph.lines.length > 0) {
			current.body.push({ type: 'paragraph', lines: paragraph.lines, line: paragraph.line });
		}
		if (on !== undefined) {
			current.continuedOn = on;
			close();
		}
	}
	resolvePending(undefined, false);
	close();
	return { items, doubts, subheads };
}
