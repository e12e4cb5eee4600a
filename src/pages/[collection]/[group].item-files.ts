import type { APIContext } from 'astro';
import type { CitableItem } from '../../domain/citation.ts';
import type { ItemKind } from '../../domain/routes.ts';
import { loadArchive } from '../../data/archive.ts';
import { itemFilePaths, itemFilesBundle } from '../../data/item-files.ts';
import type { ItemRecord } from '../../data/open-data.ts';

/**
 * The files beside the item pages of one kind and day (`/articles/<id>.json`, `.ris`,
 * `.bib`, `.csl.json`; docs/open-data.md), in one bundle that the item-files integration
 * unpacks into them and then removes (`src/data/item-files.ts`).
 */
export async function getStaticPaths() {
	return itemFilePaths(await loadArchive());
}

interface Props {
	records: ItemRecord[];
	items: { kind: ItemKind; id: string; item: CitableItem }[];
}

export function GET({ props }: APIContext<Props>) {
	// Bytes, not a string: Astro writes them as they are, with no conversion or second encoding.
	return new Response(itemFilesBundle(props.records, props.items), {
		headers: { 'Content-Type': 'application/jsonl; charset=utf-8' },
	});
}
