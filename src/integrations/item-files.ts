import type { AstroIntegration } from 'astro';
import { mkdirSync, writeFileSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
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
	for (const folder of await readdir(distDir, { withFileTypes: true })) {
		if (!folder.isDirectory()) continue;
		const folderPath = join(distDir, folder.name);
		for (const name of await readdir(folderPath)) {
			if (!name.endsWith(suffix)) continue;
			const bundlePath = join(folderPath, name);
			const made = new Set<string>();
			for (const [path, text] of parseItemFiles(await readFile(bundlePath, 'utf8'), bundlePath)) {
				const file = join(distDir, path);
				const folderOfFile = dirname(file);
				if (!made.has(folderOfFile)) {
					mkdirSync(folderOfFile, { recursive: true });
					made.add(folderOfFile);
				}
				// `wx`: two bundles naming the same file is a bug, never a silent overwrite.
				// Synchronous: 12,600 small files through the thread pool took twice the CPU.
				writeFileSync(file, text, { flag: 'wx' });
				files++;
			}
			await rm(bundlePath);
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
