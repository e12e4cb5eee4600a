import {
	existsSync,
	lstatSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RACY_NS, nowNs } from '../../src/cache/file-stamp.ts';
import { filesBelow } from '../../src/cache/files-below.ts';
import {
	readItemFilesRecord,
	recordedFiles,
	writeItemFilesRecord,
} from '../../src/cache/item-files-record.ts';
import { itemFilesBundleBytes } from '../../src/domain/item-files.ts';
import { unpackItemFiles } from '../../src/integrations/item-files.ts';
import { TMP_ROOT } from '../../support/paths.ts';

/**
 * Item files kept from the last build (src/cache/item-files-record.ts): on real files, a
 * bundle unpacked, recorded, and unpacked again over what the last build left, as
 * `freshOutDir()` brings it back. Through real builds: tests/build/incremental-output.test.ts.
 */

type Files = [path: string, text: string][];

const DAY_ONE: Files = [
	['/articles/2021-11-11/02-zhu.json', '{"title":"朱海义"}\n'],
	['/articles/2021-11-11/02-zhu.ris', 'TY  - NEWS\nT1  - 朱海义\nER  - \n'],
	['/articles/2021-11-11/03-li.json', '{"title":"李"}\n'],
	['/articles/2021-11-11/03-li.ris', 'TY  - NEWS\nT1  - 李\nER  - \n'],
];
const DAY_TWO: Files = [['/articles/2021-11-12/01-wang.json', '{"title":"王"}\n']];

let dist: string;
let recordPath: string;

function writeBundle(bundle: string, files: Files): void {
	const path = join(dist, bundle);
	mkdirSync(dirname(path), { recursive: true });
	writeFileSync(path, itemFilesBundleBytes(files));
}

/** Unpacks, then records as a build would a while later (past the racy window). */
async function buildOnce(bundles: Record<string, Files>, recordLater = true) {
	for (const [bundle, files] of Object.entries(bundles)) writeBundle(bundle, files);
	const summary = await unpackItemFiles(dist, readItemFilesRecord(recordPath));
	const now = nowNs() + (recordLater ? RACY_NS + 1_000_000n : 0n);
	writeItemFilesRecord(recordPath, dist, summary.unpacked, now);
	return summary;
}

const read = (path: string) => readFileSync(join(dist, path), 'utf8');

beforeEach(() => {
	mkdirSync(TMP_ROOT, { recursive: true });
	const root = mkdtempSync(join(TMP_ROOT, 'item-files-kept-'));
	dist = join(root, 'dist');
	recordPath = join(root, 'archive-item-files.json');
	mkdirSync(dist);
});

afterEach(() => {
	rmSync(dirname(dist), { recursive: true, force: true });
});

