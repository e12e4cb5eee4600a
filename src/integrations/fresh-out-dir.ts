import type { AstroIntegration } from 'astro';
import {
	copyFileSync,
	existsSync,
	linkSync,
	lstatSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	rmdirSync,
	rmSync,
	statSync,
	type Stats,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { filesBelow } from '../cache/files-below.ts';
import { CACHE_LOCATIONS } from '../cache/locations.ts';

/**
 * A rebuild's output folder, made fast without ever publishing a stale page.
 *
 * Astro empties `dist/` before it bundles (synchronously, on the main thread), then copies
 * every page whose `cacheKey` is unchanged from its cache (`<cacheDir>/dist/`) back into it,
 * one `mkdir` and one copy a page. At 15,000 articles that is 93,000 files deleted and
 * 16,600 pages copied, most of a one-more-day build's 74.6 s that is not ours. So:
 *
 * 1. **Empty by moving aside** (`astro:build:start`, the moment before Astro would empty
 *    the folder; Astro's own emptying is turned off with `vite.build.emptyOutDir: false`):
 *    each entry of the output folder is renamed into `<cacheDir>/archive-discarded-output/`,
 *    and a worker thread deletes that folder while the build goes on. Where an entry cannot
 *    be renamed (another file system) it is deleted there and then, as Astro would.
 * 2. **Put the cached pages in place by hard links** (same hook, before the worker starts).
 *    Astro keeps a page that is already in `dist/` when its key is unchanged ("cached")
 *    instead of copying it ("restored"), and renders it over the file otherwise (writing the
 *    same bytes to its cache copy). A cached page becomes a second name of its cache copy:
 *    moved back from the discarded output when that file is the cache copy's only other name
 *    (the last build linked it), with its folder when that holds nothing else (a page's
 *    own `…/index.html`: one rename, where a `mkdir` a page took most of this step), or
 *    linked. A cache copy that still has a name elsewhere (an output folder built with
 *    this cache and kept, such as the last release) first gets an inode of its own (copied,
 *    then renamed over itself), so that no file of another folder changes when Astro
 *    writes a page or its cache copy in place. Cache copies were checked
 *    against their digests by the cache integrity check before this hook. Before the pages,
 *    the folders holding the item files the last build recorded (`keptFiles`) come back
 *    whole, pages and all; there, whatever is neither such a page nor a recorded file is
 *    deleted, and the unpacking of the item files judges the recorded ones
 *    (`src/cache/item-files-record.ts`).
 * 3. **Prune** (first of the `astro:build:done` hooks, before anything reads the pages):
 *    every page put in place that Astro did not keep or render in this build (an entry
 *    removed or renamed, a route gone) is deleted, so nothing the last build published
 *    survives unless this build published it again.
 * 4. **Share what was rendered** (same hook): Astro writes a page it renders twice, to the
 *    output and to its cache copy. Where the two hold the same bytes, the cache copy
 *    becomes another name of the page, so that the next build moves the page back (step 2)
 *    instead of making a folder and a link for it: after a full build of 15,000 articles,
 *    that was 2.8 s of publishing the next day. A page is known to hold its copy's bytes,
 *    without reading either, when the copy was written no earlier than the page with the
 *    same size and neither changed since. This is done before anything reads the pages: a
 *    link moves the page's ctime, and the search index, the post-build checks and the
 *    cache record each keep a page's stamp (inode, size, ctime) to skip reading it next
 *    time. Done last, it made the day after a full build read every page again in all three.
 * 5. **Watch for writes in place** (last hook): a page shared with the cache must not
 *    have been written after Astro, or the cache would hold the changed file. Any that was
 *    loses its cache copy (it is rendered next time) and the build says so.
 *
 * A build stopped halfway leaves an output folder that the next build moves aside whole,
 * and a discarded folder that the next build deletes. Where the cache folder lies inside
 * the output folder, none of this is done and Astro empties and copies as before.
 */

/** Entries Astro means to keep in the output folder (a deploy repository's history). */
const KEPT = new Set(['.git']);

/** `/`-separated path of `path` below `root`. */
function below(root: string, path: string): string {
	return relative(root, path).split(sep).join('/');
}

function inside(child: string, parent: string): boolean {
	const rest = relative(parent, child);
	return rest === '' || (!rest.startsWith('..') && !isAbsolute(rest));
}

/** What is at `path` itself (a link is not followed: it is never taken for a page). */
function statOrUndefined(path: string): Stats | undefined {
	try {
		return lstatSync(path);
	} catch {
		return undefined;
	}
}

/**
 * Moves every entry of `outDir` (but `.git`) into a new folder below `discardDir`, and
 * returns that folder (undefined when nothing was moved).
 */
export function discardOutput(outDir: string, discardDir: string): string | undefined {
	let names: string[];
	try {
		names = readdirSync(outDir);
	} catch {
		return undefined;
	}
	const target = join(discardDir, `${process.pid}-${Date.now()}`);
	let moved = 0;
	for (const name of names) {
		if (KEPT.has(name)) continue;
		const from = join(outDir, name);
		try {
			if (moved === 0) mkdirSync(target, { recursive: true });
			renameSync(from, join(target, name));
			moved++;
		} catch {
			rmSync(from, { recursive: true, force: true, maxRetries: 3 });
		}
	}
	return moved > 0 ? target : undefined;
}

/** Deletes `dir` in a worker thread; resolves when it is gone (or could not be deleted). */
export function deleteInBackground(dir: string): Promise<void> {
	return new Promise((resolve) => {
		const worker = new Worker(
			`require('node:fs').rmSync(require('node:worker_threads').workerData, { recursive: true, force: true, maxRetries: 3 });`,
			{ eval: true, workerData: dir },
		);
		// Never the reason the process stays alive: what is left is deleted by the next build.
		worker.unref();
		worker.once('error', () => resolve());
		worker.once('exit', () => resolve());
	});
}

export interface PlacedPages {
	/** Pages put in place, by `/`-separated path below the output folder. */
	placed: Set<string>;
	/** Of those, moved back from the discarded output (the rest were linked). */
	moved: number;
	/** Of those, linked after the cache copy was given an inode of its own (see below). */
	unshared: number;
	/** Cache copies left to Astro's copy: on another file system, or shadowed by `public/`. */
	left: number;
}

/** Makes `folder` (and its parents) unless this placement made it already. */
function ensureFolder(folder: string, made: Set<string>): void {
	if (made.has(folder)) return;
	mkdirSync(folder, { recursive: true });
	made.add(folder);
}

/**
 * Moves the folder of `file` (a page `…/index.html` below `discarded`) back into `outDir`
 * whole, when it holds that page and nothing else and is not in `outDir` yet; returns
 * whether it did. Anything else the folder held stays behind, to be deleted.
 */
function movedFolderBack(
	discarded: string,
	outDir: string,
	file: string,
	made: Set<string>,
): boolean {
	const slash = file.lastIndexOf('/');
	if (slash < 0 || file.slice(slash + 1) !== 'index.html') return false;
	const folder = file.slice(0, slash);
	const from = join(discarded, folder);
	const to = join(outDir, folder);
	try {
		const entries = readdirSync(from);
		if (entries.length !== 1 || entries[0] !== 'index.html' || existsSync(to)) return false;
		ensureFolder(dirname(to), made);
		renameSync(from, to);
	} catch {
		return false;
	}
	made.add(to);
	return true;
}

/**
 * Moves each folder that holds `keptFiles` back from `discarded` into `outDir` whole (the
 * shallowest first; one rename for a day's pages and item files), unless `outDir` has it
 * already; returns the folders moved.
 */
function moveKeptFoldersBack(
	discarded: string,
	outDir: string,
	keptFiles: ReadonlySet<string>,
	made: Set<string>,
): Set<string> {
	const folders = new Set<string>();
	for (const file of keptFiles) {
		const slash = file.lastIndexOf('/');
		if (slash > 0) folders.add(file.slice(0, slash));
	}
	const moved = new Set<string>();
	for (const folder of [...folders].sort((a, b) => a.length - b.length)) {
		if (movedFolderOf(folder, moved) !== undefined) continue;
		const from = join(discarded, folder);
		const to = join(outDir, folder);
		try {
			if (!statSync(from).isDirectory() || existsSync(to)) continue;
			ensureFolder(dirname(to), made);
			renameSync(from, to);
		} catch {
			continue;
		}
		made.add(to);
		moved.add(folder);
	}
	return moved;
}

/** The folder of `moved` that `file` lies in, if any. */
function movedFolderOf(file: string, moved: ReadonlySet<string>): string | undefined {
	if (moved.size === 0) return undefined;
	for (let slash = file.indexOf('/'); slash > 0; slash = file.indexOf('/', slash + 1)) {
		const folder = file.slice(0, slash);
		if (moved.has(folder)) return folder;
	}
	return moved.has(file) ? file : undefined;
}

/**
 * Deletes everything below `folder` (a folder of `outDir`) that is neither a page put in
 * place nor a kept file, and the folders that leaves empty; returns whether `folder` is empty.
 */
function sweepMovedFolder(
	outDir: string,
	folder: string,
	keep: (file: string) => boolean,
): boolean {
	let left = 0;
	for (const entry of readdirSync(join(outDir, folder), { withFileTypes: true })) {
		const file = `${folder}/${entry.name}`;
		if (entry.isDirectory()) {
			if (sweepMovedFolder(outDir, file, keep)) rmdirSync(join(outDir, file));
			else left++;
		} else if (keep(file)) left++;
		else rmSync(join(outDir, file), { force: true });
	}
	return left === 0;
}

/**
 * Puts every cached page (`cachedPages`, Astro's `<cacheDir>/dist/`) at its place in
 * `outDir` as another name of the cache copy, as described above. The folders holding
 * `keptFiles` (the item files the last build recorded, `item-files.ts`) come back whole
 * first, with the pages in them; there, what is neither a page of the cache nor a kept file
 * is deleted, and the kept files are left to their owner to check.
 */
export function placeCachedPages(
	cachedPages: string,
	outDir: string,
	discarded: string | undefined,
	publicDir: string,
	keptFiles: ReadonlySet<string> = new Set(),
): PlacedPages {
	const result: PlacedPages = { placed: new Set(), moved: 0, unshared: 0, left: 0 };
	const made = new Set<string>();
	const movedFolders =
		discarded === undefined
			? new Set<string>()
			: moveKeptFoldersBack(discarded, outDir, keptFiles, made);
	const inPublic = new Set(filesBelow(publicDir));
	for (const file of filesBelow(cachedPages)) {
		const cached = join(cachedPages, file);
		// A file in public/ wins over a page of the same name (Astro skips the page): leave it.
		if (inPublic.has(file)) {
			result.left++;
			continue;
		}
		const copy = statSync(cached);
		const target = join(outDir, file);
		const folder = dirname(target);
		const inMovedFolder = movedFolderOf(file, movedFolders) !== undefined;
		const old = inMovedFolder
			? statOrUndefined(target)
			: discarded === undefined
				? undefined
				: statOrUndefined(join(discarded, file));
		if (old && old.ino === copy.ino && old.dev === copy.dev && copy.nlink === 2) {
			// A page's own folder that holds nothing else goes back whole: one rename, no
			// `mkdir` a page (most of the time this step took). In a folder moved back whole,
			// it is there already.
			if (!inMovedFolder && !movedFolderBack(discarded!, outDir, file, made)) {
				ensureFolder(folder, made);
				renameSync(join(discarded!, file), target);
			}
			result.moved++;
		} else {
			ensureFolder(folder, made);
			// Another file under the page's name, in a folder moved back whole.
			if (inMovedFolder && old) rmSync(target, { force: true, recursive: true });
			try {
				if (copy.nlink > 1) {
					// Still a page of a folder that stays (an output built elsewhere with this cache):
					// the cache takes a copy of its own, which Astro may then write over.
					const temporary = `${cached}.${process.pid}.tmp`;
					copyFileSync(cached, temporary);
					renameSync(temporary, cached);
					result.unshared++;
				}
				linkSync(cached, target);
			} catch {
				// Another file system: Astro copies it.
				result.left++;
				continue;
			}
		}
		result.placed.add(file);
	}
	const keep = (file: string) => result.placed.has(file) || keptFiles.has(file);
	for (const folder of movedFolders)
		if (sweepMovedFolder(outDir, folder, keep)) rmdirSync(join(outDir, folder));
	return result;
}

/** Deletes `file` below `root`, then each parent folder it leaves empty, up to `root`. */
function deleteWithEmptyParents(root: string, file: string): void {
	rmSync(join(root, file), { force: true });
	let folder = dirname(join(root, file));
	while (folder !== root && inside(folder, root)) {
		try {
			rmdirSync(folder);
		} catch {
			return;
		}
		folder = dirname(folder);
	}
}

/** A file as seen at one moment: which inode, how large, when last written. */
interface SeenFile {
	ino: number;
	size: number;
	mtimeMs: number;
}

/** Whether a file is still the one `before` describes (not written or replaced since). */
function sameFile(before: SeenFile, now: Stats): boolean {
	return now.ino === before.ino && now.size === before.size && now.mtimeMs === before.mtimeMs;
}

/** What each of `files` below `outDir` looks like now (those still there). */
export function seenNow(outDir: string, files: Iterable<string>): Map<string, SeenFile> {
	const seen = new Map<string, SeenFile>();
	for (const file of files) {
		const now = statOrUndefined(join(outDir, file));
		if (now) seen.set(file, { ino: now.ino, size: now.size, mtimeMs: now.mtimeMs });
	}
	return seen;
}

/**
 * Deletes each placed page that is not among `outputs` (the files Astro kept or rendered in
 * this build); returns the pages kept, with what they look like now.
 */
export function prunePlacedPages(
	outDir: string,
	placed: Set<string>,
	outputs: Set<string>,
): { pruned: string[]; kept: Map<string, SeenFile> } {
	const pruned: string[] = [];
	for (const file of placed) {
		if (outputs.has(file)) continue;
		deleteWithEmptyParents(outDir, file);
		pruned.push(file);
	}
	return {
		pruned,
		kept: seenNow(
			outDir,
			[...placed].filter((file) => outputs.has(file)),
		),
	};
}

/**
 * Pages shared with the cache that were written after Astro was done with them: their cache
 * copies are deleted, so that the next build renders them instead of reusing the changed file.
 */
export function unshareChangedPages(
	outDir: string,
	cachedPages: string,
	kept: Map<string, SeenFile>,
): string[] {
	const changed: string[] = [];
	for (const [file, before] of kept) {
		const now = statOrUndefined(join(outDir, file));
		// Deleted (as the item-file bundles are, once unpacked): the cache copy is untouched.
		if (!now) continue;
		if (sameFile(before, now)) continue;
		changed.push(file);
		const copy = statOrUndefined(join(cachedPages, file));
		if (copy && copy.ino === before.ino) rmSync(join(cachedPages, file), { force: true });
	}
	return changed;
}

/** A rendered page and its cache copy as Astro left them, written from one body. */
export interface WrittenTogether {
	page: SeenFile;
	copy: SeenFile;
}

/**
 * Each of `rendered` whose cache copy is as large as the page and was written no earlier
 * (first of the `astro:build:done` hooks, before anything else writes the site). Astro
 * writes a page it renders, then the same body to its cache copy; a page written again
 * after its copy is newer than the copy. So these hold the same bytes, and while both stay
 * as they are now, `shareRenderedPages` need not read them: at 100,000 articles reading
 * every rendered page and its copy took 3 s from the page cache and 25 s from the disk.
 */
export function writtenWithTheirCopies(
	outDir: string,
	cachedPages: string,
	rendered: Iterable<string>,
): Map<string, WrittenTogether> {
	const together = new Map<string, WrittenTogether>();
	for (const file of rendered) {
		const page = statOrUndefined(join(outDir, file));
		const copy = statOrUndefined(join(cachedPages, file));
		if (!page?.isFile() || !copy?.isFile()) continue;
		if (page.ino === copy.ino || page.size !== copy.size || page.mtimeMs > copy.mtimeMs) continue;
		together.set(file, {
			page: { ino: page.ino, size: page.size, mtimeMs: page.mtimeMs },
			copy: { ino: copy.ino, size: copy.size, mtimeMs: copy.mtimeMs },
		});
	}
	return together;
}

/**
 * Makes the cache copy of each of `rendered` (pages Astro rendered in this build, below
 * `outDir`) another name of the page, where the two are separate files with the same bytes;
 * returns those pages. A page in `together` (`writtenWithTheirCopies`) whose page and copy are
 * both unchanged since is known to hold its copy's bytes; the rest are compared byte for
 * byte. The cache copy is replaced by a link made beside it and renamed over it, so it is
 * never missing or half written.
 */
export function shareRenderedPages(
	outDir: string,
	cachedPages: string,
	rendered: Iterable<string>,
	together: ReadonlyMap<string, WrittenTogether> = new Map(),
): string[] {
	const shared: string[] = [];
	for (const file of rendered) {
		const page = join(outDir, file);
		const copy = join(cachedPages, file);
		const pageStat = statOrUndefined(page);
		const copyStat = statOrUndefined(copy);
		if (!pageStat?.isFile() || !copyStat?.isFile()) continue;
		if (pageStat.ino === copyStat.ino || pageStat.size !== copyStat.size) continue;
		// A name elsewhere (an output folder built with this cache and kept) stays its own.
		if (pageStat.nlink !== 1 || copyStat.nlink !== 1) continue;
		const asWritten = together.get(file);
		const unchanged =
			asWritten !== undefined &&
			sameFile(asWritten.page, pageStat) &&
			sameFile(asWritten.copy, copyStat);
		if (!unchanged && !readFileSync(page).equals(readFileSync(copy))) continue;
		const temporary = `${copy}.${process.pid}.tmp`;
		try {
			linkSync(page, temporary);
			renameSync(temporary, copy);
			shared.push(file);
		} catch {
			// Another file system: the next build links or copies it, as before.
			rmSync(temporary, { force: true });
		}
	}
	return shared;
}

/**
 * The two integrations: `first` goes before every integration whose `astro:build:done` reads
 * or writes the site, `last` just before the cache record.
 */
export function freshOutDir(
	options: {
		/** Files of the last output to bring back with their folders (`itemFiles().keptFiles`). */
		keptFiles?: () => ReadonlySet<string>;
	} = {},
): { first: AstroIntegration; last: AstroIntegration } {
	let active = false;
	let outDir = '';
	let publicDir = '';
	let discardDir = '';
	let cachedPages = '';
	let placed = new Set<string>();
	/** Pages shared with their cache copy after Astro was done, as they were then. */
	let watched = new Map<string, SeenFile>();
	let deleted: Promise<void> | undefined;
	const first: AstroIntegration = {
		name: 'archive:fresh-out-dir',
		hooks: {
			'astro:config:setup': ({ command, config, updateConfig }) => {
				if (command !== 'build') return;
				if (inside(fileURLToPath(config.cacheDir), fileURLToPath(config.outDir))) return;
				active = true;
				updateConfig({ vite: { build: { emptyOutDir: false } } });
			},
			'astro:config:done': ({ config }) => {
				outDir = fileURLToPath(config.outDir);
				publicDir = fileURLToPath(config.publicDir);
				const cacheDir = fileURLToPath(config.cacheDir);
				discardDir = join(cacheDir, CACHE_LOCATIONS.discardedOutput);
				cachedPages = join(cacheDir, CACHE_LOCATIONS.renderedPages);
			},
			'astro:build:start': ({ logger }) => {
				if (!active) return;
				const discarded = discardOutput(outDir, discardDir);
				const keptFiles = discarded ? options.keptFiles?.() : undefined;
				const pages = placeCachedPages(cachedPages, outDir, discarded, publicDir, keptFiles);
				placed = pages.placed;
				// Also deletes what a stopped build left behind.
				if (existsSync(discardDir)) deleted = deleteInBackground(discardDir);
				if (placed.size > 0 || pages.left > 0)
					logger.debug(
						`${placed.size} cached page(s) in place (${pages.moved} moved back, ${placed.size - pages.moved} linked, ${pages.unshared} of them after a copy); ${pages.left} left to Astro`,
					);
			},
			'astro:build:done': ({ assets, logger }) => {
				if (!active) return;
				const outputs = new Set<string>();
				for (const urls of assets.values())
					for (const url of urls) outputs.add(below(outDir, fileURLToPath(url)));
				const result = prunePlacedPages(outDir, placed, outputs);
				if (result.pruned.length > 0)
					logger.info(
						`删除了 ${result.pruned.length} 个不再生成的旧页面 / removed ${result.pruned.length} page(s) of the last build that this build no longer makes`,
					);
				// Before anything reads the pages and keeps their stamps (step 4 above).
				const rendered = [...outputs].filter((file) => !placed.has(file));
				const together = writtenWithTheirCopies(outDir, cachedPages, rendered);
				const shared = shareRenderedPages(outDir, cachedPages, rendered, together);
				if (shared.length > 0)
					logger.debug(`${shared.length} rendered page(s) now share their cache copy`);
				watched = new Map([...result.kept, ...seenNow(outDir, shared)]);
			},
		},
	};
	const last: AstroIntegration = {
		name: 'archive:fresh-out-dir-last',
		hooks: {
			'astro:build:done': async ({ logger }) => {
				if (!active) return;
				const changed = unshareChangedPages(outDir, cachedPages, watched);
				if (changed.length > 0)
					logger.warn(
						`${changed.length} 个页面在生成后被改写，已从缓存删除 / ${changed.length} page(s) were written after Astro rendered them; their cache copies were dropped so the next build renders them (first: ${changed[0]})`,
					);
				await deleted;
			},
		},
	};
	return { first, last };
}
