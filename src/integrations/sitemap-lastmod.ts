import type { AstroIntegration } from 'astro';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { lastmodByPath, lastmodFor } from '../domain/sitemap-lastmod.ts';

/**
 * Gives `@astrojs/sitemap` each page's `lastmod` (src/domain/sitemap-lastmod.ts). The dates
 * come from the catalogue the build writes (`/data/items.jsonl`), read once the pages are
 * written; list this integration before `sitemap()` so its hook runs first, and pass
 * `serialize` to `sitemap({ serialize })`.
 */
export function sitemapLastmod(): {
	integration: AstroIntegration;
	serialize: <T extends { url: string; lastmod?: string | undefined }>(item: T) => T;
} {
	let itemLastmod = new Map<string, string>();
	return {
		integration: {
			name: 'archive:sitemap-lastmod',
			hooks: {
				'astro:build:done': async ({ dir }) => {
					const text = await readFile(
						fileURLToPath(new URL('data/items.jsonl', dir)),
						'utf8',
					).catch(() => '');
					itemLastmod = lastmodByPath(text);
				},
			},
		},
		serialize(item) {
			const lastmod = lastmodFor(new URL(item.url).pathname, itemLastmod);
			return lastmod ? { ...item, lastmod } : item;
		},
	};
}
