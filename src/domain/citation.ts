/**
 * Citations of archive items, as plain data: GB/T 7714-2015 text, and one CSL-JSON record
 * per item from which citation-js writes APA, Chicago, BibTeX and RIS
 * (`citation-formats.ts`). No Astro import: the routes pass plain values in.
 */

/** What a citation needs to know about one item. */
export interface CitableItem {
	/** Stable id within the archive, e.g. `article/2021-11-11/02-zhu-haiyi`. */
	key: string;
	/** `newspaper`: printed in the paper (article, notice, advert); `web`: a page of the archive (profile). */
	medium: 'newspaper' | 'web';
	title: string;
	subtitle?: string | undefined;
	/** Authors as printed (bylines such as 本报记者 张三 are reduced to the name). */
	authors: readonly string[];
	/** The paper's name, e.g. 安康日报; for `web` items, the archive's name. */
	container: string;
	publisher: string;
	/** Issue date `YYYY-MM-DD`; absent for a profile, which has no printed date. */
	date?: string | undefined;
	/** Page (版次). */
	page?: number | undefined;
	/** Page name (版名), e.g. 要闻. */
	section?: string | undefined;
	/** Absolute URL of the item's page. */
	url: string;
	/** BCP 47 tag, e.g. zh-CN. */
	language: string;
}

/** Role words printed before a name in a byline, which are not part of the name. */
const BYLINE_ROLES =
	/^(?:本报(?:特约)?(?:记者|通讯员)|特约(?:记者|通讯员)|通讯员|记者|实习生|见习记者|本报评论员|文\/图|文|图)[\s\u3000:：]*/u;

/**
 * The names in a byline as printed: `本报记者 张三 李四` → `张三`, `李四`. A byline that is
 * only a role (本报评论员) is kept as it is: it is how the paper signed the piece.
 */
export function bylineNames(byline: string): string[] {
	const trimmed = byline.trim();
	const rest = trimmed.replace(BYLINE_ROLES, '').trim();
	if (!rest) return [trimmed];
	return rest.split(/[\s\u3000、,，]+/u).filter(Boolean);
}

/** Every author named in a list of bylines, in order, each once. */
export function citationAuthors(bylines: readonly string[]): string[] {
	return [...new Set(bylines.flatMap(bylineNames))];
}

/** GB/T 7714-2015 §8.1.2: up to three authors, then `等`. */
function gbtAuthors(authors: readonly string[]): string {
	if (authors.length <= 3) return authors.join(', ');
	return `${authors.slice(0, 3).join(', ')}, 等`;
}

function gbtTitle(item: CitableItem): string {
	return item.subtitle ? `${item.title}: ${item.subtitle}` : item.title;
}

/** Joins the citation's parts with `. `, never doubling a full stop the text already ends with. */
function joinParts(parts: string[]): string {
	return parts.reduce(
		(text, part) => (text === '' ? part : `${text.replace(/[.。]$/u, '')}. ${part}`),
		'',
	);
}

/**
 * The printed form, GB/T 7714-2015 §4.4 / §8 for a newspaper item:
 * `作者. 题名[N]. 报纸名, YYYY-MM-DD(版次).` Without an author it starts with the title.
 * Undefined for an item the paper did not print (a profile page).
 */
export function gbtPrintCitation(item: CitableItem): string | undefined {
	if (item.medium !== 'newspaper' || !item.date || item.page === undefined) return undefined;
	const parts = item.authors.length > 0 ? [gbtAuthors(item.authors)] : [];
	parts.push(`${gbtTitle(item)}[N]`, `${item.container}, ${item.date}(${item.page})`);
	return `${joinParts(parts)}.`;
}

/**
 * The online form: `作者. 题名[N/OL]. 报纸名, YYYY-MM-DD(版次)[引用日期]. URL.`
 * For a page of the archive that the paper did not print, the electronic-bulletin form
 * `作者. 题名[EB/OL]. 网站名. [引用日期]. URL.`; with no author, the publisher signs it.
 * `citedOn` is the 引用日期, `YYYY-MM-DD`.
 */
export function gbtOnlineCitation(item: CitableItem, citedOn: string): string {
	if (item.medium === 'newspaper' && item.date && item.page !== undefined) {
		const parts = item.authors.length > 0 ? [gbtAuthors(item.authors)] : [];
		parts.push(
			`${gbtTitle(item)}[N/OL]`,
			`${item.container}, ${item.date}(${item.page})[${citedOn}]`,
			item.url,
		);
		return `${joinParts(parts)}.`;
	}
	const author = item.authors.length > 0 ? gbtAuthors(item.authors) : item.publisher;
	const published = item.date ? `(${item.date})` : '';
	return `${joinParts([author, `${gbtTitle(item)}[EB/OL]`, item.container, `${published}[${citedOn}]`, item.url])}.`;
}

/** A CSL-JSON item (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html). */
export interface CslItem {
	id: string;
	'citation-key': string;
	type: 'article-newspaper' | 'webpage';
	title: string;
	author?: { literal: string }[];
	'container-title': string;
	publisher: string;
	issued?: { 'date-parts': [[number, number, number]] };
	page?: string;
	section?: string;
	URL: string;
	language: string;
	accessed?: { 'date-parts': [[number, number, number]] };
}

function dateParts(date: string): { 'date-parts': [[number, number, number]] } {
	const [year, month, day] = date.split('-').map(Number) as [number, number, number];
	return { 'date-parts': [[year, month, day]] };
}

/**
 * A key BibTeX accepts (letters, digits, underscores) from the item's key:
 * `article/2021-11-11/02-zhu` → `article_2021_11_11_02_zhu`.
 */
export function citationKey(key: string): string {
	return key.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}

/**
 * The item as CSL-JSON. Names are `literal`: a Chinese name is not split into family and
 * given name, and an organisation (a notice's issuer) is kept whole. `accessedOn`
 * (`YYYY-MM-DD`) is for citations shown on a page; downloads leave it out, since the
 * reference manager records its own.
 */
export function cslRecord(item: CitableItem, accessedOn?: string): CslItem {
	const key = citationKey(item.key);
	const title = item.subtitle ? `${item.title}: ${item.subtitle}` : item.title;
	const record: CslItem = {
		id: key,
		'citation-key': key,
		type: item.medium === 'newspaper' ? 'article-newspaper' : 'webpage',
		title,
		'container-title': item.container,
		publisher: item.publisher,
		URL: item.url,
		language: item.language,
	};
	if (item.authors.length > 0) record.author = item.authors.map((literal) => ({ literal }));
	if (item.date) record.issued = dateParts(item.date);
	if (accessedOn) record.accessed = dateParts(accessedOn);
	if (item.page !== undefined) record.page = String(item.page);
	if (item.section) record.section = item.section;
	return record;
}
