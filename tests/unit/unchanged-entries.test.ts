import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTRY_PATTERNS } from '../../src/config/content-root.ts';
import { entryFilesBelow, literalPattern } from '../../src/data/unchanged-entries.ts';
import { TMP_ROOT } from '../../support/paths.ts';

/**
 * The listing and the patterns that let the loader read only changed entry files
 * (src/data/unchanged-entries.ts) must select exactly what Astro's glob loader selects. They
 * are compared with the glob library Astro's loader itself uses (tinyglobby, Astro's own copy),
 * on real files with awkward names.
 */

const astroRequire = createRequire(createRequire(import.meta.url).resolve('astro/package.json'));
const { glob } = astroRequire('tinyglobby') as {
	glob: (
		patterns: string[],
		options: { cwd: string; expandDirectories: boolean },
	) => Promise<string[]>;
};

/** What Astro's glob loader lists below `base`. */
async function astroLists(base: string, patterns = ENTRY_PATTERNS): Promise<string[]> {
	return (await glob(patterns, { cwd: base, expandDirectories: false })).sort();
}

const FILES = [
	'2021-11-11/01-zhu.md',
	'2021-11-11/02-li.mdx',
	'2021-11-11/03 空格 (括号) [方括号].md',
	'2021-11-11/04-{brace},star*.md',
	'2021-11-11/05-!bang+plus@at.md',
	'2021-11-11/06-b.md',
	'2021-11-11/_draft.md',
	'_drafts/2021-11-12/01-wang.md',
	'.hidden/01.md',
	'2021-11-11/.DS_Store',
	'2021-11-11/07-upper.MD',
	'2021-11-11/notes.txt',
	'2021-11-12/01-a.md',
	// A name that is also a pattern selecting another file: `[ab]` is one character, a or b.
	'2021-11-12/x[ab].md',
	'2021-11-12/xa.md',
];

let base: string;

beforeEach(() => {
	mkdirSync(TMP_ROOT, { recursive: true });
	base = mkdtempSync(join(TMP_ROOT, 'unchanged-entries-'));
	for (const file of FILES) {
		mkdirSync(dirname(join(base, file)), { recursive: true });
		writeFileSync(join(base, file), '---\ntitle: x\n---\n');
	}
	// A folder named like an entry file: not a file, so not an entry.
	mkdirSync(join(base, '2021-11-12/folder.md'));
});

afterEach(() => {
	rmSync(base, { recursive: true, force: true });
});

describe('the entry files of a collection', () => {
	it('are the files Astro’s glob loader lists, drafts and hidden files left out', async () => {
		const listed = await entryFilesBelow(base);
		expect(listed.hasLinks).toBe(false);
		expect(listed.entries).toEqual(await astroLists(base));
		expect(listed.entries).toContain('2021-11-11/03 空格 (括号) [方括号].md');
		expect(listed.entries).not.toContain('2021-11-11/_draft.md');
	});

	it('say when the folder holds a link, which the glob loader would follow', async () => {
		symlinkSync(join(base, '2021-11-12'), join(base, 'linked'));
		expect((await entryFilesBelow(base)).hasLinks).toBe(true);
	});

	it('are none for a collection with no folder', async () => {
		expect(await entryFilesBelow(join(base, 'missing'))).toEqual({ entries: [], hasLinks: false });
	});
});

describe('a literal pattern', () => {
	it('selects its own file and nothing else, whatever characters the name holds', async () => {
		const { entries } = await entryFilesBelow(base);
		for (const entry of entries) {
			expect(await astroLists(base, [literalPattern(entry)])).toEqual([entry]);
		}
	});

	it('is needed: unescaped, a name can select another file', async () => {
		expect(await astroLists(base, ['2021-11-12/x[ab].md'])).toContain('2021-11-12/xa.md');
		expect(await astroLists(base, [literalPattern('2021-11-12/x[ab].md')])).toEqual([
			'2021-11-12/x[ab].md',
		]);
	});
});
