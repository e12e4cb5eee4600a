// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import { paper } from './src/config/paper.ts';
import { contentGuard } from './src/integrations/content-guard.ts';
import { pagefindIndex } from './src/integrations/pagefind.ts';

export default defineConfig({
	site: paper.siteUrl,
	trailingSlash: 'always',
	markdown: {
		processor: unified({ smartypants: false }),
	},
	integrations: [contentGuard(), mdx(), sitemap(), pagefindIndex()],
});
