import {
	existsSync,
	linkSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	statSync,
	symlinkSync,
	utimesSync,
	writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	discardOutput,
	placeCachedPages,
	prunePlacedPages,
	seenNow,
	shareRenderedPages,
	unshareChangedPages,
	writtenWithTheirCopies,
} from '../../src/integrations/fresh-out-dir.ts';
import { TMP_ROOT } from '../../support/paths.ts';

/**
 * The output folder's parts on real files (src/integrations/fresh-out-dir.ts): moving the
 * last output aside, putting cached pages in place as links, pruning what the build did not
 * make, and dropping cache copies of pages written in place. The whole, through real
 * builds, is in tests/build/incremental-output.test.ts.
 */

let root: string;
let outDir: string;
let cache: string;
let discard: string;
let publicDir: string;

function write(path: string, text: string): void {
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, text);
}

beforeEach(() => {
	mkdirSync(TMP_ROOT, { recursive: true });
	root = mkdtempSync(join(TMP_ROOT, 'fresh-out-dir-'));
	outDir = join(root, 'dist');
	cache = join(root, 'cache', 'dist');
	discard = join(root, 'cache', 'archive-discarded-output');
	publicDir = join(root, 'public');
	mkdirSync(publicDir, { recursive: true });
});

afterEach(() => {
	rmSync(root, { recursive: true, force: true });
});

describe('discardOutput', () => {
	it('moves every entry but .git aside and leaves the folder empty', () => {
		write(join(outDir, 'a/index.html'), 'a');
		write(join(outDir, 'b.txt'), 'b');
		write(join(outDir, '.git/HEAD'), 'ref');
		const moved = discardOutput(outDir, discard)!;
		expect(readFileSync(join(moved, 'a/index.html'), 'utf8')).toBe('a');
		expect(readFileSync(join(moved, 'b.txt'), 'utf8')).toBe('b');
		expect(existsSync(join(outDir, 'a'))).toBe(false);
		expect(existsSync(join(outDir, 'b.txt'))).toBe(false);
		expect(readFileSync(join(outDir, '.git/HEAD'), 'utf8')).toBe('ref');
	});

	it('does nothing without an output folder', () => {
		expect(discardOutput(outDir, discard)).toBeUndefined();
		expect(existsSync(discard)).toBe(false);
	});
});

