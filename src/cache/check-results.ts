import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { digestOf } from './code-digest.ts';
import { CACHE_LOCATIONS } from './locations.ts';

/**
 * Results of the checks on single files, kept between builds so that a rebuild checks only
 * the files that changed. A result is reused only when both digests it was stored under
 * are the current ones:
 *
 * - the file's: a digest of its bytes as read in this build (never its date or size);
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

interface Stored<T> {
	format: number;
	code: string;
	/** Name → [digest of the file's bytes, result]. */
	results: Record<string, [string, T]>;
}

export class CheckCache<T> {
	readonly state: CacheState;
	hits = 0;
	misses = 0;
	readonly #file: string;
	readonly #code: string;
	readonly #previous: Map<string, [string, T]>;
	/** Only what this run looked up is kept: results of deleted files leave the store. */
	readonly #current = new Map<string, [string, T]>();

	private constructor(
		file: string,
		code: string,
		previous: Map<string, [string, T]>,
		state: CacheState,
	) {
		this.#file = file;
		this.#code = code;
		this.#previous = previous;
		this.state = state;
	}

	/** Opens the store at `file` for code whose digest is `code`; never throws for a bad store. */
	static async open<T>(file: string, code: string): Promise<CheckCache<T>> {
		let text: string;
		try {
			text = await readFile(file, 'utf8');
		} catch {
			return new CheckCache<T>(file, code, new Map(), 'missing');
		}
		const newline = text.indexOf('\n');
		const body = text.slice(newline + 1);
		if (newline < 0 || text.slice(0, newline) !== digestOf(body)) {
			return new CheckCache<T>(file, code, new Map(), 'corrupt');
		}
		let stored: Stored<T>;
		try {
			stored = JSON.parse(body) as Stored<T>;
		} catch {
			return new CheckCache<T>(file, code, new Map(), 'corrupt');
		}
		if (
			stored === null ||
			typeof stored !== 'object' ||
			stored.format !== FORMAT ||
			stored.results === null ||
			typeof stored.results !== 'object'
		) {
			return new CheckCache<T>(file, code, new Map(), 'corrupt');
		}
		if (stored.code !== code) return new CheckCache<T>(file, code, new Map(), 'stale');
		return new CheckCache<T>(file, code, new Map(Object.entries(stored.results)), 'used');
	}

	/** The result stored for `name` when it was computed from bytes with this digest. */
	get(name: string, digest: string): T | undefined {
		const found = this.#previous.get(name);
		if (found && found[0] === digest) {
			this.hits++;
			this.#current.set(name, found);
			return found[1];
		}
		this.misses++;
		return undefined;
	}

	set(name: string, digest: string, result: T): void {
		this.#current.set(name, [digest, result]);
	}

	/** Writes the results looked up or set in this run, replacing the store whole. */
	async save(): Promise<void> {
		const stored: Stored<T> = {
			format: FORMAT,
			code: this.#code,
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

/** Where the stores live below Astro's cache folder. */
export function checkCacheFile(cacheDir: string, name: string): string {
	return join(cacheDir, CACHE_LOCATIONS.checkResults, `${name}.json`);
}
