import type { APIContext } from 'astro';
import { loadArchive } from '../../data/archive.ts';
import { gzippedJsonLines } from '../../data/bulk.ts';
import { yearlyDownloadKeys } from '../../data/item-files.ts';
import { allRecords, yearsWithItems } from '../../data/open-data.ts';
import { cacheKeyOf } from '../../data/page-keys.ts';

/**
 * Every item printed in one year, one record a line (the same record as each item's
 * `.json`), gzipped: `/data/2021.jsonl.gz`. People, who have no date, are in
 * `/data/people.jsonl.gz`. A year whose records are unchanged is copied from the build
 * cache instead of gzipped again (its key: `yearlyDownloadKeys`).
 */
export async function getStaticPaths() {
	const archive = await loadArchive();
	const keys = yearlyDownloadKeys(archive);
	return [...yearsWithItems(archive).map(({ year }) => String(year)), 'people'].map((year) => ({
		params: { year },
		// An archive without people still has its (empty) people file: its key is that of no record.
		cacheKey: keys.get(year) ?? cacheKeyOf([]),
	}));
}

export async function GET({ params }: APIContext<never, { year: string }>) {
	const archive = await loadArchive();
	const records = allRecords(archive)
		.filter(({ year, record }) =>
			params.year === 'people' ? record.kind === 'person' : year === Number(params.year),
		)
		.map(({ record }) => record);
	return new Response(gzippedJsonLines(records), {
		headers: { 'Content-Type': 'application/gzip' },
	});
}
