/**
 * The bundle format that carries the files beside item pages from the build's one route
 * (`src/pages/[collection]/[group].item-files.ts`) to `src/integrations/item-files.ts`,
 * which writes them out. Three parts:
 *
 * 1. the line `archive-item-files 2`;
 * 2. one line of JSON, `[[path, bytes], …]`: each file's address
 *    (`/articles/2021-11-11/02-zhu.ris`) and its length in bytes (UTF-8);
 * 3. the files' bytes, one after another, in that order.
 *
 * The texts are carried as they are, not as JSON strings: unpacking slices the bundle's
 * bytes and writes each slice, with no JSON parse of the texts, no escaping and no
 * decoding to JavaScript strings (docs/open-data.md, "Cost").
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

/** The bundle's first line: names the format and its version. */
export const ITEM_FILES_MAGIC = 'archive-item-files 2';

/**
 * A bundle holding `files` (`[path, text]`, each text exactly the file's bytes), as the bytes
 * the route answers with: each text is encoded once, and the response carries the bytes as
 * they are (a string body would be checked for lone surrogates and encoded again by the
 * `Response`). A text that is not well-formed UTF-16 (a lone surrogate) is written as
 * U+FFFD, and its length in the index counts those three bytes.
 */
export function itemFilesBundleBytes(
	files: readonly (readonly [path: string, text: string])[],
): Uint8Array<ArrayBuffer> {
	const encoded = files.map(([, text]) => Buffer.from(text, 'utf8'));
	const index = files.map(([path], position) => [path, encoded[position]!.byteLength]);
	const head = Buffer.from(`${ITEM_FILES_MAGIC}\n${JSON.stringify(index)}\n`, 'utf8');
	let length = head.byteLength;
	for (const bytes of encoded) length += bytes.byteLength;
	const bundle = new Uint8Array(length);
	bundle.set(head, 0);
	let offset = head.byteLength;
	for (const bytes of encoded) {
		bundle.set(bytes, offset);
		offset += bytes.byteLength;
	}
	return bundle;
}

function isItemPath(value: unknown): value is string {
	return typeof value === 'string' && value.startsWith('/') && !value.split('/').includes('..');
}

/**
 * The files of a bundle, checked: each path an absolute address without `..`, the lengths
 * adding up to the bytes that follow. Each file's bytes are a view into `bundle`.
 */
export function parseItemFiles(
	bundle: Uint8Array,
	source: string,
): [path: string, bytes: Uint8Array][] {
	const bytes = Buffer.from(bundle.buffer, bundle.byteOffset, bundle.byteLength);
	const fail = (what: string): never => {
		throw new Error(`${source}: not an item-files bundle (${ITEM_FILES_MAGIC}): ${what}`);
	};
	const firstEnd = bytes.indexOf(0x0a);
	if (firstEnd < 0 || bytes.toString('utf8', 0, firstEnd) !== ITEM_FILES_MAGIC)
		fail('first line is not the format line');
	const indexEnd = bytes.indexOf(0x0a, firstEnd + 1);
	if (indexEnd < 0) fail('no index line');
	let index: unknown;
	try {
		index = JSON.parse(bytes.toString('utf8', firstEnd + 1, indexEnd));
	} catch {
		fail('index line is not JSON');
	}
	if (!Array.isArray(index)) return fail('index line is not a list');
	const files: [string, Uint8Array][] = [];
	let offset = indexEnd + 1;
	index.forEach((item: unknown, position) => {
		const [path, length] = Array.isArray(item) ? (item as unknown[]) : [];
		if (!isItemPath(path) || !Number.isSafeInteger(length) || (length as number) < 0)
			fail(`index item ${position + 1} is not [path, bytes]`);
		const end = offset + (length as number);
		if (end > bytes.byteLength) fail(`${path as string} runs past the end`);
		files.push([path as string, bytes.subarray(offset, end)]);
		offset = end;
	});
	if (offset !== bytes.byteLength) fail(`${bytes.byteLength - offset} byte(s) after the last file`);
	return files;
}
