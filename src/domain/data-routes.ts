import { itemPath, type ItemKind } from './routes.ts';

/**
 * Addresses of the machine-readable files beside each item page (docs/open-data.md).
 * An item at `/articles/2021-11-11/02-zhu/` has its files next to it, sharing its path:
 *
 * - `/articles/2021-11-11/02-zhu.json`: the item as data (schema: `/data/schema/v1/article.json`);
 * - `/articles/2021-11-11/02-zhu.ris`, `.bib`, `.csl.json`: its citation.
 *
 * These addresses are a contract with readers' scripts and reference managers: keep them.
 */

export const DATA_SCHEMA_VERSION = 1;

export const CITATION_FORMATS = {
	ris: { extension: 'ris', label: 'RIS', type: 'application/x-research-info-systems' },
	bib: { extension: 'bib', label: 'BibTeX', type: 'application/x-bibtex' },
	csl: {
		extension: 'csl.json',
		label: 'CSL-JSON',
		type: 'application/vnd.citationstyles.csl+json',
	},
} as const;

export type CitationFormat = keyof typeof CITATION_FORMATS;

function stem(kind: ItemKind, id: string): string {
	return itemPath(kind, id).replace(/\/$/, '');
}

/** `/articles/2021-11-11/02-zhu.json`. */
export function itemDataPath(kind: ItemKind, id: string): string {
	return `${stem(kind, id)}.json`;
}

/** `/articles/2021-11-11/02-zhu.ris` and the like. */
export function citationPath(kind: ItemKind, id: string, format: CitationFormat): string {
	return `${stem(kind, id)}.${CITATION_FORMATS[format].extension}`;
}

/** `/data/schema/v1/article.json`. */
export function itemSchemaPath(kind: ItemKind, version = DATA_SCHEMA_VERSION): string {
	return `/data/schema/v${version}/${kind}.json`;
}

/** `/data/2021.jsonl.gz`. */
export function yearDataPath(year: number): string {
	return `/data/${year}.jsonl.gz`;
}

export const DATA_PAGE_PATH = '/data/';
export const OPENSEARCH_PATH = '/opensearch.xml';
export const NOTICES_FEED_PATH = '/feeds/notices.xml';

/** `/feeds/sections/要闻.xml` (percent-encoded when linked). */
export function sectionFeedPath(section: string): string {
	return `/feeds/sections/${encodeURIComponent(section)}.xml`;
}

/** `/feeds/people/zhu-haiyi.xml`. */
export function personFeedPath(personId: string): string {
	return `/feeds/people/${personId}.xml`;
}
