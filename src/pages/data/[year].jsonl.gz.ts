import type { APIContext } from 'astro';
import { join } from 'node:path';
import { buildCacheDir } from 'virtual:archive/build-cache';
import { DownloadMemberStore } from '../../cache/download-members.ts';
import { CACHE_LOCATIONS } from '../../cache/locations.ts';
import { loadArchive } from '../../data/archive.ts';
import { concatenated, gzippedJsonLines } from '../../data/bulk.ts';
import { yearlyDownloadKeys, yearlyDownloadMembers } from '../../data/item-files.ts';
import { yearsWithItems } from '../../data/open-data.ts';
import { cacheKeyOf } from '../../data/page-keys.ts';

/**
 * Every item printed in one year, one record a line (the same record as each item's
 * `.json`), gzipped: `/data/2021.jsonl.gz`. People, who have no date, are in
 * `/data/people.jsonl.gz`. A year whose records are unchanged is copied from the build
 * cache instead of gzipped again (its key: `yearlyDownloadKeys`); a changed year is made of
 * one gzip member per kind and month, and only the changed members are gzipped again
 * (`yearlyDownloadMembers`, src/cache/download-members.ts).
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

const store =
	buildCacheDir === undefined
		? undefined
		: new DownloadMemberStore(join(buildCacheDir, CACHE_LOCATIONS.downloadMembers));

export async function GET({ params }: APIContext<never, { year: string }>) {
	const archive = await loadArchive();
	const members = yearlyDownloadMembers(archive, params.year).map(({ name, key, records }) => {
		const make = () => gzippedJsonLines(records);
		return store ? store.member(params.year, name, key, make) : make();
	});
	// No record at all (an archive without people): an empty file, gzipped.
	const bytes = members.length > 0 ? concatenated(members) : gzippedJsonLines([]);
	return new Response(bytes, { headers: { 'Content-Type': 'application/gzip' } });
}
