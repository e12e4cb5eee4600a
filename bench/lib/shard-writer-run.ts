/**
 * One shard written by a checkout's shard writer, on pages of a built site: the child of
 * `bench/shard-writer-ab.ts`, so that each checkout's modules load in a process of their own.
 *
 *   node bench/lib/shard-writer-run.ts <checkout> <dist> <pages>
 *
 * Prints JSON: the wall time and the CPU time of this process (the writer's JavaScript:
 * the search records, the word counts, talking to Pagefind), which leaves out Pagefind's
 * own process.
 */

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [checkout, distArgument, pagesArgument] = process.argv.slice(2);
if (!checkout || !distArgument)
	throw new Error('usage: shard-writer-run.ts <checkout> <dist> [pages]');
const dist = resolve(distArgument);
const writer = (await import(
	pathToFileURL(join(resolve(checkout), 'src/integrations/search-shard-writer.ts')).href
)) as typeof import('../../src/integrations/search-shard-writer.ts');

/** The article pages of the site, oldest first: the pages of its first closed shards. */
async function articlePages(dir: string, found: string[] = []): Promise<string[]> {
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) await articlePages(path, found);
		else if (entry.name === 'index.html') found.push(path);
	}
	return found;
}

const files = (await articlePages(join(dist, 'articles'))).sort();
const pages = files.slice(0, Number(pagesArgument ?? 5000)).map((file) => ({
	file,
	url: `/${relative(dist, file)
		.split('\\')
		.join('/')
		.replace(/index\.html$/, '')}`,
}));
const outputPath = await mkdtemp(join(tmpdir(), 'shard-writer-'));
try {
	const cpuBefore = process.cpuUsage();
	const started = performance.now();
	await writer.writeShard({ outputPath, number: 1, pages, postingPages: 100 });
	const cpu = process.cpuUsage(cpuBefore);
	console.log(
		JSON.stringify({
			pages: pages.length,
			wallSeconds: (performance.now() - started) / 1000,
			cpuSeconds: (cpu.user + cpu.system) / 1e6,
		}),
	);
} finally {
	await rm(outputPath, { recursive: true, force: true });
}
