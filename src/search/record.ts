/**
 * Turns a built item page into the document the search index stores for it.
 *
 * The page keeps its own markup for Pagefind (`data-pagefind-body`, `-ignore`, `-filter`,
 * `-meta`, `-sort`), but its text is replaced by the archive's index words
 * (`indexTokens`), headline, kicker and subtitle get weights, the dateline becomes
 * metadata (date and 版) instead of indexed text, and the page is marked as language
 * `und` so that Pagefind indexes the words as given instead of segmenting them again.
 * This is string processing over the HTML that Astro writes for our own pages, not a
 * general HTML parser.
 */

import { VOID_ELEMENTS } from '../domain/html-elements.ts';
import { continuationLabel } from '../domain/story-title.ts';
import { countNameMentions } from './frequent-names.ts';
import { indexTokens } from './tokens.ts';

/** Language code of the index: "undetermined", which Pagefind neither stems nor segments. */
export const INDEX_LANGUAGE = 'und';

/** Weights of the parts of an item page; body text weighs 1. */
export const FIELD_WEIGHTS = { headline: 10, kicker: 6, subtitle: 6 } as const;

export interface SearchRecord {
	/** The document handed to Pagefind's `addHTMLFile`. */
	html: string;
	/** `YYYY-MM-DD` when the item has a date (people do not): the shard and sort key. */
	date: string | undefined;
	/**
	 * Every index word of the indexed region, and the words of image `alt` texts in it: a
	 * superset of what Pagefind indexes for the page (ignored parts included), for the table
	 * of which shards hold which words (`word-map.ts`).
	 */
	words: Set<string>;
	/** Names the indexed text sets off after a title, with their mentions (`frequent-names.ts`). */
	names: Map<string, number>;
}

const INLINE_TAGS = new Set([
	'a',
	'abbr',
	'b',
	'bdi',
	'cite',
	'code',
	'em',
	'i',
	'mark',
	'q',
	's',
	'small',
	'span',
	'strong',
	'sub',
	'sup',
	'time',
	'u',
	'wbr',
]);

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: ' ',
};

export function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
		if (name.startsWith('#x') || name.startsWith('#X'))
			return String.fromCodePoint(parseInt(name.slice(2), 16));
		if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
		return ENTITIES[name.toLowerCase()] ?? whole;
	});
}

function escapeText(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeAttribute(text: string): string {
	return escapeText(text).replace(/"/g, '&quot;');
}

function attribute(attributes: string, name: string): string | undefined {
	const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(
		attributes,
	);
	if (!match) return undefined;
	return decodeEntities(match[1] ?? match[2] ?? match[3] ?? '');
}

/** The element carrying `data-pagefind-body`: its tag, attributes and inner HTML. */
/** The opening tag of the indexed region (`data-pagefind-body`). */
const INDEXED_REGION_OPEN = /<([a-z][\w-]*)(\s[^>]*?\bdata-pagefind-body\b[^>]*)>/i;

function indexedRegion(html: string): { tag: string; attributes: string; inner: string } | null {
	const open = INDEXED_REGION_OPEN.exec(html);
	if (!open) return null;
	const tag = open[1]!.toLowerCase();
	const start = open.index + open[0].length;
	const tags = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'gi');
	tags.lastIndex = start;
	let depth = 1;
	for (let match = tags.exec(html); match; match = tags.exec(html)) {
		depth += match[1] ? -1 : 1;
		if (depth === 0) return { tag, attributes: open[2]!, inner: html.slice(start, match.index) };
	}
	return { tag, attributes: open[2]!, inner: html.slice(start) };
}

/** The item's 版 from its dateline link (`/issues/1998-01-06/2/`). */
function pageNumber(inner: string): string | undefined {
	const dateline = /<p class="dateline"[\s\S]*?<\/p>/.exec(inner)?.[0] ?? '';
	return /href="\/issues\/\d{4}-\d{2}-\d{2}\/(\d+)\/"/.exec(dateline)?.[1];
}

/** Whether the headline is the placeholder of a continuation printed without one. */
function untitled(inner: string): boolean {
	return /<h1\b[^>]*\bclass="[^"]*\buntitled\b/.test(inner);
}

