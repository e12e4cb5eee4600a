// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';

// The benchmark's baseline: Astro's blog starter (`npm create astro -- --template blog`) as a
// typical user would set it up for this archive. The benchmark builds it with its own
// `--outDir` and a private `cacheDir`, and runs the Pagefind CLI over the output.
export default defineConfig({
	site: 'https://example.com',
	integrations: [mdx(), sitemap()],
});
