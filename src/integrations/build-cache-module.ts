import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';

/** The module's name, as routes import it (types: src/virtual-modules.d.ts). */
const MODULE_ID = 'virtual:archive/build-cache';

/**
 * Tells the routes where the build keeps its caches: `virtual:archive/build-cache` exports
 * `buildCacheDir`, Astro's cache folder in a build and `undefined` in the dev server, where
 * nothing is kept. The yearly downloads keep their gzip members there
 * (src/cache/download-members.ts).
 */
export function buildCacheModule(): AstroIntegration {
	return {
		name: 'archive:build-cache-module',
		hooks: {
			'astro:config:setup': ({ command, config, updateConfig }) => {
				const dir = command === 'build' ? fileURLToPath(config.cacheDir) : undefined;
				const code = `export const buildCacheDir = ${JSON.stringify(dir)};`;
				const resolved = `\0${MODULE_ID}`;
				updateConfig({
					vite: {
						plugins: [
							{
								name: 'archive:build-cache-module',
								resolveId: (id: string) => (id === MODULE_ID ? resolved : undefined),
								load: (id: string) => (id === resolved ? code : undefined),
							},
						],
					},
				});
			},
		},
	};
}
