import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { contentRoot } from '../config/content-root.ts';
import { forgetCheckedEntries, rememberCheckedEntries } from '../content-checks/checked-entries.ts';
import {
	CheckCache,
	checkCacheFile,
	checkContentReport,
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
				forgetCheckedEntries(root);
				const { problems, summaries } = await checkContentReport(root, process.cwd(), { cache });
				// Saved before failing: once the mistakes are fixed, only those files are checked again.
				await cache.save().catch((error: unknown) => {
					logger.warn(`check cache not saved: ${(error as Error).message}`);
				});
				if (problems.length > 0) throw forEditors(new ContentError(problems));
				// The permanence step reads the entries' addresses from these (src/integrations/permanence.ts).
				rememberCheckedEntries(root, summaries);
				logger.info(
					`content checked: ${root} (${cache.misses} file(s) checked, ${cache.hits} unchanged${cache.state === 'used' ? '' : `; cache ${cache.state}`})`,
				);
			},
		},
	};
}

/**
 * Whether the build should show where in the code it stopped: `astro build --verbose`, or
 * `ARCHIVE_VERBOSE=1` in the environment (for `npm run build`, whose arguments go to astro).
 */
export function wantsStackTrace(
	argv: readonly string[] = process.argv,
	env: NodeJS.ProcessEnv = process.env,
): boolean {
	return argv.includes('--verbose') || /^(1|true|yes)$/i.test(env.ARCHIVE_VERBOSE?.trim() ?? '');
}

/**
 * The error as editors should see it: the problem list and nothing else. Astro prints a
 * thrown error's stack trace and source location under it, which only says where the
 * guard is, and guesses a hint from words in the message ("document" → "Browser APIs are
 * not available on the server"). Without a stack there is no trace and no location.
 */
function forEditors(error: ContentError): ContentError {
	if (!wantsStackTrace()) error.stack = '';
	return error;
}
