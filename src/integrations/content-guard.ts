import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { contentRoot } from '../config/content-root.ts';
import {
	CheckCache,
	checkCacheFile,
	checkContent,
	contentChecksDigest,
	ContentError,
	type FileCheck,
} from '../content-checks/index.ts';

/**
 * Fails the build before content sync when any entry is invalid, duplicated or points
 * at something that does not exist, listing every problem with file, line and field.
 * Each file's result is kept in Astro's cache folder and reused while the file's bytes
 * and the checks' code are unchanged (src/cache/check-results.ts); the checks across files always run.
 */
export function contentGuard(): AstroIntegration {
	return {
		name: 'archive:content-guard',
		hooks: {
			'astro:config:setup': async ({ command, config, logger }) => {
				if (command !== 'build') return;
				const root = contentRoot();
				const cache = await CheckCache.open<FileCheck>(
					checkCacheFile(fileURLToPath(config.cacheDir), 'content'),
					await contentChecksDigest(root),
				);
				const problems = await checkContent(root, process.cwd(), { cache });
				// Saved before failing: once the mistakes are fixed, only those files are checked again.
				await cache.save().catch((error: unknown) => {
					logger.warn(`check cache not saved: ${(error as Error).message}`);
				});
				if (problems.length > 0) throw new ContentError(problems);
				logger.info(
					`content checked: ${root} (${cache.misses} file(s) checked, ${cache.hits} unchanged${cache.state === 'used' ? '' : `; cache ${cache.state}`})`,
				);
			},
		},
	};
}
