import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	CONTENT_CACHE_KEY_FILE,
	contentCacheDigest,
	refreshContentCache,
} from '../../src/cache/content-store.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';

const root = mkdtempSync(join(tmpdir(), 'content-cache-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, content: string): void {
	const file = join(root, path);
	mkdirSync(join(file, '..'), { recursive: true });
	writeFileSync(file, content);
}

describe('contentCacheDigest', () => {
	write('src/content.config.ts', 'export const collections = {};');
	write('src/schemas/article.ts', 'export const a = 1;');
	write('src/plugins/rehype-x.ts', 'export default () => {};');
	write('astro.config.mjs', 'export default {};');
	write('content/articles/a.md', '---\ntitle: a\n---\n');

	it('changes with a schema, a plugin or the lock file, and not with content', async () => {
		const first = await contentCacheDigest(root);
		expect(await contentCacheDigest(root)).toBe(first);

		write('content/articles/a.md', '---\ntitle: b\n---\n');
		expect(await contentCacheDigest(root)).toBe(first);

		write('src/schemas/article.ts', 'export const a = 2;');
		const schemaChanged = await contentCacheDigest(root);
		expect(schemaChanged).not.toBe(first);

		write('src/plugins/rehype-y.ts', 'export default () => {};');
		const pluginAdded = await contentCacheDigest(root);
		expect(pluginAdded).not.toBe(schemaChanged);

		write('package-lock.json', '{}');
		expect(await contentCacheDigest(root)).not.toBe(pluginAdded);
	});

	it('reads the project itself', async () => {
		expect(await contentCacheDigest(PROJECT_ROOT)).toMatch(/^[0-9a-f]{64}$/);
	});
});

describe('refreshContentCache', () => {
	const cache = join(root, 'cache');
	const store = join(cache, 'data-store.json');

	it('records the digest on a first build', async () => {
		expect(await refreshContentCache(cache, 'one')).toBe('empty');
		expect(readFileSync(join(cache, CONTENT_CACHE_KEY_FILE), 'utf8').trim()).toBe('one');
	});

	it('keeps the store while the digest holds, and drops it when the digest changes', async () => {
		writeFileSync(store, '{}');
		expect(await refreshContentCache(cache, 'one')).toBe('kept');
		expect(existsSync(store)).toBe(true);

		expect(await refreshContentCache(cache, 'two')).toBe('cleared');
		expect(existsSync(store)).toBe(false);
		expect(readFileSync(join(cache, CONTENT_CACHE_KEY_FILE), 'utf8').trim()).toBe('two');
	});

	it('drops a store nobody recorded a digest for, chunks included', async () => {
		rmSync(join(cache, CONTENT_CACHE_KEY_FILE));
		mkdirSync(join(cache, 'data-store'), { recursive: true });
		writeFileSync(join(cache, 'data-store', 'chunk-1.json'), '{}');
		writeFileSync(join(cache, 'incremental-build.json'), '{}');
		expect(await refreshContentCache(cache, 'two')).toBe('cleared');
		expect(existsSync(join(cache, 'data-store'))).toBe(false);
		// Astro's page cache has its own keys; it is not this guard's to drop.
		expect(existsSync(join(cache, 'incremental-build.json'))).toBe(true);
	});
});
