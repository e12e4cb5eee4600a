import type { ContentProblem } from './problem.ts';
import { PRINTED, type EntrySummary } from './summary.ts';
import { problemAt } from './validate.ts';

/**
 * Two files that claim one address, and one item filed twice. Astro keeps one of two
 * entries with the same id and drops the other without a word, so these are errors.
 * They compare every entry with every other, from each entry's summary (summary.ts).
 */

/** Files whose ids collide (`A.md` and `a.md`, `x.md` and `x.mdx`) would share one page. */
export function findDuplicateIds(entries: readonly EntrySummary[]): ContentProblem[] {
	const seen = new Map<string, EntrySummary>();
	const problems: ContentProblem[] = [];
	for (const entry of entries) {
		const key = `${entry.collection}/${entry.id}`;
		const first = seen.get(key);
		if (first) {
			problems.push({
				file: entry.file,
				field: '',
				code: 'duplicate-address',
				message: `与 ${first.file} 的地址相同（/${key}/），网站只会保留其中一个 / claims the same address as ${first.file} (/${key}/); the site would keep only one`,
				fix: '文件名只差大小写或扩展名也算同名：改其中一个文件名，或删去重复的那个 / names that differ only in case or extension count as the same: rename one file or delete the copy',
			});
		} else {
			seen.set(key, entry);
		}
	}
	return problems;
}

/** An issue's address is its date: the file must be named after it, and one file per date. */
export function findIssueAddressProblems(entries: readonly EntrySummary[]): ContentProblem[] {
	const problems: ContentProblem[] = [];
	const byDate = new Map<string, EntrySummary>();
	for (const issue of entries.filter((entry) => entry.collection === 'issues' && entry.readable)) {
		const date = issue.date;
		if (date === undefined) continue;
		const first = byDate.get(date);
		if (first) {
			problems.push(
				problemAt(issue, ['date'], {
					code: 'duplicate-address',
					message: `与 ${first.file} 是同一期（${date}），都占用 /issues/${date}/ / the same issue (${date}) as ${first.file}: both claim /issues/${date}/`,
					fix: `一天只建一个期文件：把这里的版面并入 ${first.file} 后删去本文件，或改正日期 / keep one issue file per day: move its pages into ${first.file} and delete this file, or correct the date`,
				}),
			);
			continue;
		}
		byDate.set(date, issue);
		if (issue.id !== date) {
			problems.push(
				problemAt(issue, ['date'], {
					code: 'issue-file-name',
					message: `期文件名应与日期一致：${date}.md / an issue file must be named after its date: ${date}.md`,
					fix: `把文件改名为 ${date}.md，或改正 date / rename the file to ${date}.md, or correct date`,
				}),
			);
		}
	}
	return problems;
}

/**
 * The same story filed twice: two items of one date and page with the same headline or
 * the same long text. Reported on the later file, naming the first. The same text on
 * another date or page is a reprint (a notice run three times, an article printed again),
 * which is accepted: the pages link each other (同文另见, src/domain/reprints.ts).
 */
export function findDuplicateStories(entries: readonly EntrySummary[]): ContentProblem[] {
	const problems: ContentProblem[] = [];
	const byHeadline = new Map<string, EntrySummary>();
	const byBody = new Map<string, EntrySummary>();
	for (const entry of entries) {
		if (!entry.readable || !PRINTED.includes(entry.collection)) continue;
		const { date, page, bodyDigest: digest } = entry;
		const title = entry.headline ?? '';
		let first: EntrySummary | undefined;
		let how = '';
		if (date !== undefined && page !== undefined && title !== '') {
			const key = `${entry.collection}#${date}#${page}#${title}`;
			first = byHeadline.get(key);
			if (first) how = '同一天同一版、标题相同 / same date, page and headline';
			else byHeadline.set(key, entry);
		}
		if (!first && digest !== undefined && date !== undefined && page !== undefined) {
			const key = `${date}#${page}#${digest}`;
			first = byBody.get(key);
			if (first) how = '同一天同一版、正文完全相同 / same date and page, identical text';
			else byBody.set(key, entry);
		}
		if (first) {
			const problem = {
				code: 'duplicate-story' as const,
				message: `与 ${first.file} 似乎是同一篇稿件（${how.split(' / ')[0]}）/ seems to be the same item as ${first.file} (${how.split(' / ')[1]})`,
				fix: '保留一个文件，删去另一个；若确是两篇不同稿件，请改正标题或日期。不同日期或不同版重登的同一篇是“重登”，可以保留 / keep one file and delete the other; if they really are two items, correct the headline or date. The same text on another date or page is a reprint, which is accepted',
			};
			problems.push(
				how.includes('正文')
					? { file: entry.file, line: entry.bodyLine, field: 'body', ...problem }
					: problemAt(entry, ['title'], problem),
			);
		}
	}
	return problems;
}

/**
 * Two items of one page with the same `order`: the page view could show them in either
 * order. Reported on the later file, naming the first.
 */
export function findDuplicateOrders(entries: readonly EntrySummary[]): ContentProblem[] {
	const problems: ContentProblem[] = [];
	const byPlace = new Map<string, EntrySummary>();
	for (const entry of entries) {
		if (!entry.readable || !PRINTED.includes(entry.collection)) continue;
		const { date, page, order } = entry;
		if (date === undefined || page === undefined || order === undefined) continue;
		const key = `${date}#${page}#${order}`;
		const first = byPlace.get(key);
		if (!first) {
			byPlace.set(key, entry);
			continue;
		}
		problems.push(
			problemAt(entry, ['order'], {
				code: 'duplicate-order',
				message: `${first.file} 也是 ${date} 第${page}版的第 ${order} 篇（order: ${order}），版面上分不出先后 / ${first.file} is also item ${order} of page ${page} on ${date}; the page cannot tell which comes first`,
				fix: `按原报从上到下、从右到左的顺序给这一版的稿件重新编号，每篇一个 order / number the page’s items again in print order (top to bottom, right to left), one order each`,
			}),
		);
	}
	return problems;
}
