import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultSiteDir } from './dist.ts';

/** Copies of the built default site with one thing broken, for the post-build checks' tests. */

/** A copy of the default site in `runDir/name`. */
export async function defaultSiteCopy(runDir: string, name: string): Promise<string> {
	const dir = join(runDir, name);
	await cp(defaultSiteDir(), dir, { recursive: true });
	return dir;
}

/** Rewrites one built file; an edit that changes nothing is a broken test, so it throws. */
export async function editBuiltFile(
	dir: string,
	file: string,
	change: (html: string) => string,
): Promise<void> {
	const path = join(dir, file);
	const before = await readFile(path, 'utf8');
	const after = change(before);
	if (after === before) throw new Error(`the edit of ${file} changed nothing`);
	await writeFile(path, after);
}