/** The first paragraph of the story's text (`.prose`), as plain text. */
function openingText(inner: string): string {
	const prose = /<div class="prose"[^>]*>\s*<p[^>]*>([\s\S]*?)<\/p>/.exec(inner)?.[1] ?? '';
	return decodeEntities(prose.replace(/<[^>]*>/g, ''));
}

/** The headline, kicker and subtitle as printed, for showing in results. */
function textOfClass(inner: string, className: string): string | undefined {
	const match = new RegExp(`<p class="${className}"[^>]*>([\\s\\S]*?)</p>`).exec(inner);
	if (!match) return undefined;
	return decodeEntities(match[1]!.replace(/<[^>]*>/g, ''))
		.replace(/^——/, '')
		.trim();
}

function weightFor(tag: string, attributes: string): number | undefined {
	if (/data-pagefind-weight/.test(attributes)) return undefined;
	if (tag === 'h1') return FIELD_WEIGHTS.headline;
	const classes = (attribute(attributes, 'class') ?? '').split(/\s+/);
	if (classes.includes('kicker')) return FIELD_WEIGHTS.kicker;
	if (classes.includes('subtitle')) return FIELD_WEIGHTS.subtitle;
	return undefined;
}

/**
 * The indexed region with its text replaced by index words. Inline tags without a
 * Pagefind attribute are dropped so that a word split by markup (`朱<em>海义</em>`)
 * stays one run; block tags are kept, since Pagefind ends a run of text at each.
 */
function tokenizeRegion(inner: string, words: Set<string>, names: Map<string, number>): string {
	const withoutDatelines = inner.replace(/<p class="dateline"[\s\S]*?<\/p>/g, '');
	const parts = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w-]*)([^>]*)>|([^<]+)/g;
	let out = '';
	let text = '';
	const kept: boolean[] = [];
	/** The element marked `data-pagefind-ignore` the text is in, and how deep: its words are not indexed. */
	const ignored = { name: '', depth: 0 };
	const flush = () => {
		const decoded = decodeEntities(text);
		const tokens = indexTokens(decoded);
		if (ignored.depth === 0) {
			for (const token of tokens) words.add(token);
			countNameMentions(decoded, names);
		}
		if (tokens.length > 0) out += ` ${escapeText(tokens.join(' '))} `;
		text = '';
	};
	/** Follows elements into and out of an ignored one; called once the text before the tag is flushed. */
	const track = (name: string, closing: boolean, attributes: string, whole: string) => {
		const empty = whole.endsWith('/>') || VOID_ELEMENTS.has(name);
		if (ignored.depth > 0) {
			if (name === ignored.name && !empty) ignored.depth += closing ? -1 : 1;
		} else if (!closing && !empty && /\sdata-pagefind-ignore\b/.test(attributes)) {
			ignored.name = name;
			ignored.depth = 1;
		}
	};
	let rawText: string | undefined;
	for (const match of withoutDatelines.matchAll(parts)) {
		const [whole, closing, rawName, attributes = '', textPart] = match;
		if (textPart !== undefined) {
			text += textPart;
			continue;
		}
		if (!rawName) continue;
		const name = rawName.toLowerCase();
		if (rawText) {
			if (closing && name === rawText) rawText = undefined;
			continue;
		}
		if (name === 'script' || name === 'style') {
			if (!closing) rawText = name;
			continue;
		}
		if (INLINE_TAGS.has(name)) {
			if (closing) {
				if (kept.pop()) {
					flush();
					out += whole;
				}
			} else {
				const keep = /data-pagefind/.test(attributes);
				if (!whole.endsWith('/>') && name !== 'wbr') kept.push(keep);
				if (keep) {
					flush();
					out += whole;
				}
			}
			track(name, Boolean(closing), attributes, whole);
			continue;
		}
		flush();
		track(name, Boolean(closing), attributes, whole);
		if (name === 'img' && ignored.depth === 0) addAltWords(attributes, words);
		if (name === 'br') continue;
		if (closing) {
			out += `</${name}>`;
		} else {
			const weight = weightFor(name, attributes);
			out += `<${name}${attributes}${weight ? ` data-pagefind-weight="${weight}"` : ''}>`;
		}
	}
	flush();
	return out;
}

