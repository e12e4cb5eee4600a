import { describe, expect, test } from 'vitest';
import { readFolio } from '../../scripts/lib/pdf-import/index.ts';
import {
	buildLines,
	buildParagraphs,
	lineText,
	mergeRegions,
	normaliseText,
	readingOrder,
	regionIoU,
	toFractions,
	type Rect,
	type TextRun,
} from '../../scripts/lib/pdf-import/layout.ts';

/**
 * The page geometry the PDF import relies on, on made-up pages small enough to reason
 * about: lines from runs, reading order by XY-cut with rules, paragraphs from indents and
 * line ends, and the fewest rectangles for an item.
 */

const SIZE = 10;
const REGULAR = 'AAAAAA+NotoSerifCJKsc-Regular';

/** A column of text lines: each line is `[indent in ems, text, full?]`. */
function column(x: number, top: number, width: number, lines: [number, string, boolean][]) {
	return lines.map(([indent, text, full], index): TextRun => {
		const start = x + indent * SIZE;
		return {
			text,
			x: start,
			width: full ? x + width - start : Array.from(text).length * SIZE,
			baseline: top + (index + 1) * 15,
			size: SIZE,
			font: REGULAR,
		};
	});
}

describe('lines and text', () => {
	test('runs on one baseline are one line unless a gutter parts them', () => {
		const runs: TextRun[] = [
			{ text: '第一栏', x: 0, width: 30, baseline: 20, size: SIZE, font: REGULAR },
			{ text: '接着', x: 30, width: 20, baseline: 20.2, size: SIZE, font: REGULAR },
			{ text: '第二栏', x: 70, width: 30, baseline: 20, size: SIZE, font: REGULAR },
		];
		expect(buildLines(runs).map((line) => line.text)).toEqual(['第一栏接着', '第二栏']);
	});

	test('spaces PDF.js put in a justified line are dropped, a set space elsewhere kept', () => {
		const pieces = [
			{ text: '全 局 的', gap: 0 },
			{ text: '大事 , 做到', gap: 0.1 },
			{ text: 'Top 10', gap: 0 },
		];
		expect(lineText({ pieces }, true)).toBe('全局的大事,做到Top 10');
		expect(
			lineText(
				{
					pieces: [
						{ text: '浓浓家乡情', gap: 0 },
						{ text: '幸福安康酒', gap: 0.25 },
					],
				},
				false,
			),
		).toBe('浓浓家乡情 幸福安康酒');
	});

	test('radical look-alikes become the ideographs; full-width punctuation stays', () => {
		expect(normaliseText('部⻔⽇报，⻓')).toBe('部门日报，长');
		const [line] = buildLines([
			{ text: '账戶', x: 0, width: 20, baseline: 10, size: SIZE, font: REGULAR },
		]);
		expect(line!.text).toBe('账户');
	});
});

describe('reading order and paragraphs', () => {
	test('columns are read down, then across; a rule over three columns keeps them one story', () => {
		// An L: story A down columns 1–2 and across the top of 3–4; a rule; story B below in 3–4.
		const runs = [
			...column(
				0,
				0,
				100,
				[[2, 'A1', false]].concat(
					Array<[number, string, boolean]>(9).fill([0, 'A', true]),
				) as never,
			),
			...column(120, 0, 100, Array<[number, string, boolean]>(10).fill([0, 'A', true])),
			...column(240, 0, 100, Array<[number, string, boolean]>(3).fill([0, 'A', true])),
			...column(360, 0, 100, [
				[0, 'A', true],
				[0, 'A', true],
				[0, 'A末。', false],
			]),
			...column(
				240,
				70,
				100,
				[[2, 'B1', true]].concat(Array<[number, string, boolean]>(5).fill([0, 'B', true])) as never,
			),
			...column(360, 70, 100, Array<[number, string, boolean]>(5).fill([0, 'B', true])),
		];
		const rules: Rect[] = [{ x0: 240, y0: 58, x1: 460, y1: 59 }];
		const lines = readingOrder(buildLines(runs), 0.9 * SIZE, rules);
		const order = lines.map((line) => line.text[0]).join('');
		expect(order).toBe(`${'A'.repeat(26)}${'B'.repeat(11)}`);
		// Without the rule the gutters win and B is read in the middle of A.
		const bare = readingOrder(buildLines(runs), 0.9 * SIZE)
			.map((line) => line.text[0])
			.join('');
		expect(bare).not.toBe(order);
	});

	test('an indent starts a paragraph; a full line runs on, across a column break too', () => {
		const runs = [
			...column(0, 0, 100, [
				[2, '第一段开头', true],
				[0, '第一段结尾。', false],
				[2, '第二段开头', true],
				[0, '第二段到栏底', true],
			]),
			...column(120, 0, 100, [
				[0, '第二段接着接着', true],
				[0, '第二段完。', false],
				[0, '地址一行', false],
				[2, '第三段。', false],
			]),
		];
		const { paragraphs, joins } = buildParagraphs(readingOrder(buildLines(runs), 0.9 * SIZE));
		expect(paragraphs.map((paragraph) => paragraph.lines)).toEqual([
			['第一段开头第一段结尾。'],
			['第二段开头第二段到栏底第二段接着接着第二段完。', '地址一行'],
			['第三段。'],
		]);
		expect(joins.map((join) => join.context)).toEqual(['开头第二段到栏底|第二段接着接着']);
	});
});

describe('regions', () => {
	test('side-by-side columns make one rectangle; an L makes two that do not overlap', () => {
		const col = (x: number, y0: number, y1: number): Rect => ({ x0: x, y0, x1: x + 100, y1 });
		expect(mergeRegions([col(0, 0, 500), col(110, 0, 480)], [])).toEqual([
			{ x0: 0, y0: 0, x1: 210, y1: 500 },
		]);
		const head: Rect = { x0: 0, y0: 0, x1: 430, y1: 40 };
		const own = [head, col(0, 50, 900), col(110, 50, 900), col(220, 50, 200), col(330, 50, 200)];
		const other = [col(220, 220, 900), col(330, 220, 900)];
		const merged = mergeRegions(own, other);
		expect(merged).toEqual([
			{ x0: 0, y0: 0, x1: 430, y1: 200 },
			{ x0: 0, y0: 200, x1: 210, y1: 900 },
		]);
	});

	test('fractions are rounded to 4 decimals and IoU compares shapes', () => {
		expect(toFractions({ x0: 10, y0: 20, x1: 110, y1: 220 }, { width: 300, height: 400 })).toEqual({
			x: 0.0333,
			y: 0.05,
			w: 0.3334,
			h: 0.5,
		});
		const box = [{ x: 0.1, y: 0.1, w: 0.4, h: 0.4 }];
		expect(regionIoU(box, box, 200)).toBe(1);
		expect(regionIoU(box, [{ x: 0.3, y: 0.1, w: 0.4, h: 0.4 }], 200)).toBeCloseTo(1 / 3, 2);
	});
});

describe('the folio line', () => {
	test('reads the date and the page as papers print them', () => {
		expect(readFolio('第2版 安康日报 2021年11月11日')).toMatchObject({
			date: '2021-11-11',
			page: 2,
		});
		expect(readFolio('2022年3月8日 星期二 A02版')).toMatchObject({ date: '2022-03-08', page: 2 });
		expect(readFolio('安康日报 第十二版')).toMatchObject({ page: 12 });
		expect(readFolio('安康日报')).toEqual({ text: '安康日报' });
	});
});
