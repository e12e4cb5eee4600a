import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The gzip members of the yearly downloads (`/data/<year>.jsonl.gz`; src/data/item-files.ts,
 * `yearlyDownloadMembers`) kept between builds: `<dir>/<year>/<name>.<key>.gz`, one file a
 * member name, its key in the file name. A day's publish changes one month's members, so a
 * rebuild gzips those again and copies the rest (at 15,000 articles the year's 32 MB of
 * records cost 1.4 s to serialise and gzip whole).
 *
 * gzip is deterministic for the same bytes and settings, so a member read from here is the
 * member the build would make: the download is the same bytes either way. A file damaged
 * after a finished build is dropped by the integrity check (src/cache/integrity.ts) like
 * any cached file; one written by a build that did not finish is not in its record, and is
 * dropped too. Writing is best effort: a cache that cannot be written costs time only.
 */
export class DownloadMemberStore {
	readonly #dir: string;

	/** `dir`: the store's folder (`<cacheDir>/archive-download-members`). */
	constructor(dir: string) {
		this.#dir = dir;
	}

	/** The member `name` of download `file` under `key`, made by `make` unless kept. */
	member(file: string, name: string, key: string, make: () => Uint8Array): Uint8Array {
		const folder = join(this.#dir, file);
		const path = join(folder, `${name}.${key}.gz`);
		try {
			return readFileSync(path);
		} catch {
			// Not kept (or unreadable): made below.
		}
		const bytes = make();
		try {
			mkdirSync(folder, { recursive: true });
			const temporary = `${path}.${process.pid}.tmp`;
			writeFileSync(temporary, bytes);
			renameSync(temporary, path);
			// The member's older versions: one file a name.
			for (const entry of readdirSync(folder))
				if (entry.startsWith(`${name}.`) && entry !== `${name}.${key}.gz`)
					rmSync(join(folder, entry), { force: true });
		} catch {
			// Best effort: the next build makes the member again.
		}
		return bytes;
	}
}
