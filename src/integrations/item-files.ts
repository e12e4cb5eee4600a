import type { AstroIntegration } from 'astro';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ITEM_FILES_EXTENSION, parseItemFiles } from '../domain/item-files.ts';
import { envWithoutSecrets } from './child-env.ts';

/**
 * Unpacks the item-file bundles (`/articles/1998-01-01.item-files`, written by
 * `src/pages/[collection]/[group].item-files.ts`) into the files beside each item page
 * (`.json`, `.ris`, `.bib`, `.csl.json`) and removes the bundles, so the site holds exactly
 * the files four per-item routes would have written (docs/open-data.md, "Cost").
 *
 * The unpacking runs in a worker thread beside the hooks that never look at item files or
 * bundles (the sitemap, page images, the search index, which reads `.html` files only), not
 * on the main thread before them: `start` goes first among the hooks that read the built
 * site, once the pages are pruned; `done` waits for it and goes before every hook that
 * reads item files (the input guard, the post-build checks, permanence).
 */

/** Unpacks every bundle under `distDir`; returns how many files it wrote from how many bundles. */
export async function unpackItemFiles(
	distDir: string,
): Promise<{ bundles: number; files: number }> {
	let bundles = 0;
	let files = 0;
	const suffix = `.${ITEM_FILES_EXTENSION}`;
	// Folders made (or found) once per build, not once per file.
	const made = new Set<string>();
	for (const folder of await readdir(distDir, { withFileTypes: true })) {
		if (!folder.isDirectory()) continue;
		const folderPath = join(distDir, folder.name);
		for (const name of await readdir(folderPath)) {
			if (!name.endsWith(suffix)) continue;
			const bundlePath = join(folderPath, name);
			// Bytes in, slices of the same bytes out: no text is decoded or encoded again.
			for (const [path, bytes] of parseItemFiles(readFileSync(bundlePath), bundlePath)) {
				const file = join(distDir, path);
				const folderOfFile = dirname(file);
				if (!made.has(folderOfFile)) {
					mkdirSync(folderOfFile, { recursive: true });
					made.add(folderOfFile);
				}
				// `wx`: two bundles naming the same file is a bug, never a silent overwrite.
				// Synchronous: 12,600 small files through the thread pool took twice the CPU.
				writeFileSync(file, bytes, { flag: 'wx' });
				files++;
			}
			rmSync(bundlePath);
			bundles++;
		}
	}
	return { bundles, files };
}

/** What the worker thread (`item-files-worker.ts`) is given and answers. */
export type UnpackReply =
	| {
			ok: true;
			bundles: number;
			files: number;
			/** The unpacking's wall time and its thread's CPU time (user + system), in seconds. */
			seconds: number;
			cpuSeconds: number;
	  }
	| { ok: false; error: string };

/**
 * Starts unpacking `distDir` in a worker thread; resolves with its count and time, or with
 * the worker's error (a bundle of the wrong shape names the bundle). Never rejects.
 */
function startUnpacking(distDir: string): { done: Promise<UnpackReply>; worker: Worker } {
	const worker = new Worker(new URL('./item-files-worker.ts', import.meta.url), {
		env: envWithoutSecrets(),
		workerData: distDir,
	});
	// A build that stops before `done` (a failed search index) must not wait for it.
	worker.unref();
	const done = new Promise<UnpackReply>((resolve) => {
		worker.once('message', resolve);
		worker.once('error', (error) => resolve({ ok: false, error: String(error) }));
		worker.once('exit', (code) =>
			resolve({ ok: false, error: `the unpacking worker stopped (exit code ${code})` }),
		);
	});
	return { done, worker };
}

/**
 * The two integrations: `start` first among the `astro:build:done` hooks that read the site
 * (after the pruning of `freshOutDir().first`), `done` before the first one that reads item
 * files. Nothing listed between them may read item files or bundles.
 */
export function itemFiles(): { start: AstroIntegration; done: AstroIntegration } {
	let unpacking: ReturnType<typeof startUnpacking> | undefined;
	const start: AstroIntegration = {
		name: 'archive:item-files',
		hooks: {
			'astro:build:done': ({ dir }) => {
				unpacking = startUnpacking(fileURLToPath(dir));
			},
		},
	};
	const done: AstroIntegration = {
		name: 'archive:item-files-done',
		hooks: {
			'astro:build:done': async ({ logger }) => {
				if (!unpacking) return;
				const waitFrom = performance.now();
				// Awaited from now on: the worker must keep the process alive.
				unpacking.worker.ref();
				const reply = await unpacking.done;
				unpacking = undefined;
				if (!reply.ok) throw new Error(`item files not unpacked: ${reply.error}`);
				const waited = (performance.now() - waitFrom) / 1000;
				logger.info(
					`${reply.files} item files from ${reply.bundles} bundles in ${reply.seconds.toFixed(1)} s (CPU ${reply.cpuSeconds.toFixed(1)} s) beside the search index; waited ${waited.toFixed(1)} s`,
				);
			},
		},
	};
	return { start, done };
}
