// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import { paper } from './src/config/paper.ts';
import { contentCacheGuard } from './src/data/content-cache.ts';
import { contentGuard } from './src/integrations/content-guard.ts';
import { inputGuard } from './src/integrations/input-guard.ts';
import { pagefindIndex } from './src/integrations/pagefind.ts';
import { postBuildChecks } from './src/integrations/post-build-checks.ts';
import { markdownPipeline } from './src/plugins/markdown-options.ts';

export default defineConfig({
	site: paper.siteUrl,
	trailingSlash: 'always',
	markdown: {
		processor: unified({ smartypants: false, ...markdownPipeline }),
		// Articles have no code; Shiki's inline styles would need 'unsafe-inline' under the CSP.
		syntaxHighlight: false,
	},
	security: {
		// Astro adds script-src and style-src with the hashes of its own inline code. The
		// policy is sent as a <meta> on every page; public/_headers sends the same one as an
		// HTTP header, plus what a <meta> cannot carry (frame-ancestors) and
		// 'wasm-unsafe-eval' for Pagefind's worker, which the header governs and a <meta> does not.
		csp: {
			directives: [
				"default-src 'self'",
				"base-uri 'self'",
				"object-src 'none'",
				"form-action 'self'",
				"frame-src 'none'",
				"img-src 'self'",
				"connect-src 'self'",
				"worker-src 'self'",
			],
		},
	},
	// No inline styles or scripts: every page then carries the same policy, which a static
	// host can also send as one HTTP header (public/_headers).
	build: { inlineStylesheets: 'never' },
	vite: { build: { assetsInlineLimit: 0 } },
	// Pages whose getStaticPaths() cacheKey and code are unchanged since the last build are
	// copied from the build cache instead of rendered (src/data/page-keys.ts, docs/scale.md).
	experimental: { incrementalBuild: true },
	integrations: [
		// First: drops Astro's content cache when schemas, plugins or dependencies changed.
		contentCacheGuard(),
		contentGuard(),
		mdx(),
		sitemap(),
		pagefindIndex(),
		inputGuard(),
		postBuildChecks(),
	],
});
