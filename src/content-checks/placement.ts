import type { RawEntry } from './load.ts';
import type { ContentProblem } from './problem.ts';
import { dateOf, pageOf, PRINTED } from './summary.ts';
import { isMdxAllowed } from './unsafe-html.ts';
import { problemAt } from './validate.ts';

/**
 * A printed item's address is its path: `articles/2021-11-11/02-tashiliuyin.md` is at
 * `/articles/2021-11-11/02-tashiliuyin/`. Its date and page come from its fields. When
 * the two disagree, the item is listed under one date and lives at an address of another,
 * and the guide forbids renaming after publication: so they must agree before it is
 * published. The folder is the item's date; the file name starts with its page.
 */

const DATE_FOLDER = /^\d{4}-\d{2}-\d{2}$/;
const PAGE_PREFIX = /^(\d+)-/;

export function findPlacementProblems(entries: readonly RawEntry[]): ContentProblem[] {
	const problems: ContentProblem[] = [];
	for (const entry of entries) {
		if (!entry.readable || !PRINTED.includes(entry.collection)) continue;
		if (isMdxAllowed(entry.collection, entry.relativePath)) continue;
		const segments = entry.relativePath.split('/');
		const name = segments.at(-1)!;
		const folder = segments.length === 2 ? segments[0]! : undefined;
		const date = dateOf(entry.data.date);
		const page = pageOf(entry.data.page);
		const place = `${entry.collection}/${segments.join('/')}`;
		if (date !== undefined && folder !== date) {
			const moved = `${entry.collection}/${date}/${name}`;
			problems.push(
				problemAt(entry, ['date'], {
					code: 'date-folder-mismatch',
					message:
						folder !== undefined && DATE_FOLDER.test(folder)
							? `日期是 ${date}，文件却在 ${folder}/ 文件夹里：网址会按文件夹算成 ${folder}，列表却按日期排在 ${date} / the date is ${date} but the file is in the ${folder}/ folder: its address would say ${folder} while lists show it under ${date}`
							: `稿件要放在以日期命名的文件夹里，${place} 不是 / an item belongs in a folder named after its date; ${place} is not in one`,
					fix: `核对原报：日期对就把文件移到 ${moved}；文件夹对就改正 date（发布后不要再移动）/ check the print: if the date is right, move the file to ${moved}; if the folder is right, correct date (never move it once published)`,
				}),
			);
		}
		const prefix = PAGE_PREFIX.exec(name)?.[1];
		if (page !== undefined && prefix !== undefined && Number(prefix) !== page) {
			const renamed = name.replace(PAGE_PREFIX, `${String(page).padStart(2, '0')}-`);
			problems.push(
				problemAt(entry, ['page'], {
					code: 'page-prefix-mismatch',
					message: `page 写的是第${page}版，文件名却以 ${prefix}- 开头 / page says ${page}, but the file name starts with ${prefix}-`,
					fix: `核对原报：版次对就把文件改名为 ${renamed}；文件名对就把 page 改成 ${Number(prefix)} / check the print: if page is right, rename the file to ${renamed}; if the name is right, change page to ${Number(prefix)}`,
				}),
			);
		}
	}
	return problems;
}
