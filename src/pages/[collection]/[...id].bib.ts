import type { APIContext } from 'astro';
import type { CitableItem } from '../../domain/citation.ts';
import { citationPaths, citationResponse } from '../../data/citation-files.ts';

/** The item's citation as BibTeX, beside its page: `/articles/<id>.bib` (docs/open-data.md). */
export const getStaticPaths = citationPaths;

export function GET({ props }: APIContext<{ item: CitableItem }>) {
	return citationResponse('bib', props.item);
}
