import { ContentError } from '../content-checks/problem.ts';
import type { ContentCheckReply } from './content-guard.ts';
import type { WorkerTask } from './worker-task.ts';

/**
 * The content checks' verdict for this build, where the steps that must wait for it find it
 * (`content-guard.ts` starts the checks): the collections' loader
 * (src/data/as-written-loader.ts) and the input guard. Apart from the guard so that they do
 * not load the checks themselves, only this and the problems' error.
 *
 * The checks are kept on `globalThis`: the collections' loader runs in modules Vite loads
 * apart from the integrations' (the same file, another instance).
 */
const PENDING = Symbol.for('archive:content-checks');

type WithPendingChecks = typeof globalThis & {
	[PENDING]?: WorkerTask<ContentCheckReply> | undefined;
};

/** Records this build's checks (undefined: none run, not a build). */
export function setPendingChecks(checks: WorkerTask<ContentCheckReply> | undefined): void {
	(globalThis as WithPendingChecks)[PENDING] = checks;
}

/** This build's checks' answer; undefined when none run (not a build). */
export function checksAnswer(): Promise<ContentCheckReply> | undefined {
	return (globalThis as WithPendingChecks)[PENDING]?.answer();
}

/** Throws the checks' error when they found problems or could not run. */
export function failOn(
	reply: ContentCheckReply,
): asserts reply is Extract<ContentCheckReply, { ok: true }> {
	if (!reply.ok) throw new Error(`内容检查未能完成 / the content checks failed: ${reply.error}`);
	if (reply.problems.length > 0) throw forEditors(new ContentError(reply.problems));
}

/**
 * For the collections' loader and the input guard: waits for this build's checks and throws
 * their list of problems when they found any. Returns when no checks run (not a build) or
 * they found nothing.
 */
export async function failOnContentProblems(): Promise<void> {
	const answer = checksAnswer();
	if (answer) failOn(await answer);
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
