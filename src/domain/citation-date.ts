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
