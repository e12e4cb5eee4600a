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

export function apaCitation(record: CslItem): string {
	return bibliography(record, 'apa');
}

export function chicagoCitation(record: CslItem): string {
	return bibliography(record, CHICAGO_TEMPLATE);
}

export function bibtexOf(record: CslItem): string {
	return `${cite(record).format('bibtex', { format: 'text' }).trim()}\n`;
}

/**
 * RIS in the classic tag set (`T1`, `A1`, `Y1`, `JF`): citation-js's newer tag set leaves out
 * the authors and the full date of a newspaper item, which reference managers then lose.
 */
export function risOf(record: CslItem): string {
	return `${cite(record).format('ris', { format: 'text', spec: 'old' }).trim()}\n`;
}

/** CSL-JSON as a reference manager imports it: an array of items. */
export function cslJsonOf(record: CslItem): string {
	return `${JSON.stringify([record], null, '\t')}\n`;
}
