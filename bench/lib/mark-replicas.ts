import { appendFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Gives every replicated article (copy 1 and later of `npm run import -- --replicate`) a
 * closing line naming its copy, so that no two article files carry the same text. Only
 * with `npm run bench -- --mark-replicas` (and for the search evaluation's archive,
 * `corpus-site.ts`): since issue 12.5 the content checks accept the same text on another
 * date as a reprint, so the bench builds its copies unaltered by default, and each copy's
 * page links the others (同文另见). The line adds a few characters to each copy and leaves
 * titles, dates and every search term of the corpus unchanged.
 */

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const DATE_FOLDER = /^\d{4}-\d{2}-\d{2}$/;

/** The copy an article's date belongs to: copy k is shifted k × `shiftDays` from the first date. */
export function copyOf(date: string, firstDate: string, shiftDays: number): number {
	if (shiftDays <= 0) return 0;
	return Math.floor((dayNumber(date) - dayNumber(firstDate)) / shiftDays);
}

export function replicaLine(copy: number): string {
	return `\n（基准测试副本 ${copy}）\n`;
}

/** Appends the copy line to every article of copy 1 and later; returns how many were marked. */
export async function markReplicas(contentDir: string, shiftDays: number): Promise<number> {
	const root = join(contentDir, 'articles');
	const dates = (await readdir(root)).filter((name) => DATE_FOLDER.test(name)).sort();
	const first = dates[0];
	if (first === undefined) return 0;
	let marked = 0;
	for (const date of dates) {
		const copy = copyOf(date, first, shiftDays);
		if (copy < 1) continue;
		const files = (await readdir(join(root, date))).filter((name) => name.endsWith('.md'));
		await Promise.all(files.map((name) => appendFile(join(root, date, name), replicaLine(copy))));
		marked += files.length;
	}
	return marked;
}
