import type { GetStaticPaths } from 'astro';
import { cslRecord, type CitableItem } from '../domain/citation.ts';
import { bibtexOf, cslJsonOf, risOf } from '../domain/citation-formats.ts';
import { CITATION_FORMATS, type CitationFormat } from '../domain/data-routes.ts';
import { KIND_PATHS } from './kind-paths.ts';
import { cacheKeyOf } from './page-keys.ts';
import { loadArchive } from './archive.ts';
import { citableItems } from './citable.ts';

/**
 * The citation downloads beside each item page (`/articles/<id>.ris` and the like), for the
 * routes `src/pages/[collection]/[...id].{ris,bib,csl.json}.ts`. Written by citation-js from
 * the item's CSL-JSON record.
 */

export const citationPaths = (async () => {
	const archive = await loadArchive();
	return citableItems(archive).map(({ kind, id, item }) => ({
		params: { collection: KIND_PATHS[kind], id },
		props: { item },
		// The file is made from the item alone: unchanged, it is copied from the last build.
		cacheKey: cacheKeyOf(item),
	}));
}) satisfies GetStaticPaths;

const WRITERS: Record<CitationFormat, (record: ReturnType<typeof cslRecord>) => string> = {
	ris: risOf,
	bib: bibtexOf,
	csl: cslJsonOf,
};

export function citationResponse(format: CitationFormat, item: CitableItem): Response {
	return new Response(WRITERS[format](cslRecord(item)), {
		headers: { 'Content-Type': `${CITATION_FORMATS[format].type}; charset=utf-8` },
	});
}
