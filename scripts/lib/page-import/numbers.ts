/**
 * Numbers, money, dates and times as Chinese print writes them: 一版, 2万元, 0.6万元,
 * 2021年11月25日上午10时00分. Pure functions.
 */

const DIGITS: Record<string, number> = {
	〇: 0,
	零: 0,
	一: 1,
	二: 2,
	两: 2,
	三: 3,
	四: 4,
	五: 5,
	六: 6,
	七: 7,
	八: 8,
	九: 9,
};

/** Full-width digits to ASCII: ２ → 2. */
export function halfWidthDigits(text: string): string {
	return text.replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0));
}

/** `一` → 1, `十二` → 12, `二十` → 20, `2` → 2, `１２` → 12; `undefined` for anything else. */
export function parseSmallNumber(text: string): number | undefined {
	const value = halfWidthDigits(text.trim());
	if (/^\d+$/.test(value)) return Number(value);
	const match = /^([一二两三四五六七八九])?(十)?([〇零一二三四五六七八九])?$/.exec(value);
	if (!match || value === '') return undefined;
	const [, tens, ten, ones] = match;
	if (!ten) return tens && !ones ? DIGITS[tens] : ones && !tens ? DIGITS[ones] : undefined;
	return (tens ? DIGITS[tens]! : 1) * 10 + (ones ? DIGITS[ones]! : 0);
}

/** `2万` → 20000, `0.6万` → 6000, `5000` → 5000 (yuan), without floating-point dust. */
export function yuanFrom(amount: string, wan: boolean): number {
	const value = Number(halfWidthDigits(amount));
	return wan ? Math.round(value * 10_000 * 100) / 100 : value;
}

export interface ChineseDateTime {
	/** `YYYY-MM-DD`. */
	date: string;
	/** `HH:MM` when a time of day is given. */
	time?: string;
	/** Offset of the match in the text, and its length. */
	index: number;
	length: number;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** Dates with an optional time of day: 2021年11月25日上午10时00分, 2021年11月24日16时, 2021年11月24日 14:30. */
export const CHINESE_DATE_TIME =
	/(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*[（(]?[星周][期]?[一二三四五六日天][)）]?)?(?:\s*(上午|下午|中午|晚上|早上|凌晨)?\s*(\d{1,2})\s*(?:[时点:：]\s*(?:(\d{1,2})\s*分?)?))?/g;

function isRealDate(year: number, month: number, day: number): boolean {
	const probe = new Date(Date.UTC(year, month - 1, day));
	return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** Every date (and time, where given) written in a text, in order. */
export function findChineseDateTimes(text: string): ChineseDateTime[] {
	const found: ChineseDateTime[] = [];
	for (const match of halfWidthDigits(text).matchAll(CHINESE_DATE_TIME)) {
		const [whole, y, m, d, period, h, min] = match;
		const year = Number(y);
		const month = Number(m);
		const day = Number(d);
		if (!isRealDate(year, month, day)) continue;
		const result: ChineseDateTime = {
			date: `${year}-${pad(month)}-${pad(day)}`,
			index: match.index,
			length: whole.length,
		};
		if (h !== undefined) {
			let hour = Number(h);
			if ((period === '下午' || period === '晚上') && hour < 12) hour += 12;
			if (period === '中午' && hour < 11) hour += 12;
			const minute = min === undefined ? 0 : Number(min);
			if (hour <= 23 && minute <= 59) result.time = `${pad(hour)}:${pad(minute)}`;
		}
		found.push(result);
	}
	return found;
}

/** `2021-11-10` plus `days` days. */
export function addDays(date: string, days: number): string {
	const [year, month, day] = date.split('-').map(Number) as [number, number, number];
	return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/** Phone numbers as printed: 0915-3216489, (0915)-8110009, 17809153393. */
export const PHONE =
	/(?:[(（]0\d{2,3}[)）]\s*[-－]?\s*|0\d{2,3}\s*[-－]\s*)\d{7,8}(?!\d)|(?<![\d-])1[3-9]\d{9}(?!\d)|(?<![\d-])\d{7,8}(?![\d.])/g;
