import { readFileSync } from 'node:fs';
import { compact } from '../../support/html.ts';
import { SEED_FILE } from '../../support/paths.ts';

/**
 * The seed: one printed page (2021-11-11, page 2) as plain text, in print order,
 * columns broken where the paper broke them. Tests compare the built site with it.
 */

export { SEED_FILE } from '../../support/paths.ts';

/** The continuation marker as the seed writes it, and as the site prints it. */
const SEED_MARKER = '(上接一版)';
export const SITE_MARKER = '（上接一版）';

export function readSeed(): string {
	return readFileSync(SEED_FILE, 'utf8');
}

/**
 * Sentences of a piece of seed text: split on 。！？ and line breaks, whitespace removed,
 * empty pieces dropped. The `(上接一版)` marker becomes its own sentence written the way
 * the site prints it (`（上接一版）`, in its own paragraph); nothing else is normalised.
 */
export function seedSentences(text: string): string[] {
	return text
		.replaceAll(SEED_MARKER, `\n${SITE_MARKER}\n`)
		.split(/[。！？\r\n]+/u)
		.map(compact)
		.filter((sentence) => sentence.length > 0);
}

export interface SeedItem {
	/** Where the item's own page is. */
	url: string;
	/** The item's seed text, as printed. */
	text: string;
}

/**
 * The seed cut into the items printed on the page, by the line each item starts with,
 * in print order. Throws when a start line is not found, so a changed seed is noticed.
 */
export function seedItems(seed = readSeed()): SeedItem[] {
	const starts: { url: string; startsWith: string; occurrence?: number }[] = [
		{ url: '/articles/2021-11-11/02-tashiliuyin/', startsWith: '以踏石留印的狠劲抓落实' },
		{ url: '/articles/2021-11-11/02-zhu-haiyi/', startsWith: `${SEED_MARKER}在湖北打工的朱卫国` },
		{ url: '/adverts/2021-11-11/02-caizhengju/', startsWith: '全面实施预算绩效管理' },
		{ url: '/notices/2021-11-11/02-shiyingshi-paimai/', startsWith: '罚没石英石矿石拍卖公告' },
		{ url: '/adverts/2021-11-11/02-xingfu-ankang-jiu/', startsWith: '聚山水之灵气' },
		{ url: '/adverts/2021-11-11/02-chuangwen/', startsWith: '共建全国文明城' },
	];
	const offsets = starts.map(({ startsWith }) => {
		const offset = seed.indexOf(startsWith);
		if (offset < 0) throw new Error(`the seed no longer contains “${startsWith}”`);
		return offset;
	});
	offsets.forEach((offset, index) => {
		if (index > 0 && offset <= offsets[index - 1]!)
			throw new Error('seed items are not in the expected order');
	});
	if (seed.slice(0, offsets[0]).trim() !== '')
		throw new Error('the seed has text before its first item');
	return starts.map(({ url }, index) => ({
		url,
		text: seed.slice(offsets[index], offsets[index + 1] ?? seed.length),
	}));
}

export interface OrderProblem {
	sentence: string;
	problem: 'missing' | 'out of order';
}

/**
 * Checks that every sentence occurs in `text` (whitespace-free), each after the one
 * before it. Greedy earliest matching finds an ordered placement whenever one exists.
 */
export function findOrderProblems(
	compactText: string,
	sentences: readonly string[],
): OrderProblem[] {
	const problems: OrderProblem[] = [];
	let cursor = 0;
	for (const sentence of sentences) {
		const at = compactText.indexOf(sentence, cursor);
		if (at >= 0) {
			cursor = at + sentence.length;
		} else {
			problems.push({
				sentence,
				problem: compactText.includes(sentence) ? 'out of order' : 'missing',
			});
		}
	}
	return problems;
}
