import type { APIContext } from 'astro';
import { loadArchive } from '../../data/archive.ts';
import { KIND_PATHS } from '../../data/kind-paths.ts';
import { cacheKeyOf } from '../../data/page-keys.ts';
import { allRecords, type ItemRecord } from '../../data/open-data.ts';

/**
 * Each item as data, beside its page: `/articles/<id>.json`, `/notices/<id>.json`,
 * `/adverts/<id>.json`, `/people/<id>.json`. Every article part has one, also a later
 * part whose page forwards into its story. Format: docs/open-data.md.
 */
export async function getStaticPaths() {
	const archive = await loadArchive();
	return allRecords(archive).map(({ record }) => ({
		params: { collection: KIND_PATHS[record.kind], id: record.id },
		props: { record },
		// The file is the record alone: unchanged, it is copied from the last build.
		cacheKey: cacheKeyOf(record),
	}));
}

export function GET({ props }: APIContext<{ record: ItemRecord }>) {
	return new Response(`${JSON.stringify(props.record, null, '\t')}\n`, {
		headers: { 'Content-Type': 'application/json; charset=utf-8' },
	});
}
