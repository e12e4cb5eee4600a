import { readFileSync, statSync, type BigIntStats } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { digestOf } from './code-digest.ts';
import { fileStamp } from './file-stamp.ts';
import { CACHE_LOCATIONS } from './locations.ts';

/**
 * Results of the checks on single files, kept between builds so that a rebuild checks only
 * the files that changed. A result is reused only when both digests it was stored under
 * are the current ones:
 *
 * - the file's: a digest of its bytes as read in this build (never its date or size), or
 *   as read in an earlier build when the file still has the stamp it had then (its inode,
 *   size and status-change time, `file-stamp.ts`), which only a change to the file moves;
 * - the code's: a digest of every module the checks import (followed from the entry
 *   modules through their relative imports), the lock file (dependency versions: the YAML
 *   parser, zod), the Node version, and what else decides a result's text (the content
 *   root and working folder, which appear in messages). Any change there drops every result.
 *
 * The store is one JSON file with a digest of its own text on the first line. A file that
 * is missing, unreadable, truncated, edited or written by other code is ignored whole and
 * written again; it is never partly trusted. Writes go to a temporary file renamed over the
 * old one, so a build stopped halfway leaves the old store or the new one, never a mix.
 */

/** Bumped when the layout of the store or of what it holds changes. */
const FORMAT = 1;

/** Why a store was not used: nothing there yet, not readable as ours, or from other code. */
export type CacheState = 'used' | 'missing' | 'corrupt' | 'stale';

interface Stored<S> {
	format: number;
	code: string;
	/** The strings a codec's stored results refer to by number. */
	strings?: string[];
	/** Name → [digest of the file's bytes, result as stored, the file's stamp when it was read]. */
	results: Record<string, StoredResult<S>>;
}

type StoredResult<S> = [digest: string, result: S] | [digest: string, result: S, stamp: string];

/**
 * How a store with many repeated strings keeps its results compact: each string once in
 * the store's table, results referring to it by number. Without a codec a result is stored
 * as it is. `decode(encode(result))` must equal `result`.
 */
export interface ResultCodec<T, S> {
	/** The stored form of `result`, with its strings replaced by `number(string)`. */
	encode(result: T, number: (text: string) => number): S;
	/** The result back from its stored form; `strings[n]` is the string numbered `n`. */
	decode(stored: S, strings: readonly string[]): T;
}

/** The table a codec's strings are numbered in: each string once. */
class StringTable {
	readonly strings: string[] = [];
	readonly #numbers = new Map<string, number>();
	readonly number = (text: string): number => {
		let found = this.#numbers.get(text);
		if (found === undefined) {
			found = this.strings.length;
			// A copy of its own: a string cut from a larger one (an id matched in a page's HTML)
			// keeps the whole of that in memory, which for every page of an archive is gigabytes.
			const own = Buffer.from(text, 'utf16le').toString('utf16le');
			this.strings.push(own);
			this.#numbers.set(own, found);
		}
		return found;
	};
}

const asIs: ResultCodec<unknown, unknown> = {
	encode: (result) => result,
	decode: (stored) => stored,
};

export class CheckCache<T, S = T> {
	readonly state: CacheState;
	hits = 0;
	misses = 0;
	/** Of the hits, those found by the file's stamp alone, without reading the file. */
	unread = 0;
	readonly #file: string;
	readonly #code: string;
	readonly #codec: ResultCodec<T, S>;
	readonly #previous: Map<string, StoredResult<S>>;
	readonly #previousStrings: readonly string[];
	/**
	 * Only what this run looked up is kept: results of deleted files leave the store. Kept
	 * in stored form, numbered in this run's table, so a large store stays compact.
	 */
	readonly #current = new Map<string, StoredResult<S>>();
	readonly #strings = new StringTable();

	private constructor(
		file: string,
		code: string,
		codec: ResultCodec<T, S>,
		state: CacheState,
		previous: Stored<S> | undefined = undefined,
	) {
		this.#file = file;
		this.#code = code;
		this.#codec = codec;
		this.#previous = new Map(previous ? Object.entries(previous.results) : []);
		this.#previousStrings = previous?.strings ?? [];
		this.state = state;
	}

