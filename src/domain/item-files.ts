/**
 * The bundle format that carries the files beside item pages from the build's one route
 * (`src/pages/[collection]/[group].item-files.ts`) to `src/integrations/item-files.ts`,
 * which writes them out: JSON Lines, one `[path, text]` per file, `path` the file's
 * address (`/articles/2021-11-11/02-zhu.ris`).
 */

/** The bundles' extension: `/articles/2021-11-11.item-files`. Never left in the site. */
export const ITEM_FILES_EXTENSION = 'item-files';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ITEM_FILE = /^\/([^/]+)\/(.+?)\.(json|ris|bib|csl\.json)$/;

/** A dated item's bundle is its day (the first segment of its id); undated items (people) share `all`. */
export function itemFilesGroupOf(id: string): string {
	const first = id.split('/', 1)[0]!;
	return DAY.test(first) ? first : 'all';
}

/**
 * The bundle that holds the file at `path`: `/articles/2021-11-11/02-zhu.ris` →
 * `/articles/2021-11-11.item-files`; `undefined` for an address no bundle can hold.
 */
export function itemFilesBundleOf(path: string, folders: readonly string[]): string | undefined {
	const match = ITEM_FILE.exec(path);
	if (!match || !folders.includes(match[1]!)) return undefined;
	const [, folder, id] = match;
	return `/${folder}/${itemFilesGroupOf(id!)}.${ITEM_FILES_EXTENSION}`;
}

export function itemFilesLine(path: string, text: string): string {
	return `${JSON.stringify([path, text])}\n`;
}

/** The files of a bundle, checked: each path an absolute address without `..`. */
export function parseItemFiles(bundle: string, source: string): [path: string, text: string][] {
	const files: [string, string][] = [];
	const lines = bundle.split('\n');
	lines.forEach((line, index) => {
		if (line === '') return;
		const value: unknown = JSON.parse(line);
		if (
			!Array.isArray(value) ||
			value.length !== 2 ||
			typeof value[0] !== 'string' ||
			typeof value[1] !== 'string' ||
			!value[0].startsWith('/') ||
			value[0].split('/').includes('..')
		) {
			throw new Error(`${source}:${index + 1}: not a [path, text] line of an item-files bundle`);
		}
		files.push([value[0], value[1]]);
	});
	return files;
}
