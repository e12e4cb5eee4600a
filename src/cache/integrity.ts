import { createHash } from 'node:crypto';
import {
	readdirSync,
	readFileSync,
	renameSync,
	rmSync,
	statSync,
	writeFileSync,
	type BigIntStats,
} from 'node:fs';
import { join } from 'node:path';
import { filesBelow } from './files-below.ts';
import { nowNs, RACY_NS } from './file-stamp.ts';
import { CACHE_LOCATIONS, cacheGroupOf, dependsOn, verifiesItself } from './locations.ts';

/**
 * Caches that heal. A finished build records the digest of every file it leaves in the
 * cache folder; the next build checks every file against that record before Astro or our
 * integrations read any of it, and drops each group (locations.ts) with a file that is
 * missing, changed, truncated or unknown. A build stopped halfway, a full disk or a garbled
 * file therefore costs time, never a wrong or failed build.
 *
 * A file whose inode, size and ctime are the recorded ones has not been touched since its
 * digest was taken, and is not read again (`unchangedSinceRecord`); every other file is read
 * and hashed. At 15,000 articles the cache holds about 17,000 pages, which reading and
 * hashing on every build cost seconds.
 *
 * The record is written only by a build that finished, as a temporary file renamed into
 * place, with a digest of its own text on its first line.
 */

const FORMAT = 1;

export interface FileRecord {
	size: number;
	digest: string;
	/**
	 * The file's inode number and status-change time (ns), as decimal strings, when that time
	 * was safely older than the record: see `unchangedSinceRecord`.
	 */
	inode?: string;
	ctimeNs?: string;
}

/**
 * True when a file is, by its metadata, the one recorded: same inode, same size and same
 * status-change time (ctime). The kernel sets ctime to the current time on every change to
 * a file's bytes or metadata (write, truncate, rename, link, chmod, setting its times), and
 * no system call sets it back, so an unchanged ctime on the same inode means the bytes the
 * record hashed. What it cannot see is damage below the file system (a failing disk), which
 * neither does anything else that reads through the page cache.
 */
function unchangedSinceRecord(expected: FileRecord, stat: BigIntStats): boolean {
	return (
		expected.inode !== undefined &&
		expected.ctimeNs !== undefined &&
		expected.inode === String(stat.ino) &&
		expected.ctimeNs === String(stat.ctimeNs) &&
		BigInt(expected.size) === stat.size
	);
}

interface IntegrityRecord {
	format: number;
	files: Record<string, FileRecord>;
}

/** What a check found, for the one line the build logs. */
export interface HealReport {
	/** Cached files compared with the record. */
	checked: number;
	/** Of those, found unchanged by their inode, size and ctime alone (not read). */
	trusted: number;
	/** Groups dropped, with the first reason for each. */
	dropped: { group: string; reason: string }[];
	/** Files deleted with them. */
	deleted: number;
	/** True when there was no usable record: everything cached was dropped. */
	unrecorded: boolean;
}

function digestFile(path: string): string {
	return createHash('sha256').update(readFileSync(path)).digest('base64url');
}

/**
 * The caches in two parts, checked one after the other or side by side: `early`, Astro's
 * content store (with its inputs digest), which Astro reads as it starts; `late`, the rest
 * (rendered pages, search shards, the item-files record), which nothing reads before
 * `astro:build:start`. The late part is most of the files (39,000 at 15,000 articles): a
 * build checks it in a worker thread while Astro starts and loads content
 * (src/integrations/cache-integrity.ts).
 */
export type CachePart = 'early' | 'late';

/** The part of the cached file (or top-level entry) `file`. */
export function cachePartOf(file: string): CachePart {
	return cacheGroupOf(file.split('/', 1)[0]!) === 'content-store' ? 'early' : 'late';
}

/**
 * Every cached file that the record covers, as `/`-separated paths below `cacheDir`; with
 * `part`, only those of that part (the other part's folders are not listed).
 */
function cachedFiles(cacheDir: string, part?: CachePart): string[] {
	let entries;
	try {
		entries = readdirSync(cacheDir, { withFileTypes: true });
	} catch {
		return [];
	}
	return (
		entries
			// The discarded output is no cache, and may be large: not even listed.
			.filter((entry) => entry.name !== CACHE_LOCATIONS.discardedOutput)
			.filter((entry) => part === undefined || cachePartOf(entry.name) === part)
			.flatMap((entry) =>
				entry.isDirectory()
					? filesBelow(join(cacheDir, entry.name)).map((file) => `${entry.name}/${file}`)
					: entry.isFile()
						? [entry.name]
						: [],
			)
			.filter((file) => file !== CACHE_LOCATIONS.integrity && !verifiesItself(file))
			.sort()
	);
}

