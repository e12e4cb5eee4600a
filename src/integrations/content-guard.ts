import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { contentRoot } from '../config/content-root.ts';
import {
	checkedEntryOf,
	forgetCheckedEntries,
	rememberCheckedEntries,
	type CheckedEntry,
} from '../content-checks/checked-entries.ts';
import {
	CheckCache,
	checkCacheFile,
	checkContentReport,
	contentChecksDigest,
	type ContentProblem,
	type FileCheck,
} from '../content-checks/index.ts';
import { checksAnswer, failOn, setPendingChecks } from './content-verdict.ts';
import { WorkerTask, type WorkerFailure } from './worker-task.ts';

/**
 * Fails the build before content is loaded when any entry is invalid, duplicated or points
 * at something that does not exist, listing every problem with file, line and field. Each
 * file's result is kept in Astro's cache folder and reused while the file's bytes and the
 * checks' code are unchanged (src/cache/check-results.ts); the checks across files always
 * run.
 *
 * The checks run in a worker thread from the start of the build, beside what Astro does
 * before it loads content (starting Vite, reading its store and the content config: about
 * 2.5 s, in which a day's checks at 15,000 articles, 1.3 s, fit). The collections' loader
 * (src/data/as-written-loader.ts) waits for their verdict before it loads anything
 * (`failOnContentProblems`, content-verdict.ts), so refused content never reaches Astro's
 * store or its own error messages; `verdict` waits for it too, first among the
 * `astro:build:start` hooks, in case no collection was loaded.
 */

/** What the worker is given: the content folder, the project folder and the cache file. */
export interface ContentCheckRequest {
	root: string;
	cwd: string;
	cacheFile: string;
}

/** What it answers: the problems, or the entries the later steps need; or why it failed. */
export type ContentCheckReply =
	| {
			ok: true;
			problems: ContentProblem[];
			entries: CheckedEntry[];
			misses: number;
			hits: number;
			cacheState: string;
			cacheNotSaved?: string;
	  }
	| WorkerFailure;

/** The checks as the worker runs them (`content-guard-worker.ts`). */
export async function runContentChecks(request: ContentCheckRequest): Promise<ContentCheckReply> {
	const { root, cwd, cacheFile } = request;
	const cache = await CheckCache.open<FileCheck>(cacheFile, await contentChecksDigest(root, cwd));
	const { problems, summaries } = await checkContentReport(root, cwd, { cache });
	// Saved before failing: once the mistakes are fixed, only those files are checked again.
	let cacheNotSaved: string | undefined;
	await cache.save().catch((error: unknown) => {
		cacheNotSaved = (error as Error).message;
	});
	return {
		ok: true,
		problems,
		entries: problems.length > 0 ? [] : summaries.map(checkedEntryOf),
		misses: cache.misses,
		hits: cache.hits,
		cacheState: cache.state,
		...(cacheNotSaved === undefined ? {} : { cacheNotSaved }),
	};
}

/**
 * The integrations: `start` begins the checks (among the `astro:config:setup` hooks, once the
 * caches are healed), `verdict` waits for them (again) first among the `astro:build:start`
 * hooks, before the output folder is prepared, and reports them.
 */
export function contentGuard(): { start: AstroIntegration; verdict: AstroIntegration } {
	let root = '';
	const start: AstroIntegration = {
		name: 'archive:content-guard',
		hooks: {
			'astro:config:setup': ({ command, config }) => {
				setPendingChecks(undefined);
				if (command !== 'build') return;
				root = contentRoot();
				forgetCheckedEntries(root);
				const request: ContentCheckRequest = {
					root,
					cwd: process.cwd(),
					cacheFile: checkCacheFile(fileURLToPath(config.cacheDir), 'content'),
				};
				setPendingChecks(
					new WorkerTask(
						new URL('./content-guard-worker.ts', import.meta.url),
						request,
						'the content checks',
					),
				);
			},
		},
	};
	const verdict: AstroIntegration = {
		name: 'archive:content-guard-verdict',
		hooks: {
			'astro:build:start': async ({ logger }) => {
				const answer = checksAnswer();
				if (!answer) return;
				const reply = await answer;
				if (reply.ok && reply.cacheNotSaved) {
					logger.warn(`check cache not saved: ${reply.cacheNotSaved}`);
				}
				failOn(reply);
				// The permanence step reads the entries' addresses from these (src/integrations/permanence.ts).
				rememberCheckedEntries(root, reply.entries);
				logger.info(
					`content checked: ${root} (${reply.misses} file(s) checked, ${reply.hits} unchanged${reply.cacheState === 'used' ? '' : `; cache ${reply.cacheState}`})`,
				);
			},
		},
	};
	return { start, verdict };
}
