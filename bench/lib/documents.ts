/**
 * What each indexed page says, read from the built HTML independently of the search
 * index: the text of its `data-pagefind-body` region, less what is marked
 * `data-pagefind-ignore` and the dateline. Relevance is decided on this text.
 */

import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import {
	byAttribute,
	byTag,
	descendants,
	parseHtml,
	textContent,
	type HtmlElement,
	type HtmlNode,
} from '../../support/html.ts';

export interface EvalDocument {
	url: string;
	title: string;
	/** The page's indexed text, NFKC-folded, lowercased, without whitespace. */
	text: string;
	/** The first paragraph of the story's text as printed (empty for pages without one). */
	lead: string;
}

/** What relevance compares: width-folded, lowercased, no whitespace. */
export function comparable(text: string): string {
	return text.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

function keptText(node: HtmlNode): string {
	if (node.type === 'text') return node.text;
	if ('data-pagefind-ignore' in node.attrs) return '';
	if ((node.attrs.class ?? '').split(/\s+/).includes('dateline')) return '';
	if (['script', 'style'].includes(node.tag)) return '';
	return node.children.map(keptText).join(' ');
}

function metaContent(root: HtmlElement, attribute: string, value: string): string | undefined {
	return byAttribute(root, attribute, value)[0]?.attrs.content;
}

export async function readDocuments(siteDir: string): Promise<EvalDocument[]> {
	const entries = await readdir(siteDir, { recursive: true, withFileTypes: true });
	const files = entries
		.filter((entry) => entry.isFile() && entry.name === 'index.html')
		.map((entry) => join(entry.parentPath, entry.name))
		.filter(
			(file) =>
				!relative(siteDir, file)
					.split(sep)
					.some((part) => part.startsWith('pagefind')),
		)
		.sort();
	const documents: EvalDocument[] = [];
	for (const file of files) {
		const html = await readFile(file, 'utf8');
		if (!html.includes('data-pagefind-body')) continue;
		const root = parseHtml(html);
		const body = byAttribute(root, 'data-pagefind-body')[0];
		if (!body) continue;
		const path = relative(siteDir, file).split(sep).join('/');
		const prose = descendants(body).find((element) =>
			(element.attrs.class ?? '').split(/\s+/).includes('prose'),
		);
		const lead = prose ? byTag(prose, 'p')[0] : undefined;
		documents.push({
			url: `/${path.replace(/index\.html$/, '')}`,
			lead: lead ? textContent(lead).trim() : '',
			title: metaContent(root, 'property', 'og:title') ?? textContent(body).slice(0, 30),
			text: comparable(keptText(body)),
		});
	}
	return documents;
}
