// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { paper } from './src/config/paper.ts';
import { contentCacheGuard } from './src/cache/content-store.ts';
import { buildCacheModule } from './src/integrations/build-cache-module.ts';
import { buildProgress } from './src/integrations/build-progress.ts';
import { cacheRecord, healCachesFirst } from './src/integrations/cache-integrity.ts';
import { contentGuard } from './src/integrations/content-guard.ts';
import { contentStoreAtRunTime } from './src/integrations/content-store-at-run-time.ts';
import { freshOutDir } from './src/integrations/fresh-out-dir.ts';
import { inputGuard } from './src/integrations/input-guard.ts';
import { itemFiles } from './src/integrations/item-files.ts';
import { itemFilesInDev } from './src/integrations/item-files-dev.ts';
import { pageImages } from './src/integrations/page-images.ts';
import { pagefindIndex } from './src/integrations/pagefind.ts';
import { permanence } from './src/integrations/permanence.ts';
import { postBuildChecks } from './src/integrations/post-build-checks/index.ts';
import { sitemapLastmod } from './src/integrations/sitemap-lastmod.ts';
import { archiveMarkdownProcessor } from './src/plugins/markdown-processor.ts';

// Dates for the sitemap's <lastmod>, read from the build's own catalogue (docs/open-data.md).
const lastmod = sitemapLastmod();
// The files beside each item page, unpacked in a worker thread while the search index is made;
// those the last build wrote and recorded are kept where their bundle is unchanged.
const items = itemFiles();
// dist/ emptied by moving it aside, cached pages linked in, pages no longer made pruned; the
// folders of the recorded item files come back whole.
const output = freshOutDir({ keptFiles: items.keptFiles });
const guard = contentGuard();
const record = cacheRecord();

export default defineConfig({
	site: paper.siteUrl,
	trailingSlash: 'always',
	markdown: {
		// The sanitising unified pipeline (src/plugins/markdown-options.ts) for every entry that
		// could hold more than plain paragraphs; Astro's Rust processor, same HTML, for plain prose.
		processor: archiveMarkdownProcessor(),
		// Articles have no code; Shiki's inline styles would need 'unsafe-inline' under the CSP.
		syntaxHighlight: false,
	},
	// No inline styles or scripts: every page then carries the same policy, which a static
	// host can also send as one HTTP header (public/_headers). The pages write that policy
	// themselves (src/config/csp.ts) rather than through Astro's `security.csp`, which adds
	// hashes of island code this site never renders to every page.
	// Eight pages rendered at a time: Astro renders on one thread and awaits each page's
	// writes (the page, then its cache copy), which left the thread idle half the time. At
	// 3,139 articles page rendering took 0.45–0.57 of the time with eight (0.47–0.78 with
	// four), in A/Bs both ways round, and the pages were byte for byte the same
	// (docs/scale.md, "Page rendering").
	build: { inlineStylesheets: 'never', concurrency: 8 },
	// The search worker as an ES module (it is started with `type: 'module'`): an IIFE worker
	// inlines its dynamic imports, and pinyin-pro (needed only when a word is found nowhere)
	// then weighed on every first search (src/search/README.md, "Cold speed").
	vite: { build: { assetsInlineLimit: 0 }, worker: { format: 'es' } },
	// Pages whose getStaticPaths() cacheKey and code are unchanged since the last build are
	// copied from the build cache instead of rendered (src/data/page-keys.ts, docs/scale.md).
	experimental: { incrementalBuild: true },
	integrations: [
		// First: every cached file is checked against the last finished build's record.
		healCachesFirst(),
		// Then: drops Astro's content cache when schemas, plugins or dependencies changed.
		contentCacheGuard(),
		// The prerender bundle reads Astro's content store from its file instead of carrying it.
		contentStoreAtRunTime(),
		// Waits for the content checks (started by `guard.start` in a worker) before the output
		// folder is touched: invalid content stops the build with its list of problems.
		guard.verdict,
		// Empties dist/ by moving it aside and links the cached pages in before Astro renders;
		// first of the build's last hooks, it deletes the pages this build no longer makes.
		output.first,
		// Pages rendered of the total, shards indexed, elapsed and time left (docs/benchmarks.md).
		// Before the search index, so that its stage is timed from the start.
		buildProgress(),
		buildCacheModule(),
		// Starts the content checks in a worker thread, beside Astro's work up to content sync.
		guard.start,
		mdx(),
		// Once the pages are written and pruned: starts unpacking the files beside each item page
		// (.json, .ris, .bib, .csl.json) from their per-day bundles (docs/open-data.md). Nothing
		// from here to `items.done` reads item files or bundles.
		items.start,
		// The same files under `astro dev`, read from their bundles on request.
		itemFilesInDev(),
		lastmod.integration,
		sitemap({ serialize: lastmod.serialize }),
		// Before the post-build checks, which look for the files it writes.
		pageImages(),
		pagefindIndex(),
		// Waits for the item files: the checks and permanence below read them.
		items.done,
		inputGuard(),
		record.begin,
		postBuildChecks(),
		// After the checks: writes forwarding pages for old addresses and updates
		// content/published-urls.txt (docs/permanence.md).
		permanence(),
		// Once nothing writes item files: records them, with their stamps, for the next build.
		items.record,
		// Waits for the old dist/ to be deleted; drops cache copies of pages written in place.
		output.last,
		// Last: records the caches this finished build leaves.
		record.finish,
	],
});
