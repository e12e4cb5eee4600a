/**
 * What may sit in the content folder besides the collections' entry files. Everything
 * else is reported by `npm run check` (misplaced-file), so nothing an editor saves in the
 * wrong place is silently left out of the site. To allow a new kind of file, add it here
 * (and say in content/README.md where it goes).
 */

/** Files allowed directly in the content folder, by exact name. */
export const ROOT_FILES: readonly string[] = [
	// The editors' guide.
	'README.md',
	// The list of addresses already published (they must never change).
	'published-urls.txt',
	// What `npm run import` found, beside the drafts it writes (checked in their folder),
	// and the text a PDF import rebuilt, which the report's line numbers refer to.
	'import-report.md',
	'import-text.txt',
];

/**
 * Folders of the content folder that are not collections, and the extensions (lower
 * case, with the dot) of the files they hold.
 */
export const ROOT_FOLDERS: Readonly<Record<string, readonly string[]>> = {
	// Scans of the printed pages: PDFs and images.
	media: ['.pdf', '.jpg', '.jpeg', '.png', '.webp', '.tif', '.tiff'],
};

/** Entry files of a collection. */
export const ENTRY_EXTENSIONS: readonly string[] = ['.md', '.mdx'];

/**
 * A path with a file or folder name starting with one of these is neither published nor
 * checked: `_` for drafts (`_drafts/`), `.` for the hidden files of tools (`.DS_Store`).
 */
export const IGNORED_PREFIXES: readonly string[] = ['_', '.'];

/** Whether a path below the content folder (`/`-separated) is drafts or hidden. */
export function isIgnoredContentPath(path: string): boolean {
	return path
		.split('/')
		.some((segment) => IGNORED_PREFIXES.some((prefix) => segment.startsWith(prefix)));
}
