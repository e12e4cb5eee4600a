import { isAbsolute, resolve } from 'node:path';

/**
 * The folder that holds the collections. `ARCHIVE_CONTENT=<dir>` swaps in another
 * folder with the same layout (back issues, benchmarks, tests) without touching code.
 */
export function contentRoot(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
	const configured = env.ARCHIVE_CONTENT?.trim();
	if (!configured) return resolve(cwd, 'content');
	return isAbsolute(configured) ? configured : resolve(cwd, configured);
}

/** Entry files a collection publishes: Markdown, skipping anything under an underscore name. */
export const ENTRY_PATTERNS = ['**/*.{md,mdx}', '!**/_*', '!**/_*/**'];

/** The id Astro gives an entry: its path below the collection folder, lowercased, without extension. */
export function entryIdFromPath(relativePath: string): string {
	return relativePath
		.replace(/\\/g, '/')
		.replace(/\.(md|mdx)$/i, '')
		.toLowerCase();
}
