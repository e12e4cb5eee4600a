import { join, relative } from 'node:path';
import type { CollectionName } from '../schemas/index.ts';
import type { ContentProblem } from './problem.ts';
import { PRINTED, type EntrySummary } from './summary.ts';
import { problemAt } from './validate.ts';

/**
 * References between entries, read from what each file says even when the file has
 * other problems (a misspelt person is worth reporting in a file whose date is also
 * wrong): people named by articles, the parts a story continues from and on, and the
 * issue and page each printed item claims. Read from each entry's summary (summary.ts).
 */

export interface CheckContext {
	/** The content root being checked. */
	root: string;
	/** Paths in messages are relative to this folder. */
	cwd: string;
}

/** `content/people/` (or wherever ARCHIVE_CONTENT points), for messages. */
export function folderLabel(context: CheckContext, ...parts: string[]): string {
	const path = relative(context.cwd, join(context.root, ...parts)) || '.';
	return path.split('\\').join('/');
}

interface IssuePage {
	number: number;
	missing: boolean;
}

export function findBrokenReferences(
	entries: readonly EntrySummary[],
	context: CheckContext,
): ContentProblem[] {
	const problems: ContentProblem[] = [];
	const ids = (collection: CollectionName) =>
		new Set(entries.filter((entry) => entry.collection === collection).map((entry) => entry.id));
	const people = ids('people');
	const articles = new Map(
		entries.filter((entry) => entry.collection === 'articles').map((entry) => [entry.id, entry]),
	);
	const readable = entries.filter((entry) => entry.readable);

	// Issues by the date they claim, with their pages.
	const issues = new Map<string, { entry: EntrySummary; pages: IssuePage[] }>();
	for (const entry of readable.filter((candidate) => candidate.collection === 'issues')) {
		const date = entry.date;
		if (date === undefined || issues.has(date)) continue;
		issues.set(date, { entry, pages: entry.pages ?? [] });
	}
	// Issue files that exist but whose date cannot be read (unparsable, no front matter, a
	// bad date): their problem is reported on them, and their items only point there.
	const brokenIssues = new Map(
		entries
			.filter((entry) => entry.collection === 'issues' && entry.date === undefined)
			.map((entry) => [entry.id, entry]),
	);

	for (const article of readable.filter((entry) => entry.collection === 'articles')) {
		for (const { index, id: person } of article.people ?? []) {
			if (people.has(person)) continue;
			const folder = folderLabel(context, 'people');
			problems.push(
				problemAt(article, ['people', index], {
					code: 'missing-person',
					message: `找不到人物 “${person}”：${folder}/ 下没有 ${person}.md / no person “${person}”: there is no ${folder}/${person}.md`,
					fix: `核对拼写（文件名即人物编号），或先建人物档案：npm run new -- person --id ${person} / check the spelling (the id is the file name), or add the profile first: npm run new -- person --id ${person}`,
				}),
			);
		}
		for (const { field, article: target, page } of article.continuations ?? []) {
			const other = articles.get(target);
			if (!other) {
				const folder = folderLabel(context, 'articles');
				problems.push(
					problemAt(article, [field, 'article'], {
						code: 'missing-article',
						message: `找不到文章 “${target}”：${folder}/ 下没有 ${target}.md / no article “${target}”: there is no ${folder}/${target}.md`,
						fix: '写那篇文章的编号（articles/ 下的路径，不带 .md，如 2021-11-11/01-tashiliuyin）；若那一版未收录，删去 article 这一行，只留 page / give the other part’s id (its path under articles/ without .md); if that page is not archived, remove the article line and keep page',
					}),
				);
				continue;
			}
			const otherPage = other.page;
			if (page !== undefined && otherPage !== undefined && page !== otherPage) {
				problems.push(
					problemAt(article, [field, 'page'], {
						code: 'continuation-mismatch',
						message: `写的是第${page}版，但 ${target} 印在第${otherPage}版 / says page ${page}, but ${target} is printed on page ${otherPage}`,
						fix: `把 page 改成 ${otherPage}，或改正 article / change page to ${otherPage}, or correct article`,
					}),
				);
			}
		}
	}

	for (const item of readable.filter((entry) => PRINTED.includes(entry.collection))) {
		const { date, page } = item;
		if (date === undefined || page === undefined) continue;
		const issue = issues.get(date);
		if (!issue) {
			const broken = brokenIssues.get(date);
			if (broken) {
				problems.push(
					problemAt(item, ['date'], {
						code: 'issue-file-broken',
						message: `${date} 这一期的期文件 ${broken.file} 有错误（见该文件的问题），暂时读不出这一期 / the issue file ${broken.file} for ${date} has an error (see its problem), so the issue cannot be read yet`,
						fix: `先改好 ${broken.file}，这里就不会再报错；不要再新建期文件 / fix ${broken.file} first and this goes away; do not create the issue file again`,
					}),
				);
				continue;
			}
			const file = `${folderLabel(context, 'issues')}/${date}.md`;
			problems.push(
				problemAt(item, ['date'], {
					code: 'missing-issue',
					message: `没有 ${date} 这一期：${file} 不存在 / there is no issue for ${date}: ${file} does not exist`,
					fix: `先建期文件：npm run new -- issue --date ${date} --page ${page}；或改正日期 / add the issue first: npm run new -- issue --date ${date} --page ${page}; or correct the date`,
				}),
			);
			continue;
		}
		const listed = issue.pages.find((candidate) => candidate.number === page);
		if (!listed) {
			problems.push(
				problemAt(item, ['page'], {
					code: 'page-not-in-issue',
					message: `${date} 这一期没有列出第${page}版 / the issue of ${date} lists no page ${page}`,
					fix: `在 ${issue.entry.file} 的 pages 下加一项 “- number: ${page}”，或改正 page / add “- number: ${page}” under pages in ${issue.entry.file}, or correct page`,
				}),
			);
			continue;
		}
		if (listed.missing) {
			problems.push(
				problemAt(item, ['page'], {
					code: 'page-marked-missing',
					message: `${issue.entry.file} 把第${page}版标为未收录（missing: true），这里却有这一版的稿件 / ${issue.entry.file} marks page ${page} as missing, yet this item is filed on it`,
					fix: `这一版已经收录了：删去 ${issue.entry.file} 中第${page}版的 missing: true；或改正 page / the page is archived now: remove missing: true from page ${page} in ${issue.entry.file}; or correct page`,
				}),
			);
		}
	}
	return problems;
}