/** An image's `alt` text, which Pagefind may index as written: its words, as given and as index words. */
function addAltWords(attributes: string, words: Set<string>): void {
	const alt = attribute(attributes, 'alt');
	if (!alt) return;
	for (const word of alt.split(/\s+/)) if (word) words.add(word.replace(/[^\p{L}\p{N}]/gu, ''));
	for (const token of indexTokens(alt)) words.add(token);
}

function headMetasOf(html: string): string[] {
	const bodyAt = html.search(/<body[\s>]/i);
	const head = bodyAt < 0 ? html : html.slice(0, bodyAt);
	return head.match(/<meta\s(?:[^>"']|"[^"]*"|'[^']*')*>/gi) ?? [];
}

function sortDate(headMetas: readonly string[]): string | undefined {
	const tag = headMetas.find(
		(candidate) => attribute(candidate, 'data-pagefind-sort') === 'date[content]',
	);
	return tag === undefined ? undefined : attribute(tag, 'content');
}

/**
 * Whether a built page is indexed and its date, without building its record: what the
 * index writer needs to place every page in a shard, at a fraction of the cost.
 */
export function indexedPageDate(html: string): { date: string | undefined } | null {
	if (!INDEXED_REGION_OPEN.test(html)) return null;
	return { date: sortDate(headMetasOf(html)) };
}

/** The search record of a built page, or null when the page is not indexed. */
export function searchRecordFromHtml(html: string): SearchRecord | null {
	const region = indexedRegion(html);
	if (!region) return null;
	const headMetas = headMetasOf(html);
	const pagefindMetas = headMetas.filter((tag) =>
		/\sdata-pagefind-(?:filter|meta|sort)=/.test(tag),
	);
	const metaContent = (name: string, value: string) => {
		const tag = headMetas.find((candidate) => attribute(candidate, name) === value);
		return tag === undefined ? undefined : attribute(tag, 'content');
	};
	const ogTitle = untitled(region.inner)
		? continuationLabel(openingText(region.inner))
		: metaContent('property', 'og:title');
	const date = sortDate(headMetas);
	const meta: [string, string | undefined][] = [
		['title', ogTitle],
		// The placeholder headline still opens the indexed text (see `headlineWordCount`).
		['heading', untitled(region.inner) ? metaContent('property', 'og:title') : undefined],
		['kicker', textOfClass(region.inner, 'kicker')],
		['subtitle', textOfClass(region.inner, 'subtitle')],
		['page', pageNumber(region.inner)],
	];
	const extraMetas = meta
		.filter((entry): entry is [string, string] => Boolean(entry[1]))
		.map(
			([name, value]) =>
				`<meta data-pagefind-meta="${name}[content]" content="${escapeAttribute(value)}">`,
		);
	const words = new Set<string>();
	const names = new Map<string, number>();
	const body = `<${region.tag}${region.attributes}>${tokenizeRegion(region.inner, words, names)}</${region.tag}>`;
	return {
		html: [
			`<!doctype html><html lang="${INDEX_LANGUAGE}"><head><meta charset="utf-8">`,
			...pagefindMetas,
			...extraMetas,
			`</head><body>${body}</body></html>`,
		].join(''),
		date,
		words,
		names,
	};
}
