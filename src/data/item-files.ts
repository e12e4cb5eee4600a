import { cslRecord, type CitableItem } from '../domain/citation.ts';
import { citationPath, itemDataPath, type CitationFormat } from '../domain/data-routes.ts';
import type { ItemKind } from '../domain/routes.ts';
import {
	ITEM_FILES_EXTENSION,
	itemFilesBundleBytes,
	itemFilesGroupOf,
} from '../domain/item-files.ts';
import type { Archive } from './archive-model.ts';
import { citableItems } from './citable.ts';
import { citationFile } from './citation-files.ts';
import { KIND_PATHS } from './kind-paths.ts';
import { allRecords, type ItemRecord } from './open-data.ts';
import { cacheKeyOf } from './page-keys.ts';

/**
 * The files beside each item page (`/articles/<id>.json`, `.ris`, `.bib`, `.csl.json`;
 * docs/open-data.md), made in batches: one bundle per kind and printing day
 * (`/articles/1998-01-01.item-files`, people in `/people/all.item-files`), which
 * `src/integrations/item-files.ts` unpacks into the files once the pages are written.
 *
 * Four Astro routes with one file per item cost Astro's whole per-page machinery 14,000
 * times at 3,139 articles (about two thirds of the page-rendering stage); a bundle per day
 * costs it a few hundred times. The incremental build still works per day: a bundle's
 * cache key is a digest of its records and citations, so an unchanged day is copied from
 * the cache and a changed one is made again; a removed entry leaves no file behind, since
 * every build writes `dist/` afresh from the bundles.
 */

interface Group {
	collection: string;
	group: string;
	records: ItemRecord[];
	items: { kind: ItemKind; id: string; item: CitableItem }[];
}

/** Every bundle, with the records and citable items it holds, in a fixed order. */
export function itemFileGroups(archive: Archive): Group[] {
	const groups = new Map<string, Group>();
	const groupFor = (kind: ItemKind, id: string) => {
		const collection = KIND_PATHS[kind];
		const group = itemFilesGroupOf(id);
		const key = `${collection}/${group}`;
		let found = groups.get(key);
		if (!found) {
			found = { collection, group, records: [], items: [] };
			groups.set(key, found);
		}
		return found;
	};
	for (const { record } of allRecords(archive))
		groupFor(record.kind, record.id).records.push(record);
	for (const citable of citableItems(archive)) {
		groupFor(citable.kind, citable.id).items.push(citable);
	}
	return [...groups.values()];
}

const keyedGroupsOf = new WeakMap<Archive, readonly (Group & { cacheKey: string })[]>();

/**
 * Every bundle with its cache key, made once per archive: the bundle route and the yearly
 * downloads' keys (`yearlyDownloadKeys`) both ask.
 */
function keyedGroups(archive: Archive): readonly (Group & { cacheKey: string })[] {
	let keyed = keyedGroupsOf.get(archive);
	if (!keyed) {
		// A bundle is made from its records and items alone: unchanged, it is copied from the cache.
		keyed = itemFileGroups(archive).map((group) => ({
			...group,
			cacheKey: cacheKeyOf(group.records, group.items),
		}));
		keyedGroupsOf.set(archive, keyed);
	}
	return keyed;
}

/** The `getStaticPaths()` entries of the bundle route. */
export function itemFilePaths(archive: Archive) {
	return keyedGroups(archive).map(({ collection, group, records, items, cacheKey }) => ({
		params: { collection, group },
		props: { records, items },
		cacheKey,
	}));
}

/**
 * One gzip member of a yearly download: its records of one kind and month (`article-1998-03`;
 * people: `person`), consecutive in the download's order, and a key made from the member's
 * name and the keys of the bundles that hold its records (a bundle may hold records of two
 * months). A bundle's key is a digest of every record in it (and its citations), and every
 * record is in one bundle, so a member's key changes whenever one of its records does,
 * while the records are neither serialised nor hashed a second time.
 *
 * A download is its members' gzip streams one after another, which every gzip reader takes
 * as one file (RFC 1952, section 2.2); an unchanged member is copied from the cache
 * (src/cache/download-members.ts) instead of gzipped again.
 */
export interface DownloadMember {
	name: string;
	key: string;
	records: ItemRecord[];
}

const membersOf = new WeakMap<Archive, Map<string, DownloadMember[]>>();

/** The members of every yearly download (`2021`, `people`), in order; made once per archive. */
function downloadMembers(archive: Archive): Map<string, DownloadMember[]> {
	let members = membersOf.get(archive);
	if (members) return members;
	const keyOf = new Map<string, string>();
	for (const { collection, group, cacheKey } of keyedGroups(archive))
		keyOf.set(`${collection}/${group}`, cacheKey);
	const runsOf = new Map<string, { name: string; records: ItemRecord[]; bundles: Set<string> }[]>();
	for (const { year, record } of allRecords(archive)) {
		const file = year === undefined ? 'people' : String(year);
		const date = record.data['date'];
		const name = typeof date === 'string' ? `${record.kind}-${date.slice(0, 7)}` : record.kind;
		let runs = runsOf.get(file);
		if (!runs) {
			runs = [];
			runsOf.set(file, runs);
		}
		let run = runs.at(-1);
		if (run?.name !== name) {
			run = { name, records: [], bundles: new Set() };
			runs.push(run);
		}
		run.records.push(record);
		run.bundles.add(`${KIND_PATHS[record.kind]}/${itemFilesGroupOf(record.id)}`);
	}
	members = new Map(
		[...runsOf].map(([file, runs]) => [
			file,
			runs.map(({ name, records, bundles }) => ({
				name,
				records,
				key: cacheKeyOf([name, [...bundles].map((bundle) => [bundle, keyOf.get(bundle)])]),
			})),
		]),
	);
	membersOf.set(archive, members);
	return members;
}

/** The members of the yearly download `file` (`2021`, `people`), in order. */
export function yearlyDownloadMembers(archive: Archive, file: string): DownloadMember[] {
	return downloadMembers(archive).get(file) ?? [];
}

/**
 * The cache key of each yearly download (`/data/<year>.jsonl.gz`, and `people` for
 * `/data/people.jsonl.gz`): its members' keys, so it changes whenever one of its records
 * does. A bundle holding records of another year too (an id whose day is not its date)
 * only makes both years again.
 */
export function yearlyDownloadKeys(archive: Archive): Map<string, string> {
	return new Map(
		[...downloadMembers(archive)].map(([file, members]) => [
			file,
			cacheKeyOf(members.map(({ key }) => key)),
		]),
	);
}

const FORMATS: CitationFormat[] = ['ris', 'bib', 'csl'];

/** The bundle's bytes (src/domain/item-files.ts): each file's path and exact text. */
export function itemFilesBundle(
	records: ItemRecord[],
	items: Group['items'],
): Uint8Array<ArrayBuffer> {
	const files: [string, string][] = [];
	for (const record of records) {
		files.push([itemDataPath(record.kind, record.id), `${JSON.stringify(record, null, '\t')}\n`]);
	}
	for (const { kind, id, item } of items) {
		const csl = cslRecord(item);
		for (const format of FORMATS) {
			files.push([citationPath(kind, id, format), citationFile(format, csl)]);
		}
	}
	return itemFilesBundleBytes(files);
}

export { ITEM_FILES_EXTENSION };
