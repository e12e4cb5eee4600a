import type { AstroIntegration } from 'astro';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { withoutSecrets } from './child-env.ts';
import { searchRecordFromHtml } from '../search/record.ts';
import {
	SHARD_FILTER,
	SHARD_MANIFEST_FILE,
	shardPath,
	type ShardManifest,
	type ShardSummary,
} from '../search/shards.ts';

/**
 * The search index, written after every `astro build` through Pagefind's Node API (as
 * Starlight does) so that any indexing error fails the build.
 *
 * Each item page (the pages with a `data-pagefind-body` region) is handed to Pagefind
 * as a search record (`src/search/record.ts`): its text as the archive's own index
 * words, headline, kicker and subtitle weighted, date and 版 as metadata. Pages go in
 * date order, in shards of at most `shardPages` pages, each indexed by its own
 * Pagefind process that is closed before the next starts: Pagefind's memory grows
 * with the text it holds (about 0.25 GB per 1,000 articles), so a shard bounds the
 * build's peak. The first shard (the newest pages) is `/pagefind/`; the others are
 * merged into it by the search page (`/pagefind/shard-N/`), listed in
 * `/pagefind/archive-shards.json`. Design and measurements: `src/search/README.md`.
 */

/** Pages per shard unless `ARCHIVE_SEARCH_SHARD_PAGES` says otherwise. */
export const DEFAULT_SHARD_PAGES = 25_000;

export interface WriteSearchIndexOptions {
	/** The built site (`dist/`). */
	siteDir: string;
	/** Most pages per shard. */
	shardPages?: number;
	log?: (message: string) => void;
}

export interface SearchIndexSummary {
	pages: number;
	shards: ShardSummary[];
}

function assertNoErrors(step: string, response: { errors: string[] }): void {
	if (response.errors.length > 0) {
		throw new Error(`Pagefind ${step} failed:\n${response.errors.join('\n')}`);
	}
}

async function htmlFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries
		.filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
		.map((entry) => join(entry.parentPath, entry.name))
		.filter((file) => !relative(dir, file).split(sep).includes('pagefind'))
		.sort();
}

/** `articles/x/index.html` → `/articles/x/`, as Pagefind computes URLs. */
function urlOf(siteDir: string, file: string): string {
	const path = relative(siteDir, file).split(sep).join('/');
	return `/${path.replace(/(^|\/)index\.html$/, '$1')}`;
}

interface PageEntry {
	file: string;
	url: string;
	/** Sort key: the date, or '' for pages without one (people), which go first. */
	date: string;
}

async function indexedPages(siteDir: string): Promise<PageEntry[]> {
	const pages: PageEntry[] = [];
	for (const file of await htmlFiles(siteDir)) {
		const html = await readFile(file, 'utf8');
		if (!html.includes('data-pagefind-body')) continue;
		const record = searchRecordFromHtml(html);
		if (record) pages.push({ file, url: urlOf(siteDir, file), date: record.date ?? '' });
	}
	return pages.sort((a, b) => a.date.localeCompare(b.date) || a.url.localeCompare(b.url));
}

function shardSize(requested: number | undefined): number {
	const fromEnvironment = Number(process.env.ARCHIVE_SEARCH_SHARD_PAGES);
	const size = requested ?? (fromEnvironment > 0 ? fromEnvironment : DEFAULT_SHARD_PAGES);
	if (!Number.isInteger(size) || size < 1) throw new Error(`bad shard size ${size}`);
	return size;
}

/** Splits date-ordered pages into shards, newest shard first. */
export function splitIntoShards<T>(pages: readonly T[], size: number): T[][] {
	const shards: T[][] = [];
	for (let end = pages.length; end > 0; end -= size) {
		shards.push(pages.slice(Math.max(0, end - size), end));
	}
	return shards;
}

/**
 * Every page carries its shard's number as a filter: merged shards return one list
 * sorted by score, so a search by date asks each shard in turn (`src/search/engine.ts`).
 */
function withShardFilter(html: string, index: number): string {
	return html.replace(
		'</head>',
		`<meta data-pagefind-filter="${SHARD_FILTER}[content]" content="${index}"></head>`,
	);
}

async function writeShard(siteDir: string, index: number, pages: PageEntry[]): Promise<void> {
	try {
		// Pagefind starts its binary here: it gets an environment without secrets.
		const { index: shard, errors } = await withoutSecrets(() => pagefind.createIndex({}));
		assertNoErrors('createIndex', { errors });
		if (!shard) throw new Error('Pagefind createIndex returned no index');
		for (const page of pages) {
			const record = searchRecordFromHtml(await readFile(page.file, 'utf8'));
			if (!record) throw new Error(`${page.file} is no longer an indexed page`);
			assertNoErrors(
				`addHTMLFile ${page.url}`,
				await shard.addHTMLFile({ url: page.url, content: withShardFilter(record.html, index) }),
			);
		}
		assertNoErrors(
			'writeFiles',
			await shard.writeFiles({ outputPath: join(siteDir, ...shardPath(index).split('/')) }),
		);
	} finally {
		await pagefind.close();
	}
}

/** Writes the search index of a built site into `<siteDir>/pagefind/`. */
export async function writeSearchIndex(
	options: WriteSearchIndexOptions,
): Promise<SearchIndexSummary> {
	const pages = await indexedPages(options.siteDir);
	if (pages.length === 0) throw new Error('Pagefind indexed no pages');
	const shards = splitIntoShards(pages, shardSize(options.shardPages));
	const summaries: ShardSummary[] = [];
	// The first shard holds `/pagefind/pagefind.js`; it is written before the shards
	// inside its folder so that writing it cannot disturb them.
	for (const [index, shard] of shards.entries()) {
		await writeShard(options.siteDir, index, shard);
		const dates = shard.map((page) => page.date).filter(Boolean);
		summaries.push({
			path: `/${shardPath(index)}/`,
			pages: shard.length,
			from: dates[0] ?? null,
			to: dates[dates.length - 1] ?? null,
		});
		options.log?.(`indexed shard ${index + 1}/${shards.length}: ${shard.length} pages`);
	}
	const manifest: ShardManifest = { version: 1, shards: summaries };
	await writeFile(
		join(options.siteDir, 'pagefind', SHARD_MANIFEST_FILE),
		`${JSON.stringify(manifest, null, '\t')}\n`,
	);
	return { pages: pages.length, shards: summaries };
}

/** Builds the search index over the rendered pages after every `astro build`. */
export function pagefindIndex(): AstroIntegration {
	return {
		name: 'archive:pagefind',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const summary = await writeSearchIndex({
					siteDir: fileURLToPath(dir),
					log: (message) => logger.info(message),
				});
				logger.info(`indexed ${summary.pages} pages in ${summary.shards.length} shard(s)`);
			},
		},
	};
}
