import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-ris';
import type { CslItem } from './citation.ts';
import { CHICAGO_AUTHOR_DATE_NEWSPAPER } from './csl/chicago-author-date-newspaper.ts';

/**
 * APA, Chicago, BibTeX and RIS written by citation-js from one CSL-JSON record, so every
 * format says the same thing. APA is the style @citation-js/plugin-csl ships; Chicago is
 * the small style in `csl/`, registered here once.
 */

export const CHICAGO_TEMPLATE = 'chicago-author-date-newspaper';

const cslConfig = plugins.config.get('@csl');
if (!cslConfig.styles!.has(CHICAGO_TEMPLATE)) {
	cslConfig.styles!.add(CHICAGO_TEMPLATE, CHICAGO_AUTHOR_DATE_NEWSPAPER);
}
// Titles and names are Chinese: write them as they are rather than dropping them.
plugins.config.get('@bibtex').format!.asciiOnly = false;

function cite(record: CslItem): Cite {
	// citation-js adds bookkeeping to the objects it is given: hand it a copy.
	return new Cite([structuredClone(record)]);
}

function bibliography(record: CslItem, template: string): string {
	return cite(record).format('bibliography', { format: 'text', template, lang: 'en-US' }).trim();
}

/** APA 7 through citeproc-js: about 4 ms an item, too slow for every page of a large archive. */
export function apaCitationCsl(record: CslItem): string {
	return bibliography(record, 'apa');
}

/** Chicago author-date through citeproc-js, with the style in `csl/`. */
export function chicagoCitationCsl(record: CslItem): string {
	return bibliography(record, CHICAGO_TEMPLATE);
}

/**
 * APA and Chicago for the shapes this archive cites (a dated newspaper item with up to 20
 * authors, an undated archive page without author), written directly: the same text as
 * the CSL styles give (tests/unit/citation.test.ts compares them on every shape), in
 * microseconds rather than milliseconds. Any other shape goes through citeproc-js.
 */
const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
] as const;

/** Ends with a full stop, put inside a closing quotation mark as citeproc-js (en-US) does. */
function closed(text: string): string {
	if (/[.?!][”’]?$/.test(text)) return text;
	if (/[”’]$/.test(text)) return `${text.slice(0, -1)}.${text.slice(-1)}`;
	return `${text}.`;
}

/**
 * Whether a title's only quotation marks are double ones (“”), which the direct writers
 * handle. A ’ before a digit is the apostrophe of an elided year (’97, ’98), which
 * citeproc-js leaves as it is; 1998's paper prints it in a few dozen headlines, and
 * citeproc-js takes tens of milliseconds over each of them for APA.
 */
