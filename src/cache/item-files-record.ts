import { existsSync, lstatSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileStamp, nowNs } from './file-stamp.ts';

/**
 * What the last finished build unpacked into its output folder: each item-file bundle's
 * digest and the stamp of every file it wrote there (`src/integrations/item-files.ts`).
 *
 * A rebuild moves the folders holding those files back into the new output whole, instead of
 * deleting tens of thousands of files with the old output and writing them again; the
 * unpacking then keeps a bundle's files only where the bundle's digest is the recorded one
 * and every file still has its recorded stamp, and writes the bundle again otherwise
 * (docs/scale.md, "Item files kept in place"). Paths are `/`-separated, below the output
 * folder, without a leading slash.
 */

export interface RecordedBundle {
	/** SHA-256 of the bundle's bytes, hex. */
	digest: string;
	/**
	 * Every file the bundle holds, with its stamp (`file-stamp.ts`), or an empty string for a
	 * file written too recently to have one (its bytes are compared instead).
	 */
	files: [path: string, stamp: string][];
}

export interface ItemFilesRecord {
	version: 1;
	/** By bundle path (`articles/1998-01-05.item-files`). */
	bundles: Record<string, RecordedBundle>;
}

/**
 * One bundle as the unpacking left it, in the record's shape: a file kept by its stamp has
 * it, one written or proven by its bytes has '' until the record is written.
 */
export interface UnpackedBundle extends RecordedBundle {
	bundle: string;
}

function isRecordedBundle(value: unknown): value is RecordedBundle {
	if (!value || typeof value !== 'object') return false;
	const { digest, files } = value as Partial<RecordedBundle>;
	return (
		typeof digest === 'string' &&
		Array.isArray(files) &&
		files.every(
			(file) =>
				Array.isArray(file) &&
				file.length === 2 &&
				typeof file[0] === 'string' &&
				typeof file[1] === 'string',
		)
	);
}

/** The record at `path`; an empty one when it is missing or not a record (nothing is kept). */
export function readItemFilesRecord(path: string): ItemFilesRecord {
	const empty: ItemFilesRecord = { version: 1, bundles: {} };
	let parsed: unknown;
	try {
		parsed = JSON.parse(readFileSync(path, 'utf8'));
	} catch {
		return empty;
	}
	if (!parsed || typeof parsed !== 'object') return empty;
	const { version, bundles } = parsed as Partial<ItemFilesRecord>;
	if (version !== 1 || !bundles || typeof bundles !== 'object') return empty;
	return Object.values(bundles).every(isRecordedBundle) ? { version, bundles } : empty;
}

/** Every file the record names: the files a rebuild may move back with their folders. */
export function recordedFiles(record: ItemFilesRecord): Set<string> {
	const files = new Set<string>();
	for (const bundle of Object.values(record.bundles))
		for (const [path] of bundle.files) files.add(path);
	return files;
}

/** The file's stamp now, or undefined when it is missing or changed too recently to trust. */
export function stampOf(path: string, now: bigint = nowNs()): string | undefined {
	try {
		const stat = lstatSync(path, { bigint: true });
		return stat.isFile() ? fileStamp(stat, now) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Records `bundles` as found below `outDir` now. A file kept by its stamp keeps it (a file
 * changed since would only fail to match it next time, never match it wrongly), so only the
 * files written or proven by their bytes are looked at: a day's, not the archive's. A file
 * changed within the racy window is recorded without a stamp; a bundle with a file missing
 * is left out, so that its files are written again next time. Written whole by rename, so a
 * build stopped halfway never leaves half a record.
 */
export function writeItemFilesRecord(
	path: string,
	outDir: string,
	bundles: readonly UnpackedBundle[],
	now: bigint = nowNs(),
): void {
	const record: ItemFilesRecord = { version: 1, bundles: {} };
	for (const { bundle, digest, files: found } of bundles) {
		const stamped: [string, string][] = [];
		for (const [file, kept] of found) {
			if (kept !== '') {
				stamped.push([file, kept]);
				continue;
			}
			const path = join(outDir, file);
			if (!existsSync(path)) break;
			stamped.push([file, stampOf(path, now) ?? '']);
		}
		if (stamped.length !== found.length) continue;
		record.bundles[bundle] = { digest, files: stamped };
	}
	const temporary = `${path}.${process.pid}.tmp`;
	writeFileSync(temporary, JSON.stringify(record));
	renameSync(temporary, path);
}
