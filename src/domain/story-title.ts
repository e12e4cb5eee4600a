import { chineseNumeral } from './dates.ts';

export interface TitledPart {
	title?: string | undefined;
	continuedFrom?: { page: number } | undefined;
}

/**
 * The title to show for a story. A continuation part printed without its headline
 * gets a label saying where the headline ran, never an invented headline.
 */
export function storyTitle(part: TitledPart): { text: string; isPrinted: boolean } {
	if (part.title) return { text: part.title, isPrinted: true };
	const page = part.continuedFrom?.page;
	const where = page ? `${chineseNumeral(page)}版` : '前一版';
	return { text: `（标题刊于${where}，本档案未收录）`, isPrinted: false };
}