function onlyDoubleQuotes(title: string): boolean {
	return !/["'‘]|’(?!\d)/.test(title);
}

function namesOf(record: CslItem): string[] | undefined {
	const names = (record.author ?? []).map((name) => name.literal);
	return names.some((name) => /[.,&]|\band\b/.test(name)) ? undefined : names;
}

function datePart(record: CslItem, field: 'issued' | 'accessed') {
	const parts = record[field]?.['date-parts'][0];
	if (!parts) return undefined;
	const [year, month, day] = parts;
	return { year, month: MONTHS[month - 1]!, day };
}

function listNames(names: string[], and: string): string {
	if (names.length <= 2) return names.join(` ${and} `);
	return `${names.slice(0, -1).join(', ')}, ${and} ${names.at(-1)}`;
}

export function apaCitation(record: CslItem): string {
	const names = namesOf(record);
	const issued = datePart(record, 'issued');
	const accessed = datePart(record, 'accessed');
	const { title, 'container-title': container, URL: url } = record;
	// citeproc-js rewrites ASCII and single quotation marks in a title: left to it.
	const plainQuotes = onlyDoubleQuotes(title);
	if (
		plainQuotes &&
		names &&
		names.length <= 20 &&
		record.type === 'article-newspaper' &&
		issued &&
		record.page
	) {
		const date = `(${issued.year}, ${issued.month} ${issued.day}).`;
		const source = `${container}, ${record.page}. ${url}`;
		if (names.length === 0) return `${closed(title)} ${date} ${source}`;
		return `${closed(listNames(names, '&'))} ${date} ${closed(title)} ${source}`;
	}
	if (plainQuotes && names?.length === 0 && record.type === 'webpage' && !issued && accessed) {
		const retrieved = `Retrieved ${accessed.month} ${accessed.day}, ${accessed.year}, from ${url}`;
		return `${closed(record.publisher)} (n.d.). ${closed(title)} ${closed(container)} ${retrieved}`;
	}
	return apaCitationCsl(record);
}

/**
 * A title in Chicago's double quotes, as citeproc-js writes it: double quotation marks
 * inside turn single (“引号” → ‘引号’), and the closing period goes inside a quotation mark
 * that ends the title (“标题‘引号.’”). Titles with single or ASCII quotation marks, whose
 * nesting citeproc-js also rewrites, are left to it (`chicagoCitation`).
 */
function quoted(title: string): string {
	const inner = title.replaceAll('“', '‘').replaceAll('”', '’');
	if (/[.?!]$/.test(inner)) return `“${inner}”`;
	if (inner.endsWith('’')) return `“${inner.slice(0, -1)}.’”`;
	return `“${inner}.”`;
}

export function chicagoCitation(record: CslItem): string {
	const names = namesOf(record);
	const issued = datePart(record, 'issued');
	const { title, 'container-title': container, URL: url } = record;
	// Double quotation marks are flipped in `quoted`; other ones are left to citeproc-js.
	if (!onlyDoubleQuotes(title)) return chicagoCitationCsl(record);
	if (names && record.type === 'article-newspaper' && issued) {
		const monthDay = `${issued.month} ${issued.day}`;
		if (names.length === 0)
			return `${closed(container)} ${issued.year}. ${quoted(title)} ${monthDay}. ${url}.`;
		const by = closed(listNames(names, 'and'));
		return `${by} ${issued.year}. ${quoted(title)} ${container}, ${monthDay}. ${url}.`;
	}
	if (names?.length === 0 && record.type === 'webpage' && !issued)
		return `${closed(container)} n.d. ${quoted(title)} ${url}.`;
	return chicagoCitationCsl(record);
}

/**
 * A citation-js output plugin's text for one record. The record is CSL-JSON already, so its
 * type is named rather than guessed: `new Cite()` tries every input type it knows first,
 * which made a `.bib` file cost 0.45 ms where the writing itself takes 0.2 ms. The text is
 * the same (tests/unit/citation.test.ts compares both ways).
 */
function citationJsOutput(
	record: CslItem,
	format: string,
	options: Record<string, unknown>,
): string {
	const data = plugins.input.chain([structuredClone(record)], {
		forceType: '@csl/list+object',
		generateGraph: false,
	});
	return `${plugins.output.format(format, data, options).trim()}\n`;
}

/** BibTeX as `new Cite(record).format('bibtex')` writes it. */
export function bibtexOfCite(record: CslItem): string {
	return `${cite(record).format('bibtex', { format: 'text' }).trim()}\n`;
}

export function bibtexOf(record: CslItem): string {
	return citationJsOutput(record, 'bibtex', { format: 'text' });
}

const RIS_OPTIONS = { format: 'text', spec: 'old' };

/**
 * RIS in the classic tag set (`T1`, `A1`, `Y1`, `JF`): citation-js's newer tag set leaves out
 * the authors and the full date of a newspaper item, which reference managers then lose.
 */
export function risOf(record: CslItem): string {
	return citationJsOutput(record, 'ris', RIS_OPTIONS);
}

/** RIS as `new Cite(record).format('ris')` writes it. */
export function risOfCite(record: CslItem): string {
	return `${cite(record).format('ris', RIS_OPTIONS).trim()}\n`;
}

/** CSL-JSON as a reference manager imports it: an array of items. */
export function cslJsonOf(record: CslItem): string {
	return `${JSON.stringify([record], null, '\t')}\n`;
}
