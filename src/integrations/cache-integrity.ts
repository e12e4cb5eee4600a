import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
	adoptVerified,
	bothParts,
	describeHeal,
	healCaches,
	recordedFiles,
	verifiedFiles,
	writeRecord,
	type FileRecord,
	type HealReport,
	type VerifiedFile,
} from '../cache/integrity.ts';
import { CACHE_LOCATIONS } from '../cache/locations.ts';
import { WorkerTask, type WorkerFailure } from './worker-task.ts';

/**
 * The two ends of every build's use of the caches (src/cache/integrity.ts): first of all
 * integrations, each cached file is checked against the record of the last finished build
 * and what fails is dropped; last of all, once the build has finished, the record is
 * written anew. Put `healCachesFirst()` first in `integrations` and `cacheRecord().finish`
 * last: hooks run in list order.
 *
 * Astro's content store (the early part) is checked at once, since Astro reads it as it
 * starts. The rest (the late part: rendered pages, search shards; 1.5 s of a day's rebuild
 * at 15,000 articles) is checked in a worker thread beside Astro's start and content sync,
 * and waited for first among the `astro:build:start` hooks, before anything reads it.
 */
export function healCachesFirst(): AstroIntegration {
	let cacheDir = '';
	let early: HealReport | undefined;
	let late: WorkerTask<LateHealReply> | undefined;
	return {
		name: 'archive:cache-heal',
		hooks: {
			'astro:config:setup': ({ command, config }) => {
				if (command !== 'build') return;
				cacheDir = fileURLToPath(config.cacheDir);
				early = healCaches(cacheDir, 'early');
				late = new WorkerTask(
					new URL('./cache-heal-worker.ts', import.meta.url),
					cacheDir,
					'the cache check',
				);
			},
			'astro:build:start': async ({ logger }) => {
				if (!early || !late) return;
				const answer = await late.answer();
				late = undefined;
				let report: HealReport;
				if (answer.ok) {
					adoptVerified('late', answer.verified);
					report = answer.report;
				} else {
					// The worker could not finish (it may have dropped some groups): check again here.
					logger.warn(`${answer.error}; checking the caches here`);
					report = healCaches(cacheDir, 'late');
				}
				// One line for both parts: a cache without a record is dropped in both.
				const line = describeHeal(bothParts(early, report));
				if (line) logger.warn(line);
			},
		},
	};
}

/** What the worker answers: its part's report and the digests it verified. */
export type LateHealReply =
	{ ok: true; report: HealReport; verified: [string, VerifiedFile][] } | WorkerFailure;

/**
 * The record's two ends. `begin`, among the `astro:build:done` hooks once the search index
 * is written, takes the entries of every cached file in a worker thread beside the checks of
 * the built site (1.2 s of a day's rebuild at 15,000 articles, 39,000 files); `finish`, last
 * of all, adds the files written since (the item-files record) and writes the record. A
 * file written after `begin` and not named here is left out of the record, and the next
 * build drops it: that costs time, never a wrong build.
 */
export function cacheRecord(): { begin: AstroIntegration; finish: AstroIntegration } {
	let cacheDir = '';
	let task: WorkerTask<RecordReply> | undefined;
	return {
		begin: {
			name: 'archive:cache-record-begin',
			hooks: {
				'astro:config:done': ({ config }) => {
					cacheDir = fileURLToPath(config.cacheDir);
				},
				'astro:build:done': () => {
					if (!cacheDir || !existsSync(cacheDir)) return;
					task = new WorkerTask(
						new URL('./cache-record-worker.ts', import.meta.url),
						{
							cacheDir,
							verified: verifiedFiles(),
							except: WRITTEN_AFTER_BEGIN,
							askedAtMs: Date.now(),
						} satisfies RecordRequest,
						'the cache record',
					);
				},
			},
		},
		finish: {
			name: 'archive:cache-record',
			hooks: {
				'astro:build:done': async () => {
					if (!cacheDir || !existsSync(cacheDir)) return;
					const answer = await task?.answer();
					// Without the worker's entries (it failed, or never started), all are taken here.
					const files = answer?.ok ? answer.files : recordedFiles(cacheDir);
					writeRecord(cacheDir, files, WRITTEN_AFTER_BEGIN);
				},
			},
		},
	};
}

/** The cached files written between the record's two ends, taken by `finish`. */
const WRITTEN_AFTER_BEGIN = [CACHE_LOCATIONS.itemFilesRecord];

/** What the record's worker is given: the cache folder, what was verified, what to leave. */
export interface RecordRequest {
	cacheDir: string;
	verified: [string, VerifiedFile][];
	except: readonly string[];
	/** When the build asked, in ms since the epoch (`settledRecordedFiles`). */
	askedAtMs: number;
}

/** What it answers: the record's entries. */
export type RecordReply = { ok: true; files: Record<string, FileRecord> } | WorkerFailure;
