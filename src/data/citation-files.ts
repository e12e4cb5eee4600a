import type { CslItem } from '../domain/citation.ts';
import { bibtexOf, cslJsonOf, risOf } from '../domain/citation-formats.ts';
import type { CitationFormat } from '../domain/data-routes.ts';

/**
 * The citation downloads beside each item page (`/articles/<id>.ris` and the like), written
 * by citation-js from the item's CSL-JSON record. They reach the site in the item-file
 * bundles (`src/data/item-files.ts`).
 */

const WRITERS: Record<CitationFormat, (record: CslItem) => string> = {
	ris: risOf,
	bib: bibtexOf,
	csl: cslJsonOf,
};

/** The text of one citation file. */
export function citationFile(format: CitationFormat, record: CslItem): string {
	return WRITERS[format](record);
}
