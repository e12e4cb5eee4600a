import { readdirSync } from 'node:fs';
import { relative, sep } from 'node:path';

/**
 * Every file below `dir`, as `/`-separated paths relative to it, in the order the file
 * system lists them; none when `dir` does not exist. One synchronous recursive listing, and
 * one `path.relative()` a folder, not a file: a built site or its cache at 100,000 articles
 * holds hundreds of thousands of files, and a `relative()` each cost seconds.
 */
export function filesBelow(dir: string): string[] {
	let entries;
	try {
		entries = readdirSync(dir, { recursive: true, withFileTypes: true });
	} catch {
		return [];
	}
	// `parentPath` is `dir` as given at the top level (a trailing slash kept), joined below it.
	const folders = new Map<string, string>();
	const files: string[] = [];
	for (const entry of entries) {
		if (!entry.isFile()) continue;
		let folder = folders.get(entry.parentPath);
		if (folder === undefined) {
			const path = relative(dir, entry.parentPath).split(sep).join('/');
			folder = path ? `${path}/` : '';
			folders.set(entry.parentPath, folder);
		}
		files.push(`${folder}${entry.name}`);
	}
	return files;
}
