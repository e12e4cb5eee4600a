import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesBelow } from '../../src/cache/files-below.ts';
import { TMP_ROOT } from '../../support/paths.ts';

/**
 * `filesBelow` walks folders itself instead of Node's recursive `readdirSync`, which stats
 * every file. On a real tree: it must list what Node's recursive listing lists as files, in
 * the same order, a link to a folder followed and a link to a file left out.
 */

let root: string;
let tree: string;

/** What Node's own recursive listing says are the files below `dir`. */
function nodeListing(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

beforeAll(() => {
	root = mkdtempSync(join(TMP_ROOT, 'files-below-'));
	tree = join(root, 'tree');
	for (const folder of ['a/b/c', 'a/d', 'e', 'empty'])
		mkdirSync(join(tree, folder), { recursive: true });
	for (const file of [
		'top.html',
		'a/one.json',
		'a/b/two.txt',
		'a/b/c/three.html',
		'a/d/四.md',
		'e/five',
	])
		writeFileSync(join(tree, file), file);
	const outside = join(root, 'outside');
	mkdirSync(outside);
	writeFileSync(join(outside, 'linked.html'), 'linked');
	symlinkSync(outside, join(tree, 'e', 'link-to-folder'));
	symlinkSync(join(tree, 'top.html'), join(tree, 'a', 'link-to-file.html'));
	symlinkSync(join(root, 'nowhere'), join(tree, 'a', 'dangling'));
});

afterAll(() => {
	if (root) rmSync(root, { recursive: true, force: true });
});

describe('filesBelow', () => {
	it("lists the files Node's recursive listing lists, in the same order", () => {
		expect(filesBelow(tree)).toEqual(nodeListing(tree));
	});

	it('goes into a link to a folder and leaves out links to files and dangling links', () => {
		const files = filesBelow(tree);
		expect(files).toContain('e/link-to-folder/linked.html');
		expect(files).toContain('a/d/四.md');
		expect(files).not.toContain('a/link-to-file.html');
		expect(files).not.toContain('a/dangling');
		expect([...files].sort()).toEqual(
			[
				'a/b/c/three.html',
				'a/b/two.txt',
				'a/d/四.md',
				'a/one.json',
				'e/five',
				'e/link-to-folder/linked.html',
				'top.html',
			].sort(),
		);
	});

	it('lists nothing below a folder that does not exist, or below a path given with a slash', () => {
		expect(filesBelow(join(root, 'missing'))).toEqual([]);
		expect(filesBelow(`${tree}/`)).toEqual(filesBelow(tree));
	});
});
