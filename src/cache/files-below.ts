import { readdirSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

/**
 * Every file below `dir`, as `/`-separated paths relative to it, folder by folder in the
 * order the file system lists them (breadth first); none when `dir` does not exist. A
 * built site or its cache at 100,000 articles holds hundreds of thousands of files.
 *
 * The walk is our own rather than `readdirSync(dir, { recursive: true })`, which stats
 * every entry that is not a folder to learn whether it is a link to one: 8 s of a build at
 * 100,000 articles. Here only links are stat'ed; like Node's, the walk goes into a link to a
 * folder, and lists regular files only (a link to a file is not one).
 */
export function filesBelow(dir: string): string[] {
	const files: string[] = [];
	// Each folder to read, with its path relative to `dir` ('' or ending in '/').
	const queue: [path: string, prefix: string][] = [[dir, '']];
	for (let next = 0; next < queue.length; next++) {
		const [path, prefix] = queue[next]!;
		let entries: Dirent[];
		try {
			entries = readdirSync(path, { withFileTypes: true });
		} catch (error) {
			if (next === 0) return [];
			throw error;
		}
		for (const entry of entries) {
			if (entry.isFile()) files.push(`${prefix}${entry.name}`);
			else if (entry.isDirectory() || (entry.isSymbolicLink() && isFolder(join(path, entry.name))))
				queue.push([join(path, entry.name), `${prefix}${entry.name}/`]);
		}
	}
	return files;
}

function isFolder(path: string): boolean {
	return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
