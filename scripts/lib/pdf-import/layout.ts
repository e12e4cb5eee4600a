/**
 * The geometry of a printed page, from what a PDF says about it: text runs with their
 * positions and sizes, and the rules and boxes drawn between items. Lines are built from
 * the runs, put in reading order by cutting the page at its white space (XY-cut: rows
 * first, then columns), and read into paragraphs from line geometry. Pure functions; all
 * coordinates are PDF points with the origin at the page's top left.
 */

export interface Rect {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

/** One run of text as PDF.js reports it. */
export interface TextRun {
	text: string;
	/** Left end of the baseline and its length. */
	x: number;
	width: number;
	baseline: number;
	size: number;
	/** The embedded font's name, e.g. `AAAAAA+NotoSansCJKsc-Bold`. */
	font: string;
}

export interface Line {
	/** The runs' text with no spaces added; see `lineText`. */
	text: string;
	/** The runs in order, each with the gap before it in ems. */
	pieces: { text: string; gap: number }[];
	box: Rect;
	baseline: number;
	size: number;
	bold: boolean;
	/** Set larger or bold, against the page's body type. */
	heading: boolean;
	/** The column the line was found in (after the last vertical cut above it). */
	frame: { x0: number; x1: number };
	/** Which leaf of the cut it came from: lines of one leaf are one column piece. */
	leaf: number;
}

export interface PageGraphics {
	/** Thin lines: one side at most 3 pt. */
	rules: Rect[];
	/** Rectangles drawn around or behind something (not the page background). */
	boxes: Rect[];
}

export const area = (rect: Rect) => Math.max(0, rect.x1 - rect.x0) * Math.max(0, rect.y1 - rect.y0);

export function intersection(a: Rect, b: Rect): Rect {
	return {
		x0: Math.max(a.x0, b.x0),
		y0: Math.max(a.y0, b.y0),
		x1: Math.min(a.x1, b.x1),
		y1: Math.min(a.y1, b.y1),
	};
}

export function union(a: Rect, b: Rect): Rect {
	return {
		x0: Math.min(a.x0, b.x0),
		y0: Math.min(a.y0, b.y0),
		x1: Math.max(a.x1, b.x1),
		y1: Math.max(a.y1, b.y1),
	};
}

export function bounds(rects: readonly Rect[]): Rect {
	return rects.reduce(union);
}

export function contains(outer: Rect, inner: Rect, slack = 1): boolean {
	return (
		inner.x0 >= outer.x0 - slack &&
		inner.y0 >= outer.y0 - slack &&
		inner.x1 <= outer.x1 + slack &&
		inner.y1 <= outer.y1 + slack
	);
}

/**
 * Some CJK fonts map ideographs to their look-alike Kangxi radicals (⽇ for 日) in the
 * PDF's Unicode table; compatibility normalisation turns them back. Only those blocks are
 * normalised: NFKC would also turn full-width punctuation into ASCII.
 */
export function normaliseText(text: string): string {
	return text.replace(
		/[\u2e80-\u2fdf\uf900-\ufaff]/gu,
		(char) => RADICALS[char] ?? char.normalize('NFKC'),
	);
}

/**
 * CJK Radicals Supplement characters that stand for simplified ideographs and that NFKC
 * leaves alone (Unicode's EquivalentUnifiedIdeograph.txt).
 */
const RADICALS: Record<string, string> = {
	'⺁': '厂',
	'⺇': '几',
	'⺌': '小',
	'⺍': '小',
	'⺎': '兀',
	'⺏': '尢',
	'⺐': '尢',
	'⺑': '尢',
	'⺒': '巳',
	'⺓': '幺',
	'⺔': '彑',
	'⺛': '旡',
	'⺝': '月',
	'⺟': '母',
	'⺠': '民',
	'⺦': '丬',
	'⺮': '竹',
	'⺳': '网',
	'⺶': '羊',
	'⺼': '肉',
	'⺾': '艹',
	'⻀': '艹',
	'⻁': '虎',
	'⻄': '西',
	'⻅': '见',
	'⻆': '角',
	'⻈': '讠',
	'⻉': '贝',
	'⻋': '车',
	'⻍': '辶',
	'⻐': '钅',
	'⻑': '長',
	'⻓': '长',
	'⻔': '门',
	'⻗': '雨',
	'⻘': '青',
	'⻙': '韦',
	'⻚': '页',
	'⻛': '风',
	'⻜': '飞',
	'⻝': '食',
	'⻠': '饣',
	'⻢': '马',
	'⻣': '骨',
	'⻤': '鬼',
	'⻥': '鱼',
	'⻦': '鸟',
	'⻧': '卤',
	'⻨': '麦',
	'⻩': '黄',
	'⻬': '齐',
	'⻮': '齿',
	'⻯': '竜',
	'⻰': '龙',
	'⻳': '龟',
};

const isBoldFont = (font: string) => /bold|black|heavy|semibold|demibold/i.test(font);

/** The size most characters are set in: the body type. */
export function bodySize(runs: readonly TextRun[]): number {
	const counts = new Map<number, number>();
	for (const run of runs) {
		const size = Math.round(run.size * 4) / 4;
		counts.set(size, (counts.get(size) ?? 0) + Array.from(run.text).length);
	}
	return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 10;
}

/**
 * Joins runs into printed lines: runs on one baseline (a row) that follow each other
 * closely. A gap wider than the type size ends the line, so columns on one baseline stay
 * apart. Visible gaps inside a line are kept (`gaps`), to be read as spaces or not once
 * the line's column is known (see `lineText`).
 */
export function buildLines(runs: readonly TextRun[]): Omit<Line, 'frame' | 'leaf'>[] {
	const visible = runs.filter((run) => run.text.trim() !== '' && run.size > 0);
	const body = bodySize(visible);
	const atBody = visible.filter((run) => Math.abs(run.size - body) < 0.3);
	const bodyBold = atBody.filter((run) => isBoldFont(run.font)).length > atBody.length / 2;
	// Space runs are kept (a printed space), but never start or end a line.
	const sorted = runs
		.filter((run) => run.size > 0 && run.text !== '')
		.sort((a, b) => a.baseline - b.baseline);
	const rows: TextRun[][] = [];
	for (const run of sorted) {
		const row = rows.at(-1);
		if (row && Math.abs(run.baseline - row[0]!.baseline) < 0.35 * Math.min(run.size, row[0]!.size))
			row.push(run);
		else rows.push([run]);
	}
	const lines: Omit<Line, 'frame' | 'leaf'>[] = [];
	for (const row of rows) {
		row.sort((a, b) => a.x - b.x);
		let group: TextRun[] = [];
		let end = -Infinity;
		const flush = () => {
			while (group.length > 0 && group.at(-1)!.text.trim() === '') group.pop();
			if (group.length > 0) lines.push(lineOf(group, body, bodyBold));
			group = [];
		};
		for (const run of row) {
			const size = Math.max(run.size, group.at(-1)?.size ?? 0);
			if (group.length > 0 && run.x - end >= 1.2 * size) flush();
			if (group.length === 0 && run.text.trim() === '') continue;
			group.push(run);
			end = Math.max(end, run.x + run.width);
		}
		flush();
	}
	return lines;
}

/**
 * Characters a simplified-Chinese (SC) font draws with one glyph for two code points,
 * whose Unicode table the PDF writer filled with the traditional one: in an SC font the
 * printed shape is the simplified character.
 */
const SC_SHARED_GLYPHS: Record<string, string> = { 戶: '户' };
const isScFont = (font: string) => /CJK\s*sc|[-_ ]SC\b|GB|Hans/i.test(font);

function lineOf(runs: TextRun[], body: number, bodyBold: boolean): Omit<Line, 'frame' | 'leaf'> {
	const pieces: { text: string; gap: number }[] = [];
	let end = runs[0]!.x;
	for (const run of runs) {
		let text = normaliseText(run.text);
		if (isScFont(run.font)) text = text.replace(/[戶]/gu, (char) => SC_SHARED_GLYPHS[char] ?? char);
		pieces.push({ text, gap: (run.x - end) / run.size });
		end = Math.max(end, run.x + run.width);
	}
	// The most characters decide the line's size and weight.
	const weight = (run: TextRun) => Array.from(run.text).length;
	const main = [...runs].sort((a, b) => weight(b) - weight(a))[0]!;
	const bold = isBoldFont(main.font);
	const size = main.size;
	const baseline = runs.reduce((sum, run) => sum + run.baseline, 0) / runs.length;
	return {
		text: pieces.map((piece) => piece.text).join(''),
		pieces,
		box: { x0: runs[0]!.x, x1: end, y0: baseline - 0.88 * size, y1: baseline + 0.12 * size },
		baseline,
		size,
		bold,
		heading: size > body * 1.12 || (bold && !bodyBold),
	};
}

/**
 * A line's text. A gap of more than 0.15 em between runs is a space, except in a line set
 * justified to its column's full width, where the setter spread the characters: there
 * only a gap between two Latin letters or digits is a space.
 */
export function lineText(line: Pick<Line, 'pieces'>, justified: boolean): string {
	let text = '';
	for (const piece of line.pieces) {
		const before = Array.from(text).at(-1) ?? '';
		const after = Array.from(piece.text)[0] ?? '';
		const space =
			text !== '' &&
			piece.gap > 0.15 &&
			!/\s$/.test(text) &&
			!/^\s/.test(piece.text) &&
			(!justified || (/[A-Za-z0-9]/.test(before) && /[A-Za-z0-9]/.test(after)));
		text += space ? ` ${piece.text}` : piece.text;
	}
	text = text.trim().replace(/\s+/g, ' ');
	// PDF.js itself puts spaces into wide gaps; in a justified line they are the setter's.
	if (justified) text = text.replace(/(?<![A-Za-z0-9]) | (?![A-Za-z0-9])/g, '');
	return text;
}

/** Lines inside the page's head or foot band (the folio), split off from the rest. */
export function splitFolio(
	lines: readonly Omit<Line, 'frame' | 'leaf'>[],
	graphics: PageGraphics,
	page: { width: number; height: number },
): { folio: Omit<Line, 'frame' | 'leaf'>[]; body: Omit<Line, 'frame' | 'leaf'>[] } {
	const wide = graphics.rules.filter(
		(rule) => rule.x1 - rule.x0 >= 0.8 * page.width && rule.y1 - rule.y0 <= 3,
	);
	const top = wide.filter((rule) => rule.y1 < 0.15 * page.height).map((rule) => rule.y0);
	const bottom = wide.filter((rule) => rule.y0 > 0.85 * page.height).map((rule) => rule.y1);
	const headEnd = top.length > 0 ? Math.max(...top) : undefined;
	const footStart = bottom.length > 0 ? Math.min(...bottom) : undefined;
	const folioLike = /\d{4}\s*年|第\s*\S{1,3}\s*版|\d{1,2}\s*版/;
	const folio: Omit<Line, 'frame' | 'leaf'>[] = [];
	const body: Omit<Line, 'frame' | 'leaf'>[] = [];
	for (const line of lines) {
		const inHead =
			headEnd !== undefined
				? line.box.y1 <= headEnd
				: line.box.y1 < 0.05 * page.height && folioLike.test(line.text);
		const inFoot =
			footStart !== undefined
				? line.box.y0 >= footStart
				: line.box.y0 > 0.95 * page.height && folioLike.test(line.text);
		(inHead || inFoot ? folio : body).push(line);
	}
	return { folio, body };
}

interface Cut {
	lines: Omit<Line, 'frame' | 'leaf'>[];
	frame: { x0: number; x1: number };
}

interface Gap {
	at: number;
	from: number;
	to: number;
}

function gaps(intervals: [number, number][], minimum: number): Gap[] {
	const sorted = [...intervals].sort((a, b) => a[0] - b[0]);
	const found: Gap[] = [];
	let reach = sorted[0]?.[1] ?? 0;
	for (const [start, end] of sorted.slice(1)) {
		if (start - reach >= minimum) found.push({ at: (start + reach) / 2, from: reach, to: start });
		reach = Math.max(reach, end);
	}
	return found;
}

function splitAt<T>(items: T[], cuts: number[], position: (item: T) => number): T[][] {
	const groups: T[][] = cuts.map(() => []);
	groups.push([]);
	for (const item of items) {
		const index = cuts.filter((cut) => position(item) > cut).length;
		groups[index]!.push(item);
	}
	return groups.filter((group) => group.length > 0);
}

/**
 * Reading order by recursive XY-cut: a region is cut at the white bands, at least `gap`
 * wide, that no line crosses — across (rows, read top to bottom) or down (columns, read
 * left to right). When both exist, the direction with the strongest band wins: a band
 * with a printed rule along it beats any bare one, then the wider band wins. A region
 * with no band is one column piece, read top down. Each line remembers its column (the
 * region after the last cut down), whose edges tell a full line from a short one.
 */
export function readingOrder(
	lines: readonly Omit<Line, 'frame' | 'leaf'>[],
	gap: number,
	rules: readonly Rect[] = [],
): Line[] {
	const ordered: Line[] = [];
	let leaf = 0;
	const frameOf = (group: Cut['lines']) => ({
		x0: Math.min(...group.map((line) => line.box.x0)),
		x1: Math.max(...group.map((line) => line.box.x1)),
	});
	const strength = (band: Gap, across: boolean, region: Rect) => {
		const ruled = rules.some((rule) =>
			across
				? rule.y1 - rule.y0 <= 3 &&
					rule.y0 >= band.from - 1 &&
					rule.y1 <= band.to + 1 &&
					rule.x1 - rule.x0 >= 0.5 * (region.x1 - region.x0)
				: rule.x1 - rule.x0 <= 3 &&
					rule.x0 >= band.from - 1 &&
					rule.x1 <= band.to + 1 &&
					rule.y1 - rule.y0 >= 0.5 * (region.y1 - region.y0),
		);
		return (ruled ? 1000 : 0) + (band.to - band.from);
	};
	const visit = ({ lines: group, frame }: Cut) => {
		const region = bounds(group.map((line) => line.box));
		// A printed rule that crosses a white band closes it: a rule over three columns
		// ties them into one story, so the page is not cut down between them.
		const crossed = (band: Gap, isAcross: boolean) =>
			rules.some((rule) =>
				isAcross
					? rule.x1 - rule.x0 <= 3 &&
						rule.y0 < band.from &&
						rule.y1 > band.to &&
						rule.x0 > region.x0 &&
						rule.x1 < region.x1
					: rule.y1 - rule.y0 <= 3 &&
						rule.x0 < band.from &&
						rule.x1 > band.to &&
						rule.y0 > region.y0 &&
						rule.y1 < region.y1,
			);
		const across = gaps(
			group.map((line) => [line.box.y0, line.box.y1]),
			gap,
		).filter((band) => !crossed(band, true));
		const down = gaps(
			group.map((line) => [line.box.x0, line.box.x1]),
			gap,
		).filter((band) => !crossed(band, false));
		const best = (found: Gap[], isAcross: boolean) =>
			Math.max(-1, ...found.map((band) => strength(band, isAcross, region)));
		// Cut only at the bands as strong as the best: ruled bands when there are any.
		const strong = (found: Gap[], isAcross: boolean, top: number) =>
			found
				.filter((band) => strength(band, isAcross, region) >= 1000 || top < 1000)
				.map((band) => band.at);
		const bestAcross = best(across, true);
		const bestDown = best(down, false);
		if (across.length > 0 && bestAcross >= bestDown) {
			const cuts = strong(across, true, bestAcross);
			for (const part of splitAt(group, cuts, (line) => (line.box.y0 + line.box.y1) / 2))
				visit({ lines: part, frame });
			return;
		}
		if (down.length > 0) {
			const cuts = strong(down, false, bestDown);
			for (const part of splitAt(group, cuts, (line) => (line.box.x0 + line.box.x1) / 2))
				visit({ lines: part, frame: frameOf(part) });
			return;
		}
		leaf++;
		for (const line of [...group].sort((a, b) => a.baseline - b.baseline))
			ordered.push({ ...line, frame, leaf });
	};
	if (lines.length > 0) visit({ lines: [...lines], frame: frameOf([...lines]) });
	return ordered;
}

export interface BuiltParagraph {
	/** Printed lines of the paragraph after joining: a full line runs on into the next. */
	lines: string[];
	heading: boolean;
	/** Indexes into the ordered lines. */
	sources: number[];
}

export interface ColumnJoin {
	/** A few characters either side of the column break, `|` where it was. */
	context: string;
	/** Index of the paragraph it joined. */
	paragraph: number;
}

const chars = (text: string) => Array.from(text);
const tail = (text: string) => chars(text).slice(-8).join('');
const head = (text: string) => chars(text).slice(0, 8).join('');

/**
 * Paragraphs from line geometry. A body line starts a paragraph when it is indented, or
 * follows a heading, or comes after a gap clearly wider than the line spacing. Otherwise
 * it continues the paragraph: on the same line when the line before ran to its column's
 * end (across a column break, that is a column join), on a new line when it stopped short
 * (an address block). Heading lines close together make one heading, joined by a space
 * unless the first ran to the column's end.
 */
export function buildParagraphs(lines: readonly Line[]): {
	paragraphs: BuiltParagraph[];
	joins: ColumnJoin[];
} {
	const paragraphs: BuiltParagraph[] = [];
	const joins: ColumnJoin[] = [];
	// The usual baseline step of body lines within one column piece.
	const steps = lines
		.slice(1)
		.map((line, index) => ({ line, previous: lines[index]! }))
		.filter(
			({ line, previous }) => line.leaf === previous.leaf && !line.heading && !previous.heading,
		)
		.map(({ line, previous }) => line.baseline - previous.baseline)
		.filter((step) => step > 0)
		.sort((a, b) => a - b);
	const step = steps[Math.floor(steps.length / 2)] ?? 12;

	const full = (of: Line) => of.box.x1 >= of.frame.x1 - 0.5 * of.size;
	for (const [index, line] of lines.entries()) {
		const previous = index > 0 ? lines[index - 1]! : undefined;
		const current = paragraphs.at(-1);
		const sameLeaf = previous !== undefined && previous.leaf === line.leaf;
		const wideGap = sameLeaf && line.baseline - previous.baseline > 1.45 * step;
		const justified = !line.heading && full(line) && line.box.x0 <= line.frame.x0 + 2.5 * line.size;
		const text = lineText(line, justified);
		const start = () => paragraphs.push({ lines: [text], heading: line.heading, sources: [index] });
		if (!previous || !current) {
			start();
			continue;
		}
		if (line.heading) {
			const close = sameLeaf && previous.heading && line.box.y0 - previous.box.y1 < 0.6 * line.size;
			if (!close) {
				start();
				continue;
			}
			const last = current.lines.length - 1;
			current.lines[last] += full(previous) ? text : ` ${text}`;
			current.sources.push(index);
			continue;
		}
		const indented = line.box.x0 >= line.frame.x0 + 1.5 * line.size;
		// A new column piece after a line that stopped short: white space came between.
		const newPiece = !sameLeaf && !full(previous);
		if (previous.heading || indented || wideGap || newPiece) {
			start();
			continue;
		}
		const last = current.lines.length - 1;
		if (full(previous)) {
			if (!sameLeaf) {
				joins.push({
					context: `${tail(current.lines[last]!)}|${head(text)}`,
					paragraph: paragraphs.length - 1,
				});
			}
			current.lines[last] += text;
		} else {
			current.lines.push(text);
		}
		current.sources.push(index);
	}
	return { paragraphs, joins };
}

/**
 * The fewest rectangles that describe an item: its column pieces are merged pairwise,
 * smallest first, while the merged rectangle is mostly the item's own (at least 80 %) and
 * takes in almost nothing of any other item (at most 2 %). Two columns side by side merge;
 * an L-shaped story stays two rectangles, made not to overlap.
 */
export function mergeRegions(own: readonly Rect[], others: readonly Rect[]): Rect[] {
	let rects = own.map((rect) => ({ ...rect }));
	const covered = (target: Rect) =>
		own.reduce((sum, rect) => sum + area(intersection(rect, target)), 0);
	const intrusion = (target: Rect) =>
		others.reduce((sum, rect) => sum + area(intersection(rect, target)), 0);
	for (;;) {
		let best: { i: number; j: number; rect: Rect } | undefined;
		for (let i = 0; i < rects.length; i++) {
			for (let j = i + 1; j < rects.length; j++) {
				const merged = union(rects[i]!, rects[j]!);
				const size = area(merged);
				if (covered(merged) < 0.8 * size || intrusion(merged) > 0.02 * size) continue;
				if (!best || size < area(best.rect)) best = { i, j, rect: merged };
			}
		}
		if (!best) break;
		rects = rects.filter((_, index) => index !== best.i && index !== best.j);
		rects.push(best.rect);
	}
	// Trim overlaps: a narrower rectangle under a wider one starts where the wider ends.
	for (const a of rects) {
		for (const b of rects) {
			if (a === b) continue;
			const inside = b.x0 >= a.x0 - 1 && b.x1 <= a.x1 + 1;
			if (inside && b.y0 >= a.y0 - 1 && b.y0 < a.y1 && b.y1 > a.y1) b.y0 = a.y1;
		}
	}
	return rects.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

/** A rectangle as fractions of the page, rounded to 4 decimals: the `regions` YAML shape. */
export function toFractions(
	rect: Rect,
	page: { width: number; height: number },
): { x: number; y: number; w: number; h: number } {
	const round = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 10_000) / 10_000;
	const x = round(rect.x0 / page.width);
	const y = round(rect.y0 / page.height);
	return {
		x,
		y,
		w: round(Math.min(rect.x1 / page.width, 1) - x),
		h: round(Math.min(rect.y1 / page.height, 1) - y),
	};
}

/** Intersection over union of two sets of rectangles (each set's union), on a fine grid. */
export function regionIoU(
	a: readonly { x: number; y: number; w: number; h: number }[],
	b: readonly { x: number; y: number; w: number; h: number }[],
	cells = 1000,
): number {
	const inside = (set: typeof a, px: number, py: number) =>
		set.some((r) => px >= r.x && px < r.x + r.w && py >= r.y && py < r.y + r.h);
	let both = 0;
	let either = 0;
	for (let i = 0; i < cells; i++) {
		for (let j = 0; j < cells; j++) {
			const px = (i + 0.5) / cells;
			const py = (j + 0.5) / cells;
			const inA = inside(a, px, py);
			const inB = inside(b, px, py);
			if (inA && inB) both++;
			if (inA || inB) either++;
		}
	}
	return either === 0 ? 0 : both / either;
}
