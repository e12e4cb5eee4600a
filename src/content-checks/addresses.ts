import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	entryUrl,
	issueUrls,
	parsePublishedUrls,
	PUBLISHED_URLS_FILE,
	type ListedUrl,
} from '../domain/published-urls.ts';
import { oldAddress } from '../schemas/fields.ts';
import type { ContentProblem } from './problem.ts';
import { folderLabel, type CheckContext } from './references.ts';
import type { EntrySummary } from './summary.ts';
import { problemAt } from './validate.ts';

/**
 * Permanent addresses (docs/permanence.md): every address in `published-urls.txt` must
 * still have a page, either an entry's or an old address an entry lists in `redirectFrom`;
 * and an old address may forward to one page only and never hide a live page.
 */

/** The list in a content folder, or `undefined` when it has none yet (the build writes it). */
export function readPublishedUrls(root: string): ListedUrl[] | undefined {
	let text: string;
	try {
		text = readFileSync(join(root, PUBLISHED_URLS_FILE), 'utf8');
	} catch {
		return undefined;
	}
	return parsePublishedUrls(text);
}

/** The addresses the entries give pages to, each with the entry that owns it. */
function livePages(entries: readonly EntrySummary[]): Map<string, EntrySummary> {
	const live = new Map<string, EntrySummary>();
	for (const entry of entries) {
		const url = entryUrl(entry.collection, entry.id);
		if (url !== undefined) {
			if (!live.has(url)) live.set(url, entry);
		} else if (entry.collection === 'issues' && entry.readable && entry.date !== undefined) {
			for (const issueUrl of issueUrls(entry.date, entry.pages ?? []))
				if (!live.has(issueUrl)) live.set(issueUrl, entry);
		}
	}
	return live;
}

export function findAddressProblems(
	entries: readonly EntrySummary[],
	context: CheckContext,
	listed: readonly ListedUrl[] | undefined,
): ContentProblem[] {
	const problems: ContentProblem[] = [];
	const live = livePages(entries);
	/** Old address → the entry whose redirectFrom claims it first. */
	const redirects = new Map<string, EntrySummary>();
	for (const entry of entries) {
		if (!entry.readable) continue;
		const own = entryUrl(entry.collection, entry.id);
		for (const { index, path } of entry.redirectFrom ?? []) {
			// A malformed address is the schema's to report.
			if (!oldAddress.safeParse(path).success) continue;
			const at = ['redirectFrom', index];
			const owner = live.get(path);
			if (owner) {
				const itself = path === own;
				problems.push(
					problemAt(entry, at, {
						code: 'redirect-conflict',
						message: itself
							? `${path} 就是本条目自己的网址，不能转到自己 / ${path} is this entry's own address; it cannot forward to itself`
							: `${path} 是 ${owner.file} 的网址，页面还在，不能再转到这里 / ${path} is the live page of ${owner.file}; an old address cannot hide it`,
						fix: '删去这一项；redirectFrom 只写已经没有页面的旧网址 / remove this item: redirectFrom lists only old addresses that no longer have a page',
					}),
				);
				continue;
			}
			const first = redirects.get(path);
			if (first && first !== entry) {
				problems.push(
					problemAt(entry, at, {
						code: 'redirect-conflict',
						message: `${path} 已由 ${first.file} 的 redirectFrom 认领，一个旧网址只能转到一个页面 / ${path} is already claimed by the redirectFrom of ${first.file}; an old address forwards to one page only`,
						fix: `只在其中一个条目里保留这个旧网址 / keep this old address in one of the two entries only`,
					}),
				);
				continue;
			}
			redirects.set(path, entry);
		}
	}
	if (!listed) return problems;
	const listFile = folderLabel(context, PUBLISHED_URLS_FILE);
	const listedPaths = new Set(listed.map(({ path }) => path));
	for (const { path, line } of listed) {
		if (live.has(path) || redirects.has(path)) continue;
		const candidates = newEntriesLike(path, entries, listedPaths);
		const where = candidates.length > 0 ? `（多半是 ${candidates.join('、')}）` : '';
		const whereEn = candidates.length > 0 ? ` (probably ${candidates.join(', ')})` : '';
		problems.push({
			file: listFile,
			line,
			field: '',
			code: 'lost-address',
			message: `${path} 曾经发布过，这次构建却没有这个页面：引用和链接会失效 / ${path} was published, but this build has no page for it: citations and links to it would break`,
			fix: `条目改名或移动了：在新条目${where}的字段区加上 redirectFrom: ['${path}']，旧网址就会转到新页面；若是误删，恢复原文件 / the entry was renamed or moved: add redirectFrom: ['${path}'] to the new entry${whereEn} and the old address forwards to it; if it was deleted by mistake, restore the file`,
		});
	}
	return problems;
}

/** Entries of the same collection and folder whose address is not listed yet: likely the renamed file. */
function newEntriesLike(
	path: string,
	entries: readonly EntrySummary[],
	listed: ReadonlySet<string>,
): string[] {
	const folder = path.slice(0, path.lastIndexOf('/', path.length - 2) + 1);
	const found: string[] = [];
	for (const entry of entries) {
		const url = entryUrl(entry.collection, entry.id);
		if (url === undefined || listed.has(url) || !url.startsWith(folder)) continue;
		if ((entry.redirectFrom ?? []).some((redirect) => redirect.path === path)) continue;
		found.push(entry.file);
		if (found.length === 3) break;
	}
	return found;
}