describe('placeCachedPages', () => {
	it('links a cache copy that has no other name', () => {
		write(join(cache, 'p/index.html'), 'page');
		const result = placeCachedPages(cache, outDir, undefined, publicDir);
		expect([...result.placed]).toEqual(['p/index.html']);
		expect(statSync(join(outDir, 'p/index.html')).ino).toBe(
			statSync(join(cache, 'p/index.html')).ino,
		);
	});

	it("moves back the last output's file when it is the cache copy's only other name", () => {
		write(join(cache, 'p/index.html'), 'page');
		mkdirSync(join(outDir, 'p'), { recursive: true });
		linkSync(join(cache, 'p/index.html'), join(outDir, 'p/index.html'));
		const discarded = discardOutput(outDir, discard);
		const inode = statSync(join(cache, 'p/index.html')).ino;
		const result = placeCachedPages(cache, outDir, discarded, publicDir);
		expect(result.moved).toBe(1);
		expect(statSync(join(outDir, 'p/index.html')).ino).toBe(inode);
		expect(existsSync(join(discarded!, 'p/index.html'))).toBe(false);
	});

	it("moves a page's folder back whole when it holds that page only", () => {
		for (const page of ['a/p/index.html', 'a/q/index.html', 'a/index.html']) {
			write(join(cache, page), page);
			mkdirSync(dirname(join(outDir, page)), { recursive: true });
			linkSync(join(cache, page), join(outDir, page));
		}
		const folder = statSync(join(outDir, 'a/p')).ino;
		const discarded = discardOutput(outDir, discard);
		const result = placeCachedPages(cache, outDir, discarded, publicDir);
		expect(result.moved).toBe(3);
		expect([...result.placed].sort()).toEqual(['a/index.html', 'a/p/index.html', 'a/q/index.html']);
		// The same folder, not a new one with the page moved into it.
		expect(statSync(join(outDir, 'a/p')).ino).toBe(folder);
		for (const page of result.placed) {
			expect(readFileSync(join(outDir, page), 'utf8')).toBe(page);
			expect(statSync(join(outDir, page)).ino).toBe(statSync(join(cache, page)).ino);
			expect(existsSync(join(discarded!, page))).toBe(false);
		}
	});

	it('leaves behind whatever else a page’s folder held: only the page comes back', () => {
		write(join(cache, 'p/index.html'), 'page');
		mkdirSync(join(outDir, 'p'), { recursive: true });
		linkSync(join(cache, 'p/index.html'), join(outDir, 'p/index.html'));
		write(join(outDir, 'p/stale.json'), 'not made by this build');
		const discarded = discardOutput(outDir, discard);
		const result = placeCachedPages(cache, outDir, discarded, publicDir);
		expect(result.moved).toBe(1);
		expect(readFileSync(join(outDir, 'p/index.html'), 'utf8')).toBe('page');
		expect(existsSync(join(outDir, 'p/stale.json'))).toBe(false);
		expect(existsSync(join(discarded!, 'p/stale.json'))).toBe(true);
	});

	it('brings a folder of kept files back whole, and deletes there what nothing vouches for', () => {
		for (const page of ['day/a/index.html', 'day/b/index.html', 'day/gone/index.html']) {
			write(join(cache, page), page);
			mkdirSync(dirname(join(outDir, page)), { recursive: true });
			linkSync(join(cache, page), join(outDir, page));
		}
		// A page no longer in the cache (its entry was edited): not vouched for.
		rmSync(join(cache, 'day/gone/index.html'));
		// A cached page whose file in the last output is another file.
		write(join(cache, 'day/c/index.html'), 'cached c');
		write(join(outDir, 'day/c/index.html'), 'written over by hand');
		write(join(outDir, 'day/a.json'), 'kept item file');
		write(join(outDir, 'day/stray.json'), 'nobody made this');
		write(join(outDir, 'day/a/clipping.webp'), 'not in the cache');
		const folder = statSync(join(outDir, 'day')).ino;
		const discarded = discardOutput(outDir, discard);
		const result = placeCachedPages(cache, outDir, discarded, publicDir, new Set(['day/a.json']));
		// One rename for the folder, the kept file and the pages in it.
		expect(statSync(join(outDir, 'day')).ino).toBe(folder);
		expect(existsSync(join(discarded!, 'day'))).toBe(false);
		expect([...result.placed].sort()).toEqual([
			'day/a/index.html',
			'day/b/index.html',
			'day/c/index.html',
		]);
		expect(result.moved).toBe(2);
		for (const page of result.placed)
			expect(statSync(join(outDir, page)).ino).toBe(statSync(join(cache, page)).ino);
		expect(readFileSync(join(outDir, 'day/c/index.html'), 'utf8')).toBe('cached c');
		expect(readFileSync(join(outDir, 'day/a.json'), 'utf8')).toBe('kept item file');
		expect(existsSync(join(outDir, 'day/stray.json'))).toBe(false);
		expect(existsSync(join(outDir, 'day/a/clipping.webp'))).toBe(false);
		expect(existsSync(join(outDir, 'day/gone'))).toBe(false);
	});

	it("never takes a link to the cache copy, left under a page's name, for the page", () => {
		write(join(cache, 'day/a/index.html'), 'cached');
		write(join(outDir, 'day/a.json'), 'kept item file');
		mkdirSync(join(outDir, 'day/a'), { recursive: true });
		symlinkSync(join(cache, 'day/a/index.html'), join(outDir, 'day/a/index.html'));
		// The cache copy's second name is elsewhere (a kept release), as a moved-back page's is.
		mkdirSync(join(root, 'release/day/a'), { recursive: true });
		linkSync(join(cache, 'day/a/index.html'), join(root, 'release/day/a/index.html'));
		const discarded = discardOutput(outDir, discard);
		const result = placeCachedPages(cache, outDir, discarded, publicDir, new Set(['day/a.json']));
		expect(result.moved).toBe(0);
		const page = lstatSync(join(outDir, 'day/a/index.html'));
		expect(page.isFile()).toBe(true);
		expect(page.ino).toBe(statSync(join(cache, 'day/a/index.html')).ino);
	});

	it('moves no kept folder back over one the output has already', () => {
		write(join(outDir, 'day/a.json'), 'old');
		const discarded = discardOutput(outDir, discard);
		write(join(outDir, 'day/new.json'), 'already here');
		placeCachedPages(cache, outDir, discarded, publicDir, new Set(['day/a.json']));
		expect(existsSync(join(outDir, 'day/a.json'))).toBe(false);
		expect(readFileSync(join(outDir, 'day/new.json'), 'utf8')).toBe('already here');
	});

	it('gives a cache copy shared with a folder that stays an inode of its own first', () => {
		write(join(cache, 'p/index.html'), 'page');
		const kept = join(root, 'release');
		mkdirSync(join(kept, 'p'), { recursive: true });
		linkSync(join(cache, 'p/index.html'), join(kept, 'p/index.html'));
		const result = placeCachedPages(cache, outDir, undefined, publicDir);
		expect(result.unshared).toBe(1);
		const copy = statSync(join(cache, 'p/index.html'));
		expect(copy.ino).not.toBe(statSync(join(kept, 'p/index.html')).ino);
		expect(statSync(join(outDir, 'p/index.html')).ino).toBe(copy.ino);
		// Astro rendering over the page now writes the cache copy and this folder only.
		writeFileSync(join(outDir, 'p/index.html'), 'new');
		expect(readFileSync(join(kept, 'p/index.html'), 'utf8')).toBe('page');
		expect(readFileSync(join(cache, 'p/index.html'), 'utf8')).toBe('new');
	});

	it('leaves a page that public/ shadows to Astro', () => {
		write(join(cache, 'robots.txt'), 'cached');
		write(join(publicDir, 'robots.txt'), 'public');
		const result = placeCachedPages(cache, outDir, undefined, publicDir);
		expect(result.placed.size).toBe(0);
		expect(result.left).toBe(1);
		expect(existsSync(join(outDir, 'robots.txt'))).toBe(false);
	});
});

