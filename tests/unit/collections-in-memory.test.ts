import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handOff, handOverCollection, openHandOff } from '../../src/data/collections-in-memory.ts';
import { storeModuleCode } from '../../src/integrations/content-store-at-run-time.ts';
import { COLLECTION_NAMES } from '../../src/schemas/index.ts';
import { TMP_ROOT } from '../../support/paths.ts';

/**
 * The module that gives the pages' bundle its content store
 * (src/integrations/content-store-at-run-time.ts), run as written: it takes the collections
 * the loaders handed over in memory only when every collection is there, and otherwise
 * parses the store's file, as Astro's own module would.
 */

let dir: string;
let run = 0;
const FROM_FILE = ['from the file'];

/** Writes the module for a store file and imports it afresh; returns its default export. */
async function storeModule(): Promise<unknown> {
	const storeFile = join(dir, 'data-store.json');
	writeFileSync(storeFile, JSON.stringify(FROM_FILE));
	const module = join(dir, `store-${run++}.mjs`);
	writeFileSync(module, storeModuleCode(storeFile));
	return ((await import(pathToFileURL(module).href)) as { default: unknown }).default;
}

beforeEach(() => {
	dir = join(TMP_ROOT, 'unit-collections-in-memory', String(process.pid));
	mkdirSync(dir, { recursive: true });
});

afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
	delete (globalThis as Record<symbol, unknown>)[Symbol.for('archive:collections-in-memory')];
});

describe('the content store module of the pages’ bundle', () => {
	it('takes every collection handed over in memory, the same objects, and says so', async () => {
		openHandOff();
		const entry = { id: 'a', data: { title: '甲' } };
		for (const name of COLLECTION_NAMES)
			handOverCollection(name, name === 'articles' ? [['a', entry]] : []);
		const store = (await storeModule()) as Map<string, Map<string, unknown>>;
		expect(store).toBe(handOff());
		expect(store.get('articles')?.get('a')).toBe(entry);
		expect(handOff()?.taken).toBe(true);
	});

	it('reads the file when a collection was not handed over', async () => {
		openHandOff();
		for (const name of COLLECTION_NAMES.slice(1)) handOverCollection(name, []);
		expect(await storeModule()).toEqual(FROM_FILE);
		expect(handOff()?.taken).toBeUndefined();
	});

	it('reads the file when no build opened a hand-off, and a loader then keeps nothing', async () => {
		handOverCollection('articles', [['a', {}]]);
		expect(handOff()).toBeUndefined();
		expect(await storeModule()).toEqual(FROM_FILE);
	});

	it('starts each build with an empty hand-off', () => {
		openHandOff();
		handOverCollection('articles', [['a', {}]]);
		expect(openHandOff().size).toBe(0);
	});
});