function readRecord(cacheDir: string): IntegrityRecord | undefined {
	try {
		const text = readFileSync(join(cacheDir, CACHE_LOCATIONS.integrity), 'utf8');
		const newline = text.indexOf('\n');
		const body = text.slice(newline + 1);
		if (newline < 0 || text.slice(0, newline) !== createHash('sha256').update(body).digest('hex'))
			return undefined;
		const record = JSON.parse(body) as IntegrityRecord;
		if (record?.format !== FORMAT || typeof record.files !== 'object' || record.files === null)
			return undefined;
		return record;
	} catch {
		return undefined;
	}
}

/** A file's digest as `healCaches` verified it, with the size and mtime it had then. */
export interface VerifiedFile {
	size: number;
	mtimeMs: number;
	digest: string;
}

/** Digests verified by `healCaches` in this process, reused by `recordCaches` for unchanged files. */
const verified = new Map<string, VerifiedFile>();

/** Forgets what was verified of `part` (of every file without one). */
function forgetVerified(part?: CachePart): void {
	for (const file of verified.keys())
		if (part === undefined || cachePartOf(file) === part) verified.delete(file);
}

/**
 * Checks every cached file (of `part`, when given) against the last finished build's record
 * and deletes each group that fails. Call before anything reads the caches (of that part).
 */
export function healCaches(cacheDir: string, part?: CachePart): HealReport {
	forgetVerified(part);
	const files = cachedFiles(cacheDir, part);
	const report: HealReport = {
		checked: files.length,
		trusted: 0,
		dropped: [],
		deleted: 0,
		unrecorded: false,
	};
	if (files.length === 0) return report;
	const record = readRecord(cacheDir);
	const failed = new Map<string, string>();
	if (!record) {
		report.unrecorded = true;
		for (const file of files)
			if (!failed.has(cacheGroupOf(file))) failed.set(cacheGroupOf(file), 'no record');
	} else {
		const present = new Set(files);
		for (const file of files) {
			const group = cacheGroupOf(file);
			const expected = record.files[file];
			const stat = statSync(join(cacheDir, file), { bigint: true });
			const size = Number(stat.size);
			let reason: string | undefined;
			if (!expected) reason = `${file}: not written by a finished build`;
			else if (expected.size !== size) reason = `${file}: ${size} bytes, expected ${expected.size}`;
			else if (unchangedSinceRecord(expected, stat)) {
				verified.set(file, { size, mtimeMs: Number(stat.mtimeMs), digest: expected.digest });
				report.trusted++;
			} else {
				const digest = digestFile(join(cacheDir, file));
				if (digest !== expected.digest) reason = `${file}: digest differs`;
				else verified.set(file, { size, mtimeMs: Number(stat.mtimeMs), digest });
			}
			if (reason && !failed.has(group)) failed.set(group, reason);
		}
		for (const file of Object.keys(record.files)) {
			if (part !== undefined && cachePartOf(file) !== part) continue;
			const group = cacheGroupOf(file);
			if (!present.has(file) && !failed.has(group)) failed.set(group, `${file}: missing`);
		}
	}
	if (failed.size === 0) return report;
	for (const file of files) {
		const group = cacheGroupOf(file);
		const doomed = failed.has(group) || [...failed.keys()].some((lost) => dependsOn(lost, file));
		if (!doomed) continue;
		rmSync(join(cacheDir, file), { force: true });
		verified.delete(file);
		report.deleted++;
	}
	report.dropped = [...failed].map(([group, reason]) => ({ group, reason }));
	return report;
}

/**
 * What `healCaches` verified of `part` (of every part without one) in this thread, to hand to
 * another (`adoptVerified`), whose record then reads none of those files again: from the
 * heal's worker to the main thread, and from there to the record's worker.
 */
export function verifiedFiles(part?: CachePart): [string, VerifiedFile][] {
	return [...verified].filter(([file]) => part === undefined || cachePartOf(file) === part);
}

/** Takes what another thread verified of `part` (of every part without one; `verifiedFiles`). */
export function adoptVerified(
	part: CachePart | undefined,
	files: readonly [string, VerifiedFile][],
): void {
	forgetVerified(part);
	for (const [file, facts] of files) verified.set(file, facts);
}

/** One cached file's entry in the record; `racyFrom`: see `recordedFiles`. */
function fileRecord(cacheDir: string, file: string, racyFrom: bigint): FileRecord | undefined {
	const path = join(cacheDir, file);
	const stat = statSync(path, { bigint: true, throwIfNoEntry: false });
	if (!stat?.isFile()) return undefined;
	const size = Number(stat.size);
	const known = verified.get(file);
	// A file this build verified and did not touch keeps its digest; the rest are read.
	const digest =
		known && known.size === size && known.mtimeMs === Number(stat.mtimeMs)
			? known.digest
			: digestFile(path);
	return stat.ctimeNs < racyFrom
		? { size, digest, inode: String(stat.ino), ctimeNs: String(stat.ctimeNs) }
		: { size, digest };
}