describe('prunePlacedPages', () => {
	it('deletes placed pages the build did not make, with the folders they leave empty', () => {
		write(join(cache, 'gone/deep/index.html'), 'gone');
		write(join(cache, 'kept/index.html'), 'kept');
		const { placed } = placeCachedPages(cache, outDir, undefined, publicDir);
		write(join(outDir, 'new/index.html'), 'rendered');
		const result = prunePlacedPages(outDir, placed, new Set(['kept/index.html', 'new/index.html']));
		expect(result.pruned).toEqual(['gone/deep/index.html']);
		expect(existsSync(join(outDir, 'gone'))).toBe(false);
		expect(readFileSync(join(outDir, 'kept/index.html'), 'utf8')).toBe('kept');
		expect(readFileSync(join(outDir, 'new/index.html'), 'utf8')).toBe('rendered');
		expect([...result.kept.keys()]).toEqual(['kept/index.html']);
	});
});

describe('unshareChangedPages', () => {
	it('drops the cache copy of a page written after Astro, and keeps deleted and unchanged ones', () => {
		write(join(cache, 'a/index.html'), 'a');
		write(join(cache, 'b/index.html'), 'b');
		const { placed } = placeCachedPages(cache, outDir, undefined, publicDir);
		const { kept } = prunePlacedPages(outDir, placed, placed);
		writeFileSync(join(outDir, 'a/index.html'), 'a, rewritten in place');
		// Deleting a page from the site (as item-file bundles are once unpacked) is no write.
		rmSync(join(outDir, 'b/index.html'));
		expect(unshareChangedPages(outDir, cache, kept)).toEqual(['a/index.html']);
		expect(existsSync(join(cache, 'a/index.html'))).toBe(false);
		expect(readFileSync(join(cache, 'b/index.html'), 'utf8')).toBe('b');
	});
});

