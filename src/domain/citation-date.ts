import { calendarDateIn } from './dates.ts';
import { generationTime } from './notice-status.ts';

/**
 * The 引用日期 printed in online citations: the day the site was generated, in the paper's
 * time zone. `SOURCE_DATE_EPOCH` pins it (see `generationTime`), so a rebuild of one commit
 * gives the same pages. The copy button replaces it with the reader's own day.
 */
export function citationDate(timeZone: string, env: NodeJS.ProcessEnv = process.env): string {
	return calendarDateIn(generationTime(env), timeZone);
}

/**
 * What an online citation on a page shows for 引用日期 until the reader's script puts in their
 * own day: the page itself names no day, so that it reads the same whether it was rendered
 * today or copied from the build cache.
 */
export const CITED_ON_PLACEHOLDER = '引用日期';