	/**
	 * Opens the store at `file` for code whose digest is `code`; never throws for a bad store.
	 * A store written with a codec must be opened with the same codec (the code's digest
	 * covers the codec's module, so a changed codec finds the store stale).
	 */
	static async open<T, S = T>(
		file: string,
		code: string,
		codec?: ResultCodec<T, S>,
	): Promise<CheckCache<T, S>> {
		const use = codec ?? (asIs as ResultCodec<T, S>);
		let text: string;
		try {
			text = await readFile(file, 'utf8');
		} catch {
			return new CheckCache<T, S>(file, code, use, 'missing');
		}
		const newline = text.indexOf('\n');
		const body = text.slice(newline + 1);
		if (newline < 0 || text.slice(0, newline) !== digestOf(body)) {
			return new CheckCache<T, S>(file, code, use, 'corrupt');
		}
		let stored: Stored<S>;
		try {
			stored = JSON.parse(body) as Stored<S>;
		} catch {
			return new CheckCache<T, S>(file, code, use, 'corrupt');
		}
		if (
			stored === null ||
			typeof stored !== 'object' ||
			stored.format !== FORMAT ||
			stored.results === null ||
			typeof stored.results !== 'object' ||
			(codec !== undefined && !Array.isArray(stored.strings))
		) {
			return new CheckCache<T, S>(file, code, use, 'corrupt');
		}
		if (stored.code !== code) return new CheckCache<T, S>(file, code, use, 'stale');
		return new CheckCache<T, S>(file, code, use, 'used', stored);
	}

	/**
	 * The result stored for `name` when the file still has the stamp it had when its bytes
	 * were read (`fileStamp`), so that they need not be read again; undefined otherwise.
	 */
	getByStamp(name: string, stamp: string | undefined): T | undefined {
		if (stamp === undefined) return undefined;
		const found = this.#previous.get(name);
		if (found?.[2] !== stamp) return undefined;
		this.hits++;
		this.unread++;
		const result = this.#codec.decode(found[1], this.#previousStrings);
		this.set(name, found[0], result, stamp);
		return result;
	}

	/**
	 * The result stored for `name` when it was computed from bytes with this digest. The
	 * file's stamp, when given, is kept with it for `getByStamp` in the next run.
	 */
	get(name: string, digest: string, stamp?: string): T | undefined {
		const found = this.#previous.get(name);
		if (found && found[0] === digest) {
			this.hits++;
			const result = this.#codec.decode(found[1], this.#previousStrings);
			this.set(name, digest, result, stamp);
			return result;
		}
		this.misses++;
		return undefined;
	}

	set(name: string, digest: string, result: T, stamp?: string): void {
		const stored = this.#codec.encode(result, this.#strings.number);
		this.#current.set(name, stamp === undefined ? [digest, stored] : [digest, stored, stamp]);
	}

	/** The result this run looked up or set for `name`, if any (read back from stored form). */
	current(name: string): T | undefined {
		const found = this.#current.get(name);
		return found && this.#codec.decode(found[1], this.#strings.strings);
	}

	/** Writes the results looked up or set in this run, replacing the store whole. */
	async save(): Promise<void> {
		const stored: Stored<S> = {
			format: FORMAT,
			code: this.#code,
			...(this.#codec === asIs ? {} : { strings: this.#strings.strings }),
			results: Object.fromEntries(this.#current),
		};
		const body = JSON.stringify(stored);
		const temporary = `${this.#file}.${process.pid}.tmp`;
		await mkdir(dirname(this.#file), { recursive: true });
		try {
			await writeFile(temporary, `${digestOf(body)}\n${body}`);
			await rename(temporary, this.#file);
		} finally {
			await rm(temporary, { force: true });
		}
	}
}

/**
 * The result for the file at `path`, stored as `name`: from `cache` where the file is
 * unchanged and from `compute` otherwise (always, without a cache). A file whose stamp is
 * the one stored with its result is not read at all; any other is read and found by the
 * digest of its bytes. `stat`, when the caller has taken it already (to refuse a file by its
 * size before reading it), saves taking it again. Synchronous: for many small files, read
 * one after another, several times faster than promises on the thread pool.
 */
export function fileResult<T, S>(
	path: string,
	name: string,
	cache: CheckCache<T, S> | undefined,
	compute: (content: Buffer, digest: string) => T,
	stat?: BigIntStats,
	now?: bigint,
): T {
	// Stamp first, then read: a change in between moves the stamp, so the next run reads again.
	const stamp = cache && fileStamp(stat ?? statSync(path, { bigint: true }), now);
	const known = cache?.getByStamp(name, stamp);
	if (known !== undefined) return known;
	const content = readFileSync(path);
	const digest = digestOf(content);
	const cached = cache?.get(name, digest, stamp);
	if (cached !== undefined) return cached;
	const result = compute(content, digest);
	cache?.set(name, digest, result, stamp);
	return result;
}

/** `fileResult` for each of `files` below `dir`, in order, handed to `use`. */
export function forEachFileResult<T, S>(
	dir: string,
	files: readonly string[],
	cache: CheckCache<T, S> | undefined,
	compute: (file: string, content: Buffer, digest: string) => T,
	use: (file: string, result: T) => void,
	now?: bigint,
): void {
	for (const file of files) {
		const ofFile = (content: Buffer, digest: string) => compute(file, content, digest);
		use(file, fileResult(join(dir, file), file, cache, ofFile, undefined, now));
	}
}

/** Where the stores live below Astro's cache folder. */
export function checkCacheFile(cacheDir: string, name: string): string {
	return join(cacheDir, CACHE_LOCATIONS.checkResults, `${name}.json`);
}
