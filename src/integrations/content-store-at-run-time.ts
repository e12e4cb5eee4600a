import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { CACHE_LOCATIONS } from '../cache/locations.ts';
import { HAND_OFF_KEY, handOff, openHandOff } from '../data/collections-in-memory.ts';
import { COLLECTION_NAMES } from '../schemas/index.ts';

/**
 * Keeps Astro's content store out of the build's bundle. Astro's build inlines the whole
 * store (`<cacheDir>/data-store.json`) into the prerender bundle as one string literal:
 * 418 MB at 100,000 articles, which Vite bundles and V8 compiles on every build that
 * publishes anything (about 100 s, and up to 290 s on a slow machine; docs/scale.md). The
 * prerender bundle runs only in this process, during this build, right after content sync
 * wrote the store, so its module can read the same file when it runs instead.
 *
 * Astro's own module stays for the client (which never imports it), `astro dev` (whose
 * store changes while the server runs) and a chunked store (`experimental.collectionStorage`).
 */

/** Astro's resolved id of the store's module (astro/dist/content/consts.js). */
const STORE_MODULE_ID = '\0astro:data-layer-content';

/** Astro's own mark on the store's module: it is data, never part of a page's code key. */
const CONTENT_DATA_META = { astroIncremental: { kind: 'content-data' } };

/**
 * The module's code: the collections as content sync left them in memory, when this build's
 * loaders handed every one of them over (`collections-in-memory.ts`; Astro's runtime takes a
 * `Map` as the store itself); otherwise the store file parsed when the module runs, as
 * Astro's module parses it.
 */
export function storeModuleCode(storeFile: string): string {
	return [
		`import { readFileSync } from 'node:fs';`,
		`const handed = globalThis[Symbol.for(${JSON.stringify(HAND_OFF_KEY)})];`,
		`const complete = handed instanceof Map && ${JSON.stringify(COLLECTION_NAMES)}.every((name) => handed.has(name));`,
		`if (complete) handed.taken = true;`,
		`export default complete ? handed : JSON.parse(readFileSync(${JSON.stringify(storeFile)}, 'utf8'));`,
	].join('\n');
}

export function contentStoreAtRunTime(): AstroIntegration {
	return {
		name: 'archive:content-store-at-run-time',
		hooks: {
			'astro:config:setup': ({ command, config, updateConfig }) => {
				const storage = config.experimental.collectionStorage ?? 'single-file';
				if (command !== 'build' || storage !== 'single-file') return;
				openHandOff();
				const storeFile = fileURLToPath(
					new URL(`${CACHE_LOCATIONS.contentStore}.json`, config.cacheDir),
				);
				const plugin: Plugin = {
					name: 'archive:content-store-at-run-time',
					load: {
						// Before Astro's own load hook, which would read and inline the file.
						order: 'pre',
						filter: { id: new RegExp(`^${STORE_MODULE_ID}$`) },
						handler(id) {
							if (id !== STORE_MODULE_ID || this.environment.config.consumer !== 'server') {
								return undefined;
							}
							// No store yet: Astro's module answers with an empty one.
							if (!existsSync(storeFile)) return undefined;
							return { code: storeModuleCode(storeFile), meta: CONTENT_DATA_META };
						},
					},
				};
				updateConfig({ vite: { plugins: [plugin] } });
			},
			'astro:build:done': ({ logger }) => {
				const handed = handOff();
				if (!handed) return;
				logger.info(
					handed.taken
						? `pages rendered from the collections in memory (${handed.size} collections)`
						: 'pages rendered from the content store read from its file',
				);
			},
		},
	};
}
