import type { APIContext } from 'astro';
import { loadArchive } from '../../data/archive.ts';
import { gzippedJsonLines } from '../../data/bulk.ts';
import { allRecords, yearsWithItems } from '../../data/open-data.ts';

/**
 * Every item printed in one year, one record a line (the same record as each item's
 * `.json`), gzipped: `/data/2021.jsonl.gz`. People, who have no date, are in
 * `/data/people.jsonl.gz`.
 */
export async function getStaticPaths() {
	const archive = await loadArchive();
	return [
		...yearsWithItems(archive).map(({ year }) => ({ params: { year: String(year) } })),
		{ params: { year: 'people' } },
	];
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