describe('item files kept from the last build', () => {
	const both = {
		'articles/2021-11-11.item-files': DAY_ONE,
		'articles/2021-11-12.item-files': DAY_TWO,
	};

	it('writes nothing again for an unchanged bundle (its files proven by their bytes)', async () => {
		const first = await buildOnce(both);
		expect(first).toMatchObject({ bundles: 2, files: 5, kept: 0 });
		const inode = statSync(join(dist, 'articles/2021-11-11/02-zhu.json')).ino;
		const again = await buildOnce(both);
		expect(again).toMatchObject({ bundles: 2, files: 0, kept: 5 });
		expect(statSync(join(dist, 'articles/2021-11-11/02-zhu.json')).ino).toBe(inode);
		expect(filesBelow(dist).sort()).toEqual(
			[...DAY_ONE, ...DAY_TWO].map(([path]) => path.slice(1)).sort(),
		);
	});

	it('keeps a file by its stamp without reading it', async () => {
		await buildOnce(both);
		// Other bytes, then a record that vouches for them: only a read would notice.
		const path = 'articles/2021-11-11/03-li.json';
		writeFileSync(join(dist, path), '{"title":"张"}\n');
		const record = readItemFilesRecord(recordPath);
		const entry = record.bundles['articles/2021-11-11.item-files']!.files.find(
			([file]) => file === path,
		)!;
		const stat = statSync(join(dist, path), { bigint: true });
		entry[1] = `${stat.dev}:${stat.ino}:${stat.size}:${stat.ctimeNs}`;
		writeFileSync(recordPath, JSON.stringify(record));
		for (const [bundle, files] of Object.entries(both)) writeBundle(bundle, files);
		// As a later build would see it: past the racy window, in which no stamp is trusted.
		vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + Number(RACY_NS / 1_000_000n) + 1000 });
		try {
			expect(await unpackItemFiles(dist, readItemFilesRecord(recordPath))).toMatchObject({
				files: 0,
				kept: 5,
			});
		} finally {
			vi.useRealTimers();
		}
		expect(read(path)).toBe('{"title":"张"}\n');
	});

	it('records every file it holds, with its stamp once past the racy window', async () => {
		await buildOnce(both);
		const record = readItemFilesRecord(recordPath);
		expect([...recordedFiles(record)].sort()).toEqual(
			[...DAY_ONE, ...DAY_TWO].map(([path]) => path.slice(1)).sort(),
		);
		for (const { files } of Object.values(record.bundles))
			for (const [, stamp] of files) expect(stamp).toMatch(/^\d+:\d+:\d+:\d+$/);
	});

	it('proves a file recorded without a stamp (just written) by its bytes', async () => {
		await buildOnce(both, false);
		const stamps = Object.values(readItemFilesRecord(recordPath).bundles).flatMap(
			({ files }) => files,
		);
		expect(stamps.every(([, stamp]) => stamp === '')).toBe(true);
		expect(await buildOnce(both)).toMatchObject({ files: 0, kept: 5 });
	});

	it('writes again a file changed by hand to the same size', async () => {
		await buildOnce(both);
		const path = 'articles/2021-11-11/03-li.json';
		const original = read(path);
		writeFileSync(join(dist, path), original.replace('李', '张'));
		expect(statSync(join(dist, path)).size).toBe(Buffer.byteLength(original));
		expect(await buildOnce(both)).toMatchObject({ files: 1, kept: 4 });
		expect(read(path)).toBe(original);
	});

	it('follows a changed bundle and deletes the files of items and days no longer made', async () => {
		await buildOnce(both);
		const edited: Files = [
			['/articles/2021-11-11/02-zhu.json', '{"title":"朱海义（改）"}\n'],
			DAY_ONE[1]!,
			['/articles/2021-11-11/04-new.json', '{"title":"新"}\n'],
		];
		const summary = await buildOnce({ 'articles/2021-11-11.item-files': edited });
		// The unchanged .ris by its bytes; the edited and the new file written.
		expect(summary).toMatchObject({ bundles: 1, files: 2, kept: 1 });
		expect(filesBelow(dist).sort()).toEqual(edited.map(([path]) => path.slice(1)).sort());
		for (const [path, text] of edited) expect(read(path.slice(1))).toBe(text);
		expect(existsSync(join(dist, 'articles/2021-11-12'))).toBe(false);
	});

	it('writes a recorded file anew, never through a link left under its name', async () => {
		await buildOnce(both);
		const path = 'articles/2021-11-11/03-li.json';
		const outside = join(dirname(dist), 'outside.json');
		writeFileSync(outside, DAY_ONE[2]![1]);
		rmSync(join(dist, path));
		symlinkSync(outside, join(dist, path));
		expect(await buildOnce(both)).toMatchObject({ files: 1, kept: 4 });
		expect(lstatSync(join(dist, path)).isFile()).toBe(true);
		expect(read(path)).toBe(DAY_ONE[2]![1]);
		expect(readFileSync(outside, 'utf8')).toBe(DAY_ONE[2]![1]);
	});

	it('never writes over a file that no bundle of the last build wrote', async () => {
		mkdirSync(join(dist, 'articles/2021-11-12'), { recursive: true });
		writeFileSync(join(dist, 'articles/2021-11-12/01-wang.json'), 'from somewhere else');
		await expect(buildOnce(both)).rejects.toThrow(/EEXIST/);
	});

	it("reads only the item kinds' folders, never the search index's, which it writes meanwhile", async () => {
		// Not a bundle: reading it would throw. The search index writes and removes these
		// folders while the bundles are unpacked beside it.
		for (const folder of ['.pagefind-staging', 'pagefind']) {
			mkdirSync(join(dist, folder));
			writeFileSync(join(dist, folder, 'x.item-files'), 'not a bundle');
		}
		const summary = await buildOnce({ 'people/all.item-files': DAY_TWO });
		expect(summary.unpacked.map(({ bundle }) => bundle)).toEqual(['people/all.item-files']);
	});

	it('ignores a record that is not one', () => {
		writeFileSync(recordPath, '{"version":1,"bundles":{"x":{"digest":1}}}');
		expect(readItemFilesRecord(recordPath).bundles).toEqual({});
		writeFileSync(recordPath, 'not json');
		expect(readItemFilesRecord(recordPath).bundles).toEqual({});
	});
});
