import type { APIContext } from 'astro';
import type { CitableItem } from '../../domain/citation.ts';
import { citationPaths, citationResponse } from '../../data/citation-files.ts';

/** The item's citation as RIS, beside its page: `/articles/<id>.ris` (docs/open-data.md). */
export const getStaticPaths = citationPaths;

export function GET({ props }: APIContext<{ item: CitableItem }>) {
	return citationResponse('ris', props.item);
}
