import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import {
	lstatSync,
	mkdirSync,
	readFileSync,
	rmdirSync,
	rmSync,
	writeFileSync,
	type BigIntStats,
} from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	readItemFilesRecord,
	recordedFiles,
	writeItemFilesRecord,
	type ItemFilesRecord,
	type UnpackedBundle,
} from '../cache/item-files-record.ts';
import { fileStamp } from '../cache/file-stamp.ts';
import { CACHE_LOCATIONS } from '../cache/locations.ts';
import { ITEM_FILES_EXTENSION, parseItemFiles } from '../domain/item-files.ts';
import { KIND_PATHS } from '../data/kind-paths.ts';
import { WorkerTask, type WorkerFailure } from './worker-task.ts';

/**
 * Unpacks the item-file bundles (`/articles/1998-01-01.item-files`, written by
 * `src/pages/[collection]/[group].item-files.ts`) into the files beside each item page
 * (`.json`, `.ris`, `.bib`, `.csl.json`) and removes the bundles, so the site holds exactly
 * the files four per-item routes would have written (docs/open-data.md, "Cost").
 *
 * The unpacking runs in a worker thread beside the hooks that never look at item files or
 * bundles (the sitemap, page images, the search index, which reads `.html` files only), not
 * on the main thread before them: `start` goes first among the hooks that read the built
 * site, once the pages are pruned; `done` waits for it and goes before every hook that
 * reads item files (the post-build checks, permanence).
 */

/** What one unpacking did: bundles read, files written, files kept from the last build. */
export interface UnpackSummary {
	bundles: number;
	files: number;
	kept: number;
	/** Every bundle unpacked, with its digest and files: the record's next contents. */
	unpacked: UnpackedBundle[];
}

/** What is at `path` itself (a link is not followed), or undefined when nothing is. */
function lstatOrUndefined(path: string): BigIntStats | undefined {
	try {
		return lstatSync(path, { bigint: true });
	} catch {
		return undefined;
	}
}

/** Whether the file at `path` holds exactly `content` (false when it cannot be read). */
function sameBytes(path: string, content: Uint8Array): boolean {
	try {
		return readFileSync(path).equals(content);
	} catch {
		return false;
	}
}

/** Deletes `file` below `distDir`, then its folder when that is left empty. */
function deleteFile(distDir: string, file: string): void {
	rmSync(join(distDir, file), { force: true, recursive: true });
	try {
		rmdirSync(dirname(join(distDir, file)));
	} catch {
		// Not empty: a page or another item's files are still there.
	}
}

/** The folders that hold bundles: one per item kind (`articles`, `people`, …). */
const ITEM_FOLDERS = Object.values(KIND_PATHS);

/**
 * Unpacks every bundle under `distDir`. A file the last build recorded (it came back with its
 * folder, see `fresh-out-dir.ts`) is kept where it still has its recorded stamp and its
 * bundle's digest is the recorded one, or else where it holds the same bytes; every other
 * file is written. The files a bundle's last version held and this one does not are
 * deleted, as are the files of recorded bundles this build no longer makes.
 */
export async function unpackItemFiles(
	distDir: string,
	record: ItemFilesRecord = { version: 1, bundles: {} },
): Promise<UnpackSummary> {
	const summary: UnpackSummary = { bundles: 0, files: 0, kept: 0, unpacked: [] };
	const suffix = `.${ITEM_FILES_EXTENSION}`;
	// Folders made (or found) once per build, not once per file.
	const made = new Set<string>();
	/** Every file a bundle of this build holds: two bundles naming one file is a bug. */
	const claimed = new Set<string>();
	const seen = new Set<string>();
	// Only the item kinds' folders hold bundles. Listing the whole site raced the search index,
	// which writes and removes its own folders at the same time (seen: ENOENT on its staging
	// folder, on a busy machine).
	for (const folder of ITEM_FOLDERS) {
		const folderPath = join(distDir, folder);
		const names = await readdir(folderPath).catch((error: NodeJS.ErrnoException) => {
			// A kind with no items has no folder.
			if (error.code === 'ENOENT') return [];
			throw error;
		});
		for (const name of names) {
			if (!name.endsWith(suffix)) continue;
			const bundlePath = join(folderPath, name);
			const bundle = `${folder}/${name}`;
			seen.add(bundle);
			const bytes = readFileSync(bundlePath);
			const digest = createHash('sha256').update(bytes).digest('hex');
			const files = parseItemFiles(bytes, bundlePath);
			const paths = files.map(([path]) => path.slice(1));
			for (const path of paths) {
				if (claimed.has(path)) throw new Error(`${bundlePath}: ${path} is in two bundles`);
				claimed.add(path);
			}
			const found: [string, string][] = paths.map((path) => [path, '']);
			summary.unpacked.push({ bundle, digest, files: found });
			summary.bundles++;
			const prior = record.bundles[bundle];
			/** The stamps of this bundle's files as the last build recorded them. */
			const stamps = new Map(prior?.files);
			// Bytes in, slices of the same bytes out: no text is decoded or encoded again.
			files.forEach(([, content], position) => {
				const path = paths[position]!;
				const file = join(distDir, path);
				const recorded = stamps.get(path);
				if (recorded !== undefined) {
					// Back with its folder: kept where it is what this bundle holds, proven by the
					// bundle's digest and the file's stamp, or else by its bytes.
					const stat = lstatOrUndefined(file);
					if (stat?.isFile()) {
						const stamp = fileStamp(stat);
						if (stamp !== undefined && stamp === recorded && prior!.digest === digest) {
							found[position]![1] = stamp;
							summary.kept++;
							return;
						}
						if (sameBytes(file, content)) {
							summary.kept++;
							return;
						}
					} else if (stat) {
						// Never written through: a link or a folder under the file's name goes first.
						rmSync(file, { force: true, recursive: true });
					}
				}
				const folderOfFile = dirname(file);
				if (!made.has(folderOfFile)) {
					mkdirSync(folderOfFile, { recursive: true });
					made.add(folderOfFile);
				}
				// `wx` for a file no bundle wrote: one already there is never silently overwritten.
				// Synchronous: 12,600 small files through the thread pool took twice the CPU.
				writeFileSync(file, content, { flag: recorded !== undefined ? 'w' : 'wx' });
				summary.files++;
			});
			for (const path of stamps.keys()) if (!claimed.has(path)) deleteFile(distDir, path);
			rmSync(bundlePath);
		}
	}
	for (const [bundle, prior] of Object.entries(record.bundles)) {
		if (seen.has(bundle)) continue;
		for (const [path] of prior.files) if (!claimed.has(path)) deleteFile(distDir, path);
	}
	return summary;
}