describe('shareRenderedPages', () => {
	/** When Astro rendered: whole seconds, which every file system stores exactly. */
	const renderedAt = new Date('2026-12-07T12:00:00Z');

	/** A page as Astro renders it: the page first, then the same body to its cache copy. */
	function render(file: string, body: string): void {
		for (const path of [join(outDir, file), join(cache, file)]) {
			write(path, body);
			utimesSync(path, renderedAt, renderedAt);
		}
	}

	it('links each rendered page to its copy, and reads neither while both are as Astro left them', () => {
		render('a/index.html', 'a');
		const together = writtenWithTheirCopies(outDir, cache, ['a/index.html']);
		expect([...together.keys()]).toEqual(['a/index.html']);
		// Were the bytes read, these would differ: the stamps alone vouch for them.
		writeFileSync(join(cache, 'a/index.html'), 'b');
		utimesSync(join(cache, 'a/index.html'), renderedAt, renderedAt);
		const unread = writtenWithTheirCopies(outDir, cache, ['a/index.html']);
		expect(shareRenderedPages(outDir, cache, ['a/index.html'], unread)).toEqual(['a/index.html']);
		expect(statSync(join(cache, 'a/index.html')).ino).toBe(
			statSync(join(outDir, 'a/index.html')).ino,
		);
	});

	it('compares the bytes of a page written again after its copy, and keeps a changed one apart', () => {
		render('same/index.html', 'same');
		render('changed/index.html', 'old!');
		// Rewritten one second after Astro (as an integration's build:done hook would).
		const later = new Date(renderedAt.getTime() + 1000);
		for (const [file, body] of [
			['same/index.html', 'same'],
			['changed/index.html', 'new!'],
		] as const) {
			writeFileSync(join(outDir, file), body);
			utimesSync(join(outDir, file), later, later);
		}
		const files = ['same/index.html', 'changed/index.html'];
		const together = writtenWithTheirCopies(outDir, cache, files);
		expect(together.size).toBe(0);
		expect(shareRenderedPages(outDir, cache, files, together)).toEqual(['same/index.html']);
		expect(statSync(join(cache, 'same/index.html')).nlink).toBe(2);
		expect(readFileSync(join(cache, 'changed/index.html'), 'utf8')).toBe('old!');
		expect(statSync(join(cache, 'changed/index.html')).nlink).toBe(1);
	});

	it('reads the bytes again of a page written after it was seen with its copy', () => {
		render('a/index.html', 'a');
		const together = writtenWithTheirCopies(outDir, cache, ['a/index.html']);
		const later = new Date(renderedAt.getTime() + 1000);
		writeFileSync(join(outDir, 'a/index.html'), 'b');
		utimesSync(join(outDir, 'a/index.html'), later, later);
		expect(shareRenderedPages(outDir, cache, ['a/index.html'], together)).toEqual([]);
		expect(readFileSync(join(cache, 'a/index.html'), 'utf8')).toBe('a');
	});

	it('shares a rendered page whose later write in place then drops the cache copy', () => {
		render('a/index.html', 'a');
		const shared = shareRenderedPages(outDir, cache, ['a/index.html']);
		const watched = seenNow(outDir, shared);
		// A later integration rewrites the page in place, and with it the shared cache copy.
		writeFileSync(join(outDir, 'a/index.html'), 'a, rewritten in place');
		expect(unshareChangedPages(outDir, cache, watched)).toEqual(['a/index.html']);
		expect(existsSync(join(cache, 'a/index.html'))).toBe(false);
	});
});
