import type { EntrySummary } from './summary.ts';

/**
 * The entries the content guard checked in this process, by content folder, for the steps
 * of the same build that need them again once the pages are written (the permanence step's
 * addresses and old addresses), so that they do not read and parse every entry file a
 * second time. Only a check that found no problem is remembered: the build stops otherwise.
 * Only what those steps use is kept, not the whole summary (its raw front matter), so the
 * build holds little more than a path per entry.
 */

export type CheckedEntry = Pick<EntrySummary, 'collection' | 'id' | 'file' | 'redirectFrom'>;

const checked = new Map<string, readonly CheckedEntry[]>();

/** What the later steps keep of an entry the guard checked. */
export function checkedEntryOf({ collection, id, file, redirectFrom }: CheckedEntry): CheckedEntry {
	return redirectFrom ? { collection, id, file, redirectFrom } : { collection, id, file };
}

export function rememberCheckedEntries(root: string, summaries: readonly CheckedEntry[]): void {
	checked.set(root, summaries.map(checkedEntryOf));
}

/** The entries of the last successful check of `root` in this process, if any. */
export function checkedEntries(root: string): readonly CheckedEntry[] | undefined {
	return checked.get(root);
}

export function forgetCheckedEntries(root: string): void {
	checked.delete(root);
}
