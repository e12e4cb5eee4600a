/** Provided by `buildCacheModule()` (src/integrations/build-cache-module.ts). */
declare module 'virtual:archive/build-cache' {
	/** Astro's cache folder in a build; `undefined` in the dev server. */
	export const buildCacheDir: string | undefined;
}