/** What the worker thread (`item-files-worker.ts`) is given. */
export interface UnpackRequest {
	distDir: string;
	/** The last build's record (`CACHE_LOCATIONS.itemFilesRecord`); absent: none. */
	recordPath?: string | undefined;
}

/** What the worker thread answers. */
export type UnpackReply =
	| ({
			ok: true;
			/** The unpacking's wall time and its thread's CPU time (user + system), in seconds. */
			seconds: number;
			cpuSeconds: number;
	  } & UnpackSummary)
	| WorkerFailure;

/**
 * Starts unpacking `distDir` in a worker thread; answers with its count and time, or with
 * the worker's error (a bundle of the wrong shape names the bundle).
 */
function startUnpacking(request: UnpackRequest): WorkerTask<UnpackReply> {
	return new WorkerTask(
		new URL('./item-files-worker.ts', import.meta.url),
		request,
		'the unpacking worker',
	);
}

/**
 * The integrations: `start` first among the `astro:build:done` hooks that read the site
 * (after the pruning of `freshOutDir().first`), `done` before the first one that reads item
 * files (nothing listed between them may read item files or bundles), and `record` late,
 * once nothing writes item files any more, so that their stamps are taken well after they
 * were written (`file-stamp.ts`: a file changed within two seconds gets none). `keptFiles`
 * names the files of the last record, for `freshOutDir()` to bring back with their folders.
 */
export function itemFiles(): {
	start: AstroIntegration;
	done: AstroIntegration;
	record: AstroIntegration;
	keptFiles: () => ReadonlySet<string>;
} {
	let unpacking: ReturnType<typeof startUnpacking> | undefined;
	let recordPath: string | undefined;
	let outDir = '';
	let unpacked: UnpackedBundle[] | undefined;
	const start: AstroIntegration = {
		name: 'archive:item-files',
		hooks: {
			'astro:config:done': ({ config }) => {
				outDir = fileURLToPath(config.outDir);
				recordPath = join(fileURLToPath(config.cacheDir), CACHE_LOCATIONS.itemFilesRecord);
			},
			'astro:build:done': ({ dir }) => {
				outDir = fileURLToPath(dir);
				unpacking = startUnpacking({ distDir: outDir, recordPath });
			},
		},
	};
	const done: AstroIntegration = {
		name: 'archive:item-files-done',
		hooks: {
			'astro:build:done': async ({ logger }) => {
				if (!unpacking) return;
				const waitFrom = performance.now();
				const reply = await unpacking.answer();
				unpacking = undefined;
				if (!reply.ok) throw new Error(`item files not unpacked: ${reply.error}`);
				unpacked = reply.unpacked;
				const waited = (performance.now() - waitFrom) / 1000;
				logger.info(
					`${reply.files} item files written and ${reply.kept} kept from the last build, of ${reply.bundles} bundles, in ${reply.seconds.toFixed(1)} s (CPU ${reply.cpuSeconds.toFixed(1)} s) beside the search index; waited ${waited.toFixed(1)} s`,
				);
			},
		},
	};
	const record: AstroIntegration = {
		name: 'archive:item-files-record',
		hooks: {
			'astro:build:done': () => {
				if (!unpacked || !recordPath) return;
				writeItemFilesRecord(recordPath, outDir, unpacked);
				unpacked = undefined;
			},
		},
	};
	const keptFiles = () =>
		recordPath ? recordedFiles(readItemFilesRecord(recordPath)) : new Set<string>();
	return { start, done, record, keptFiles };
}
