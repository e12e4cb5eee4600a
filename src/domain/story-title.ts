import { chineseNumeral } from './dates.ts';

export interface TitledPart {
	title?: string | undefined;
	continuedFrom?: { page: number } | undefined;
}

/**
 * The title to show for a story part. A continuation part printed without its headline
 * shows the headline of the part it continues, when the archive has that part
 * (`storyHeadline`: 以踏石留印的狠劲抓落实（续）); otherwise a label saying where the
 * headline ran. Never an invented headline.
 */
export function storyTitle(
	part: TitledPart,
	storyHeadline?: string,
): { text: string; isPrinted: boolean } {
	if (part.title) return { text: part.title, isPrinted: true };
	if (storyHeadline) return { text: `${storyHeadline}（续）`, isPrinted: false };
	const page = part.continuedFrom?.page;
	const where = page ? `${chineseNumeral(page)}版` : '前一版';
	return { text: `（标题刊于${where}，本档案未收录）`, isPrinted: false };
}

/** Characters of a continuation's opening words shown in place of its headline. */
export const CONTINUATION_OPENING_CHARACTERS = 12;

/**
 * How lists and search results name a continuation part printed without its headline:
 * by its opening words, marked as a continuation (`续：在湖北打工的朱卫国……`). The words
 * are its first clause, cut after CONTINUATION_OPENING_CHARACTERS characters.
 */
export function continuationLabel(openingText: string): string {
	const text = openingText.replace(/\s+/g, '').trim();
	const clause = /^[^，,。！？!?；;]*/u.exec(text)?.[0] ?? text;
	const characters = [...clause];
	const opening = characters.slice(0, CONTINUATION_OPENING_CHARACTERS).join('');
	return `续：${opening.replace(/[，,、：:]+$/u, '')}……`;
}
