import type { HONOUR_CATEGORIES, HONOUR_LEVELS } from '../schemas/person.ts';

export interface HonourFacts {
	title: string;
	level?: (typeof HONOUR_LEVELS)[number] | undefined;
	category?: (typeof HONOUR_CATEGORIES)[number] | undefined;
	year?: number | undefined;
}

/**
 * One honour as a sentence for a profile page: what is known, and nothing said of what
 * is not (`获评“陕西好人”（省级）。`, `2016年获评“全国道德模范”（全国，见义勇为类）。`).
 */
export function honourSentence(honour: HonourFacts): string {
	const details = [honour.level, honour.category && `${honour.category}类`].filter(Boolean);
	const when = honour.year ? `${honour.year}年` : '';
	const what = details.length > 0 ? `（${details.join('，')}）` : '';
	return `${when}获评“${honour.title}”${what}。`;
}
