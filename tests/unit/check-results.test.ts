import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, test } from 'vitest';
import {
	CheckCache,
	checkCacheFile,
	checkContent,
	contentChecksDigest,
	type ContentProblem,
	type FileCheck,
} from '../../src/content-checks/index.ts';
import { codeDigest, digestOf } from '../../src/cache/code-digest.ts';
import { RACY_NS } from '../../src/cache/file-stamp.ts';
import { PROJECT_ROOT, TMP_ROOT } from '../../support/paths.ts';

/**
 * The check cache: a file's result is reused only while its bytes and the checks' code are
 * unchanged, a store that is not exactly what was written is ignored, and the problems
 * reported with the cache are the same, in the same order, as without it.
 */

const dirs: string[] = [];
afterAll(async () => {
	for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

const ISSUE = '---\ndate: 2021-11-11\npages:\n  - number: 2\n---\n';
const article = (title: string, extra = '') =>
	`---\ntitle: ${title}\ndate: 2021-11-11\npage: 2\n${extra}---\n\n${title}的正文。\n`;

async function folder(files: Record<string, string>): Promise<{ root: string; store: string }> {
	const dir = await mkdtemp(join(TMP_ROOT, 'check-cache-'));
	dirs.push(dir);
	const root = join(dir, 'content');
	for (const [path, source] of Object.entries({ 'issues/2021-11-11.md': ISSUE, ...files })) {
		await mkdir(dirname(join(root, path)), { recursive: true });
		await writeFile(join(root, path), source);
	}
	return { root, store: checkCacheFile(join(dir, 'cache'), 'content') };
}

/** One build's content check: open the store, check, save, as the content guard does. */
async function checkWithStore(root: string, store: string, code?: string) {
	const cache = await CheckCache.open<FileCheck>(
		store,
		code ?? (await contentChecksDigest(root, PROJECT_ROOT)),
	);
	const problems = await checkContent(root, PROJECT_ROOT, { cache });
	await cache.save();
	const without = await checkContent(root, PROJECT_ROOT);
	// The cache never changes what is reported, nor its order.
	expect(problems).toEqual(without);
	return { problems, cache };
}

const codes = (problems: readonly ContentProblem[]) =>
	problems.map((problem) => `${problem.file.split('/').slice(-1)[0]} ${problem.code}`);

describe('check cache', () => {
	test('an unchanged file is not checked again', async () => {
		const { root, store } = await folder({
			'articles/2021-11-11/02-a.md': article('甲'),
			'articles/2021-11-11/02-b.md': article('乙', 'people: [nobody]\n'),
		});
		const first = await checkWithStore(root, store);
		expect(first.cache.state).toBe('missing');
		expect([first.cache.hits, first.cache.misses]).toEqual([0, 3]);
		const second = await checkWithStore(root, store);
		expect(second.cache.state).toBe('used');
		expect([second.cache.hits, second.cache.misses]).toEqual([3, 0]);
		expect(codes(second.problems)).toEqual(['02-b.md missing-person']);
	});

	test('a changed file is checked again, and checks across files see the change', async () => {
		const { root, store } = await folder({
			'articles/2021-11-11/02-a.md': article('甲'),
			'articles/2021-11-11/02-b.md': article('乙'),
		});
		expect((await checkWithStore(root, store)).problems).toEqual([]);
		// B now has A's headline: a duplicate found from A's cached summary and B's new one.
		await writeFile(join(root, 'articles/2021-11-11/02-b.md'), article('甲'));
		const { problems, cache } = await checkWithStore(root, store);
		expect([cache.hits, cache.misses]).toEqual([2, 1]);
		expect(codes(problems)).toEqual(['02-b.md duplicate-story']);
		// Fixed again: the problem goes, whichever result came from the cache.
		await writeFile(join(root, 'articles/2021-11-11/02-b.md'), article('乙'));
		expect((await checkWithStore(root, store)).problems).toEqual([]);
	});

	test('a deleted file is noticed through the checks across files', async () => {
		const { root, store } = await folder({
			'articles/2021-11-11/02-a.md': article('甲', 'people: [zhu]\n'),
			'people/zhu.md': '---\nname: 朱\ndescription: 劳动模范\n---\n',
		});
		expect((await checkWithStore(root, store)).problems).toEqual([]);
		await rm(join(root, 'people/zhu.md'));
		const { problems, cache } = await checkWithStore(root, store);
		expect(cache.hits).toBe(2);
		expect(codes(problems)).toEqual(['02-a.md missing-person']);
	});

	test('every mistake in the broken-content fixtures is reported the same from the cache', async () => {
		const { root, store } = await folder({});
		await cp(join(PROJECT_ROOT, 'tests/fixtures/broken-content'), root, { recursive: true });
		const first = await checkWithStore(root, store);
		expect(first.problems.length).toBeGreaterThan(20);
		const second = await checkWithStore(root, store);
		expect(second.cache.misses).toBe(0);
		expect(second.problems).toEqual(first.problems);
	});

	test('another code digest drops every stored result', async () => {
		const { root, store } = await folder({ 'articles/2021-11-11/02-a.md': article('甲') });
		await checkWithStore(root, store, 'code-1');
		const { cache } = await checkWithStore(root, store, 'code-2');
		expect(cache.state).toBe('stale');
		expect([cache.hits, cache.misses]).toEqual([0, 2]);
	});

	test('the code digest follows imports, and the content root is part of it', async () => {
		const dir = await mkdtemp(join(TMP_ROOT, 'check-cache-code-'));
		dirs.push(dir);
		await writeFile(join(dir, 'entry.ts'), "import { x } from './helper.ts';\nexport { x };\n");
		await writeFile(join(dir, 'helper.ts'), 'export const x = 1;\n');
		const before = await codeDigest([join(dir, 'entry.ts')]);
		await writeFile(join(dir, 'helper.ts'), 'export const x = 2;\n');
		expect(await codeDigest([join(dir, 'entry.ts')])).not.toBe(before);
		expect(await contentChecksDigest('/a', PROJECT_ROOT)).not.toBe(
			await contentChecksDigest('/b', PROJECT_ROOT),
		);
	});

	test.each([
		['truncated', (text: string) => text.slice(0, text.length - 10)],
		['edited', (text: string) => text.replace('"problems":{}', '"problems":{"x":1}')],
		['not ours', () => 'hello\n{}'],
		['empty', () => ''],
		['binary', () => '\u0000\u0001\u0002'],
	])('a %s store is ignored, then written again', async (_name, spoil) => {
		const { root, store } = await folder({
			'articles/2021-11-11/02-a.md': article('甲', 'people: [nobody]\n'),
		});
		await checkWithStore(root, store);
		await writeFile(store, spoil(await readFile(store, 'utf8')));
		const spoilt = await checkWithStore(root, store);
		expect(spoilt.cache.state).toBe('corrupt');
		expect(spoilt.cache.hits).toBe(0);
		expect(codes(spoilt.problems)).toEqual(['02-a.md missing-person']);
		expect((await checkWithStore(root, store)).cache.state).toBe('used');
	});

	test('a store whose digest line is right but whose shape is not ours is ignored', async () => {
		const { root, store } = await folder({ 'articles/2021-11-11/02-a.md': article('甲') });
		const body = JSON.stringify({ format: 1, code: 'x', results: null });
		await mkdir(dirname(store), { recursive: true });
		await writeFile(store, `${digestOf(body)}\n${body}`);
		expect((await checkWithStore(root, store, 'x')).cache.state).toBe('corrupt');
	});

	test('a file untouched since its result was stored is not even read; an edited one is', async () => {
		const deep = `${'> '.repeat(20)}深\n`;
		const { root, store } = await folder({
			'articles/2021-11-11/02-a.md': article('甲'),
			'articles/2021-11-11/02-b.md': `${article('乙', 'people: [nobody]\n')}${deep}`,
		});
		// Files older than the racy window keep their stamps (src/cache/file-stamp.ts).
		await sleep(Number(RACY_NS / 1_000_000n) + 100);
		const first = await checkWithStore(root, store);
		expect(first.cache.unread).toBe(0);
		const second = await checkWithStore(root, store);
		expect([second.cache.unread, second.cache.misses]).toEqual([3, 0]);
		expect(second.problems).toEqual(first.problems);
		// The input limits are the content checks' too (the file is refused before parsing).
		expect(codes(second.problems)).toEqual(['02-b.md input-limit']);

		// The same size, other bytes: the stamp moves, so it is read and checked again.
		const flat = `${'x '.repeat(20)}深\n`;
		expect(Buffer.byteLength(flat)).toBe(Buffer.byteLength(deep));
		await writeFile(
			join(root, 'articles/2021-11-11/02-b.md'),
			`${article('乙', 'people: [nobody]\n')}${flat}`,
		);
		const third = await checkWithStore(root, store);
		expect([third.cache.unread, third.cache.misses]).toEqual([2, 1]);
		expect(codes(third.problems)).toEqual(['02-b.md missing-person']);
	});
});
