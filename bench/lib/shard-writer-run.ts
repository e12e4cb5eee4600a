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

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { filesBelow } from '../../src/cache/files-below.ts';
import { urlOfBuiltFile } from '../../src/domain/built-files.ts';

const [checkout, distArgument, pagesArgument] = process.argv.slice(2);
if (!checkout || !distArgument)
	throw new Error('usage: shard-writer-run.ts <checkout> <dist> [pages]');
const dist = resolve(distArgument);
const writer = (await import(
	pathToFileURL(join(resolve(checkout), 'src/integrations/search-shard-writer.ts')).href
)) as typeof import('../../src/integrations/search-shard-writer.ts');

// The article pages, oldest first: the pages of the site's first closed shards.
const pages = filesBelow(join(dist, 'articles'))
	.filter((file) => file.endsWith('/index.html'))
	.map((file) => `articles/${file}`)
	.sort()
	.slice(0, Number(pagesArgument ?? 5000))
	.map((file) => ({ file: join(dist, file), url: urlOfBuiltFile(file) }));
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
