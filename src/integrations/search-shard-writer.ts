import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { withoutSecrets } from './child-env.ts';
import { searchRecordFromHtml } from '../search/record.ts';
import { SHARD_FILTER } from '../search/shards.ts';
import { SHARD_NAMES_FILE, shardNameList } from '../search/frequent-names.ts';
import { SHARD_WORDS_FILE, ShardWordCounts } from '../search/word-map.ts';
import { fragmentUrl } from './pagefind-fragments.ts';

/**
 * Writes one shard of the search index: each page's search record handed to its own
 * Pagefind process, closed afterwards so that its memory goes with it. Runs in the
 * build's process or in a worker thread (`search-shard-worker.ts`). Beside the bundle it
 * writes the shard's word list (`SHARD_WORDS_FILE`, `src/search/word-map.ts`: each word's
 * page count, and the ids of the pages of a word on few of them), which the index writer
 * merges into the table of which shards hold which words and keeps in the cache with the
 * shard, and its name counts (`SHARD_NAMES_FILE`, `src/search/frequent-names.ts`)
 * for the names file.
 */

export interface ShardJob {
	/** Folder the shard's bundle is written to. */
	outputPath: string;
	number: number;
	pages: { file: string; url: string }[];
	/** Most pages a word may be on and have its pages listed (`POSTING_MAX_PAGES`). */
	postingPages: number;
}

function assertNoErrors(step: string, response: { errors: string[] }): void {
	if (response.errors.length > 0) {
		throw new Error(`Pagefind ${step} failed:\n${response.errors.join('\n')}`);
	}
}

/**
 * Every page carries its shard's number as a filter: merged shards return one list
 * sorted by score, so a search by date asks each shard in turn (`src/search/engine.ts`).
 */
function withShardFilter(html: string, number: number): string {
	return html.replace(
		'</head>',
		`<meta data-pagefind-filter="${SHARD_FILTER}[content]" content="${number}"></head>`,
	);
}

/**
 * Files of Pagefind's bundle that only shard 0 needs: the search loads Pagefind's JS and
 * WebAssembly from `/pagefind/`, and from merged shards only their index.
 */
function isBundleCode(name: string): boolean {
	return /^pagefind[\w-]*\.(?:js|css)$/.test(name) || /^wasm\..*\.pagefind$/.test(name);
}

/**
 * Pagefind's id of each page written to `outputPath`, by URL: the name of the page's
 * fragment file, which holds its URL.
 */
async function pageIdsByUrl(outputPath: string): Promise<Map<string, string>> {
	const folder = join(outputPath, 'fragment');
	const ids = new Map<string, string>();
	for (const name of await readdir(folder)) {
		if (!name.endsWith('.pf_fragment')) continue;
		const url = fragmentUrl(await readFile(join(folder, name)));
		if (url) ids.set(url, name.slice(0, -'.pf_fragment'.length));
	}
	return ids;
}

export async function writeShard(job: ShardJob): Promise<void> {
	/** Pages of the shard that hold each table word, and which pages where few do. */
	const words = new ShardWordCounts(job.postingPages);
	const names = new Map<string, number>();
	try {
		// Pagefind starts its binary here: it gets an environment without secrets.
		const { index, errors } = await withoutSecrets(() => pagefind.createIndex({}));
		assertNoErrors('createIndex', { errors });
		if (!index) throw new Error('Pagefind createIndex returned no index');
		for (const page of job.pages) {
			const record = searchRecordFromHtml(await readFile(page.file, 'utf8'));
			if (!record) throw new Error(`${page.file} is no longer an indexed page`);
			words.add(record.words);
			for (const [name, count] of record.names) names.set(name, (names.get(name) ?? 0) + count);
			assertNoErrors(
				`addHTMLFile ${page.url}`,
				await index.addHTMLFile({
					url: page.url,
					content: withShardFilter(record.html, job.number),
				}),
			);
		}
		assertNoErrors('writeFiles', await index.writeFiles({ outputPath: job.outputPath }));
	} finally {
		await pagefind.close();
	}
	const ids = await pageIdsByUrl(job.outputPath);
	const idOf = (page: number) => {
		const id = ids.get(job.pages[page]!.url);
		if (!id) throw new Error(`Pagefind wrote no fragment for ${job.pages[page]!.url}`);
		return id;
	};
	await writeFile(join(job.outputPath, SHARD_WORDS_FILE), words.list(idOf));
	await writeFile(join(job.outputPath, SHARD_NAMES_FILE), shardNameList(names));
	if (job.number === 0) return;
	for (const name of await readdir(job.outputPath)) {
		if (isBundleCode(name)) await rm(join(job.outputPath, name));
	}
}
