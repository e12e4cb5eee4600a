import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { median } from './stats.ts';

/** What a build wrote: counts and bytes, and how heavy an article page is for a reader. */

export interface OutputSize {
	/** HTML files (every page a reader can open, including redirects). */
	pages: number;
	files: number;
	bytes: number;
	/** Search index bundles: every folder holding a `pagefind-entry.json`, summed. */
	indexBundles: number;
	indexFiles: number;
	indexBytes: number;
}

interface FileInfo {
	path: string;
	bytes: number;
}

function walk(dir: string): FileInfo[] {
	const files: FileInfo[] = [];
	for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const path = join(entry.parentPath, entry.name);
		files.push({ path, bytes: statSync(path).size });
	}
	return files;
}

export function measureOutput(distDir: string): OutputSize {
	const files = walk(distDir);
	const bundles = files
		.filter((file) => file.path.endsWith(`${sep}pagefind-entry.json`))
		.map((file) => `${dirname(file.path)}${sep}`);
	const inIndex = files.filter((file) => bundles.some((bundle) => file.path.startsWith(bundle)));
	return {
		pages: files.filter((file) => file.path.endsWith('.html')).length,
		files: files.length,
		bytes: files.reduce((sum, file) => sum + file.bytes, 0),
		indexBundles: bundles.length,
		indexFiles: inIndex.length,
		indexBytes: inIndex.reduce((sum, file) => sum + file.bytes, 0),
	};
}

export interface ArticlePageWeight {
	/** Article pages, all of them gzipped. */
	pages: number;
	/** Pages also compressed with brotli (an even spread, plus the heaviest page). */
	sampled: number;
	/** HTML plus the stylesheets it links, per page: raw and compressed, median and max. */
	rawMedianBytes: number;
	gzipMedianBytes: number;
	gzipP95Bytes: number;
	gzipMaxBytes: number;
	brotliMedianBytes: number;
	/** Brotli of the page heaviest by gzip. */
	brotliMaxBytes: number;
	/** Of which CSS (linked stylesheets), gzip, median. */
	cssGzipMedianBytes: number;
	/** Pages over the 20 KB (20,000 bytes) target, gzip. */
	pagesOver20KB: number;
	/** Pages that carry any executable `<script>` (JSON-LD does not count). */
	pagesWithScripts: number;
	/** Pages whose article text is in the HTML itself (readable with JavaScript off). */
	pagesReadableWithoutJs: number;
}

/** Stylesheets a page links, as files in the site. */
export function linkedStylesheets(html: string): string[] {
	const hrefs: string[] = [];
	for (const tag of html.matchAll(/<link\b[^>]*>/gi)) {
		if (!/\brel=["']?stylesheet/i.test(tag[0])) continue;
		const href = /\bhref=["']?([^"' >]+)/i.exec(tag[0])?.[1];
		if (href?.startsWith('/')) hrefs.push(href);
	}
	return hrefs;
}

/** Executable scripts: any `<script>` except JSON data blocks. */
export function countScripts(html: string): number {
	let count = 0;
	for (const tag of html.matchAll(/<script\b[^>]*>/gi)) {
		if (!/type=["']?application\/(ld\+)?json/i.test(tag[0])) count++;
	}
	return count;
}

/** Whether the page's `<article>` holds text in the HTML as served. */
export function readableWithoutJs(html: string): boolean {
	const article = /<article\b[^>]*>([\s\S]*?)<\/article>/i.exec(html)?.[1] ?? '';
	const text = article.replace(/<script\b[\s\S]*?<\/script>/gi, '').replace(/<[^>]+>/g, '');
	return /<(h1|p)\b/i.test(article) && text.trim().length > 0;
}

function percentile(values: readonly number[], fraction: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0;
}

/**
 * The weight of article pages as a reader's first visit downloads them: the HTML and the
 * stylesheets it links (inline styles are part of the HTML), compressed the way a static
 * host serves them (gzip level 6 for every page; brotli quality 11, which is slow, for an
 * even sample and the heaviest page).
 */
export function measureArticlePages(
	distDir: string,
	articleFolder: string,
	sampleSize: number,
): ArticlePageWeight | undefined {
	const root = join(distDir, articleFolder);
	if (!existsSync(root)) return undefined;
	const pages = readdirSync(root, { recursive: true, withFileTypes: true })
		// Pages in their own folder below the list (`articles/<id>/`), not the list itself.
		.filter((entry) => entry.isFile() && entry.name === 'index.html' && entry.parentPath !== root)
		.map((entry) => join(entry.parentPath, entry.name))
		.sort();
	if (pages.length === 0) return undefined;

	const sheets = new Map<string, { raw: Buffer; gzip: number }>();
	const sheet = (href: string) => {
		let entry = sheets.get(href);
		if (!entry) {
			const file = join(distDir, ...href.split('/'));
			const raw = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
			entry = { raw, gzip: gzipSync(raw).length };
			sheets.set(href, entry);
		}
		return entry;
	};
	const raw: number[] = [];
	const gzip: number[] = [];
	const cssGzip: number[] = [];
	let withScripts = 0;
	let readable = 0;
	let heaviest = { page: pages[0]!, gzip: -1 };
	for (const page of pages) {
		const html = readFileSync(page);
		const text = html.toString('utf8');
		const linked = linkedStylesheets(text).map(sheet);
		const css = linked.reduce((sum, entry) => sum + entry.gzip, 0);
		const total = gzipSync(html).length + css;
		raw.push(html.length + linked.reduce((sum, entry) => sum + entry.raw.length, 0));
		gzip.push(total);
		cssGzip.push(css);
		if (total > heaviest.gzip) heaviest = { page, gzip: total };
		if (countScripts(text) > 0) withScripts++;
		if (readableWithoutJs(text)) readable++;
	}

	const brotliOf = (page: string) => {
		const html = readFileSync(page);
		return (
			brotliCompressSync(html).length +
			linkedStylesheets(html.toString('utf8'))
				.map(sheet)
				.reduce((sum, entry) => sum + brotliCompressSync(entry.raw).length, 0)
		);
	};
	const step = Math.max(1, Math.floor(pages.length / sampleSize));
	const sample = pages.filter((_, index) => index % step === 0).slice(0, sampleSize);
	const brotli = sample.map(brotliOf);
	return {
		pages: pages.length,
		sampled: sample.length + 1,
		rawMedianBytes: Math.round(median(raw)),
		gzipMedianBytes: Math.round(median(gzip)),
		gzipP95Bytes: percentile(gzip, 0.95),
		gzipMaxBytes: heaviest.gzip,
		brotliMedianBytes: Math.round(median(brotli)),
		brotliMaxBytes: brotliOf(heaviest.page),
		cssGzipMedianBytes: Math.round(median(cssGzip)),
		pagesOver20KB: gzip.filter((bytes) => bytes > 20_000).length,
		pagesWithScripts: withScripts,
		pagesReadableWithoutJs: readable,
	};
}
