import type { AstroIntegration } from 'astro';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ITEM_FILES_EXTENSION, parseItemFiles } from '../domain/item-files.ts';

/**
 * Unpacks the item-file bundles (`/articles/1998-01-01.item-files`, written by
 * `src/pages/[collection]/[group].item-files.ts`) into the files beside each item page
 * (`.json`, `.ris`, `.bib`, `.csl.json`) and removes the bundles, so the site holds exactly
 * the files four per-item routes would have written (docs/open-data.md, "Cost"). List it
 * before every integration that reads the built site (the post-build checks, permanence).
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

export function itemFiles(): AstroIntegration {
	return {
		name: 'archive:item-files',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const { bundles, files } = await unpackItemFiles(fileURLToPath(dir));
				logger.info(`${files} item files from ${bundles} bundles`);
			},
		},
	};
}
