import type { APIContext } from 'astro';
import type { CitableItem } from '../../domain/citation.ts';
import { citationPaths, citationResponse } from '../../data/citation-files.ts';

/** The item's citation as CSL-JSON, beside its page: `/articles/<id>.csl.json` (docs/open-data.md). */
export const getStaticPaths = citationPaths;

export function GET({ props }: APIContext<{ item: CitableItem }>) {
	return citationResponse('csl', props.item);
}
