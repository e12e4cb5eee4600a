import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentRoot } from '../config/content-root.ts';
import { CACHE_LOCATIONS } from './locations.ts';

/**
 * Keeps Astro's content cache honest between builds. Astro keeps every parsed and
 * rendered entry in `<cacheDir>/data-store.json` and re-parses only files whose text
 * changed; it throws the store away when `src/content.config.ts`, the serialisable part of
 * the Astro config or Astro's version change. It does not notice a change to what that
 * config imports: a schema in `src/schemas/` (a new default, a new transform), a remark or
 * rehype plugin in `src/plugins/`, a dependency's version. Entries parsed the old way would
 * then be served as if current, and pages cached on them (page-keys.ts) reused.
 *
 * So a digest of those inputs is kept beside the store, and the store is dropped before
 * content sync whenever the digest differs (or is missing: a store of unknown origin).
 */

/** What decides how an entry file is parsed and rendered, relative to the project root. */
export const CONTENT_CACHE_INPUTS = [
	'src/content.config.ts',
	// How each entry's fields are read (as written): the loader and its reader.
	'src/data/as-written-loader.ts',
	'src/data/unchanged-entries.ts',
	'src/content-checks/frontmatter.ts',
	'src/schemas',
	'src/plugins',
	'src/config',
	'astro.config.mjs',
	'package-lock.json',
] as const;

/** The digest file, beside the data store in the cache folder. */
export const CONTENT_CACHE_KEY_FILE = CACHE_LOCATIONS.contentInputs;

async function filesBelow(path: string): Promise<string[]> {
	try {
		const entries = await readdir(path, { recursive: true, withFileTypes: true });
		return entries
			.filter((entry) => entry.isFile())
			.map((entry) => join(entry.parentPath, entry.name));
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOTDIR') return [path];
		if (code === 'ENOENT') return [];
		throw error;
	}
}

/** A digest of every input file's path and content, in a fixed order. */
export async function contentCacheDigest(
	root: string,
	inputs: readonly string[] = CONTENT_CACHE_INPUTS,
): Promise<string> {
	const files = (await Promise.all(inputs.map((input) => filesBelow(join(root, input)))))
		.flat()
		.map((file) => relative(root, file).split(sep).join('/'))
		.sort();
	const hash = createHash('sha256');
	for (const file of files) {
		hash.update(`${file}\0`);
		hash.update(await readFile(join(root, file)));
		hash.update('\0');
	}
	return hash.digest('hex');
}

/**
 * Drops the data store (`data-store.json`, or its chunks) when `digest` is not the one
 * recorded with it, then records `digest`. Says what it did.
 */
export async function refreshContentCache(
	cacheDir: string,
	digest: string,
): Promise<'kept' | 'cleared' | 'empty'> {
	const keyFile = join(cacheDir, CONTENT_CACHE_KEY_FILE);
	const recorded = await readFile(keyFile, 'utf8').catch(() => undefined);
	const names = await readdir(cacheDir).catch(() => [] as string[]);
	const stores = names.filter((name) => name.startsWith(CACHE_LOCATIONS.contentStore));
	let outcome: 'kept' | 'cleared' | 'empty' = stores.length === 0 ? 'empty' : 'kept';
	if (recorded?.trim() !== digest && stores.length > 0) {
		await Promise.all(
			stores.map((name) => rm(join(cacheDir, name), { recursive: true, force: true })),
		);
		outcome = 'cleared';
	}
	if (recorded?.trim() !== digest) {
		await mkdir(cacheDir, { recursive: true });
		await writeFile(keyFile, `${digest}\n`);
	}
	return outcome;
}

/** The integration: runs before content sync on every build. */
export function contentCacheGuard(): AstroIntegration {
	return {
		name: 'archive:content-cache-guard',
		hooks: {
			'astro:config:setup': async ({ command, config, logger }) => {
				if (command !== 'build') return;
				// The content folder too: entries kept from another folder (ARCHIVE_CONTENT) would
				// otherwise be served beside this one's, two issues with one date.
				const digest = `${await contentCacheDigest(fileURLToPath(config.root))} ${contentRoot()}`;
				const outcome = await refreshContentCache(fileURLToPath(config.cacheDir), digest);
				if (outcome === 'cleared') {
					logger.info(
						'内容缓存已清除：架构、Markdown 插件、依赖或内容目录有变 / content cache cleared: schemas, Markdown plugins, dependencies or the content folder changed',
					);
				}
			},
		},
	};
}
