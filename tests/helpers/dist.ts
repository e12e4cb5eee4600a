import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { inject } from 'vitest';
import { builtFileOfUrl, urlOfBuiltFile } from '../../src/domain/built-files.ts';
import {
	byTag,
	compact,
	parseHtml,
	textContent,
	visibleText,
	type HtmlElement,
} from '../../support/html.ts';

/** Reading a built site: its files, and pages as text and as a tree. */

/** The default site built once by `tests/setup/build-default-site.ts`. */
export function defaultSiteDir(): string {
	const dir = inject('defaultSiteDir');
	if (!dir)
		throw new Error(
			'the default site was not built: is tests/setup/build-default-site.ts the globalSetup?',
		);
	return dir;
}

/** Every file below `dir`, as sorted `/`-separated paths relative to it. */
export function listFiles(dir: string): string[] {
	const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile())
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
		.sort();
}

/** Files of `site` that differ from `reference`, or exist in only one of the two. */
export function siteDifferences(reference: string, site: string): string[] {
	const expected = listFiles(reference);
	const actual = listFiles(site);
	const missing = expected.filter((file) => !actual.includes(file)).map((f) => `missing ${f}`);
	const extra = actual.filter((file) => !expected.includes(file)).map((f) => `extra ${f}`);
	const changed = expected
		.filter((file) => actual.includes(file))
		.filter((file) => !readFileSync(join(reference, file)).equals(readFileSync(join(site, file))))
		.map((file) => `differs ${file}`);
	return [...missing, ...extra, ...changed];
}

/** Every built HTML file of a site, relative to its folder, e.g. `issues/2021-11-11/2/index.html`. */
export function listHtmlFiles(distDir: string): string[] {
	return listFiles(distDir).filter((file) => file.endsWith('.html'));
}

/** The site's own mapping between addresses and built files (`src/domain/built-files.ts`). */
export const urlOfFile = urlOfBuiltFile;

/** `/issues/2021-11-11/?q=1#x` → `issues/2021-11-11/index.html`. */
export function fileOfUrl(url: string): string {
	return builtFileOfUrl(url.replace(/[?#].*$/, ''));
}

export interface BuiltPage {
	/** Site address, e.g. `/issues/2021-11-11/2/`. */
	url: string;
	/** Absolute path of the HTML file. */
	file: string;
	html: string;
	document: HtmlElement;
	/** What a reader sees (body only), block elements on their own lines. */
	text: string;
	/** `text` with all whitespace removed, for matching Chinese text across line breaks. */
	compactText: string;
}

/** Whether a page was built at an address. */
export function pageExists(distDir: string, url: string): boolean {
	return existsSync(join(distDir, fileOfUrl(url)));
}

/** Reads and parses one built page by its address (or its file path relative to the site). */
export function readPage(distDir: string, url: string): BuiltPage {
	const file = join(distDir, fileOfUrl(url));
	if (!existsSync(file)) throw new Error(`no page built at ${url} (expected ${file})`);
	const html = readFileSync(file, 'utf8');
	const document = parseHtml(html);
	const text = visibleText(document);
	return {
		url: url.endsWith('.html') ? urlOfFile(url.replace(/^\/+/, '')) : url,
		file,
		html,
		document,
		text,
		compactText: compact(text),
	};
}

/** Visible text of a built HTML string: no head, scripts or styles; entities decoded. */
export function visibleTextOf(html: string): string {
	return visibleText(parseHtml(html));
}

/** Whitespace-free text of every element with the given tags in a page, in document order. */
export function compactTextsOf(page: BuiltPage, ...tags: string[]): string[] {
	return byTag(page.document, ...tags).map((node) => compact(textContent(node)));
}