/**
 * The record's entries of every cached file but those in `except`. A file changed within
 * two seconds before this call gets no stamp, and is read again by the next build
 * (`RACY_NS`).
 */
export function recordedFiles(
	cacheDir: string,
	except: ReadonlySet<string> = new Set(),
): Record<string, FileRecord> {
	return entriesOf(cacheDir, cachedFiles(cacheDir), except);
}

function entriesOf(
	cacheDir: string,
	files: readonly string[],
	except: ReadonlySet<string>,
): Record<string, FileRecord> {
	const racyFrom = nowNs() - RACY_NS;
	const entries: Record<string, FileRecord> = {};
	for (const file of files) {
		if (except.has(file)) continue;
		const entry = fileRecord(cacheDir, file, racyFrom);
		if (entry) entries[file] = entry;
	}
	return entries;
}

/** From how many cached files `settledRecordedFiles` waits (see there). */
export const SETTLE_FROM_FILES = 10_000;

/**
 * `recordedFiles` for a worker thread taking the record beside the build's last steps
 * (src/integrations/cache-integrity.ts), asked at `askedAtMs`: the files are listed at
 * once, but with `settleFrom` files or more, not stat'ed until two seconds after the
 * asking. The search index has just written the closed shards, or linked the closed word
 * table's files into the output (a link moves a file's ctime): 6,200 files and 100 MB on a
 * day at 15,000 articles, all 22,000 shard files after a full build. Stat'ed at once, they
 * would get no stamp, and the next build would read and hash them all. A large build's
 * checks of the built site take longer than the wait; a small cache is not worth it.
 */
export async function settledRecordedFiles(
	cacheDir: string,
	except: ReadonlySet<string>,
	askedAtMs: number,
	settleFrom = SETTLE_FROM_FILES,
): Promise<Record<string, FileRecord>> {
	const files = cachedFiles(cacheDir);
	const wait = askedAtMs + Number(RACY_NS / 1_000_000n) - Date.now();
	if (files.length >= settleFrom && wait > 0)
		await new Promise((resolve) => setTimeout(resolve, wait));
	return entriesOf(cacheDir, files, except);
}

/**
 * Writes the record: `files` (`recordedFiles`, perhaps taken by another thread before the
 * files in `late` were last written) and the entries of those `late` files, taken now.
 * Call at the end of a build that finished.
 */
export function writeRecord(
	cacheDir: string,
	files: Record<string, FileRecord>,
	late: readonly string[] = [],
): number {
	const racyFrom = nowNs() - RACY_NS;
	for (const file of late) {
		const entry = fileRecord(cacheDir, file, racyFrom);
		if (entry) files[file] = entry;
		else delete files[file];
	}
	const body = JSON.stringify({ format: FORMAT, files } satisfies IntegrityRecord);
	const target = join(cacheDir, CACHE_LOCATIONS.integrity);
	const temporary = `${target}.${process.pid}.tmp`;
	try {
		writeFileSync(temporary, `${createHash('sha256').update(body).digest('hex')}\n${body}`);
		renameSync(temporary, target);
	} finally {
		rmSync(temporary, { force: true });
	}
	return Object.keys(files).length;
}

/** Records every cached file's digest, at the end of a build that finished. */
export function recordCaches(cacheDir: string): number {
	return writeRecord(cacheDir, recordedFiles(cacheDir));
}

/** The reports of the two parts as one. */
export function bothParts(early: HealReport, late: HealReport): HealReport {
	return {
		checked: early.checked + late.checked,
		trusted: early.trusted + late.trusted,
		dropped: [...early.dropped, ...late.dropped],
		deleted: early.deleted + late.deleted,
		unrecorded: early.unrecorded || late.unrecorded,
	};
}

/** The one line a build logs when it dropped anything. */
export function describeHeal(report: HealReport): string | undefined {
	if (report.dropped.length === 0) return undefined;
	if (report.unrecorded)
		return `缓存没有完整性记录，已清除 ${report.deleted} 个文件并将重建 / caches had no integrity record: dropped ${report.deleted} file(s), they will be rebuilt`;
	const first = report.dropped[0]!;
	const more = report.dropped.length > 1 ? ` (+${report.dropped.length - 1} more)` : '';
	return `缓存校验未通过，已清除 ${report.dropped.length} 组共 ${report.deleted} 个文件并将重建 / ${report.dropped.length} cache group(s) failed their digests and were dropped (${report.deleted} file(s)), they will be rebuilt: ${first.reason}${more}`;
}
