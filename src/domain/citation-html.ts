import type { CitableItem } from './citation.ts';

/**
 * The markup of the citation blocks every item page carries (CitationMeta.astro,
 * CiteThis.astro, DataLinks.astro), written as one string each and put in with
 * `set:html`. Astro renders each expression, fragment and `map` of a template separately,
 * which for these small blocks cost more than the text itself on every one of the
 * archive's pages; the strings are byte for byte what the templates wrote, escaped the way
 * Astro escapes (`tests/unit/citation-html.test.ts`).
 */

const TEXT_ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	"'": '&#39;',
	'"': '&quot;',
};

/** Text between tags, escaped as Astro escapes an expression's value. */
export function escapeText(text: string): string {
	return text.replace(/[&<>'"]/g, (character) => TEXT_ESCAPES[character]!);
}

/**
 * ` name="value"`, as Astro writes an attribute from an expression: only `&` and `"` are
 * escaped, and an empty value leaves the bare name.
 */
export function attribute(name: string, value: string): string {
	if (value === '') return ` ${name}`;
	return ` ${name}="${value.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}"`;
}

function meta(name: string, content: string): string {
	return `<meta${attribute('name', name)}${attribute('content', content)}>`;
}

function link({ href, text }: Link): string {
	return `<a${attribute('href', href)}>${escapeText(text)}</a>`;
}

/**
 * Highwire Press `citation_*` tags and `DC.type` for the page head (see CitationMeta.astro
 * for which and why).
 */
export function citationMetaHtml(item: CitableItem): string {
	const printed = item.medium === 'newspaper';
	const date = item.date?.replaceAll('-', '/');
	return [
		meta('citation_title', item.subtitle ? `${item.title}: ${item.subtitle}` : item.title),
		...item.authors.map((author) => meta('citation_author', author)),
		date ? meta('citation_publication_date', date) : '',
		printed ? meta('citation_journal_title', item.container) : '',
		item.page !== undefined ? meta('citation_firstpage', String(item.page)) : '',
		meta('citation_language', item.language),
		meta('DC.type', printed ? 'newspaperArticle' : 'webpage'),
	].join('');
}

export interface Link {
	href: string;
	text: string;
}

/** Links each after a space: ` <a href="…">…</a> <a href="…">…</a>`. */
function spacedLinks(links: readonly Link[]): string {
	return links.map((each) => ` ${link(each)}`).join('');
}

export interface CiteThisText {
	/** The paper's time zone, for the script that fills in the reader's day. */
	timeZone: string;
	/** GB/T 7714 print form; absent for an item the paper did not print. */
	print: string | undefined;
	/** The online form, split where the 引用日期 goes. */
	onlineBefore: string;
	onlineAfter: string;
	/** What stands for the 引用日期 until the script fills it in. */
	citedOn: string;
	apa: string;
	chicago: string;
	downloads: readonly Link[];
}

/** 引用本文: the section CiteThis.astro describes. */
export function citeThisHtml(cite: CiteThisText): string {
	const print = cite.print
		? `<p><b>GB/T 7714</b> <span id="cite-gbt">${escapeText(cite.print)}</span></p>`
		: '';
	return (
		`<section aria-labelledby="cite-h" class="cite" data-cite${attribute('data-tz', cite.timeZone)}>` +
		'<h2 id="cite-h">引用本文</h2>' +
		print +
		`<p><b>GB/T 7714 电子版</b> <span id="cite-gbt-ol">${escapeText(cite.onlineBefore)}` +
		`[<span data-cited-on>${escapeText(cite.citedOn)}</span>]${escapeText(cite.onlineAfter)}</span></p>` +
		`<p><b>APA</b> <span id="cite-apa">${escapeText(cite.apa)}</span></p>` +
		`<p><b>Chicago</b> <span id="cite-chicago">${escapeText(cite.chicago)}</span></p>` +
		'<p class="muted">引用日期填您查阅本页之日；浏览器运行脚本时已自动填入当天（北京时间）。下载：' +
		`${spacedLinks(cite.downloads)}</p></section>`
	);
}

/** 数据：the item's JSON records and, where given, its feeds (DataLinks.astro). */
export function dataLinksHtml(records: readonly Link[], feeds: readonly Link[] = []): string {
	const subscribe = feeds.map((feed) => ` 订阅：${link(feed)}`).join('');
	return `<p class="muted">数据：${spacedLinks(records)}${subscribe}</p>`;
}
