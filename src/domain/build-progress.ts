/**
 * What a long build prints about its progress: pure arithmetic and formatting, no Astro
 * and no clock of its own (every function takes the time it is asked about), so the same
 * inputs always give the same line. The integration that feeds it is
 * `src/integrations/build-progress.ts`.
 */

/** How progress is shown: one line redrawn in place, a line now and then, or nothing. */
export type ProgressMode = 'tty' | 'log' | 'off';

/** The stages a build reports counts for. */
export type ProgressStage = 'pages' | 'shards';

export interface StageProgress {
	stage: ProgressStage;
	/** Items finished so far. */
	done: number;
	/** Items this stage will finish in all. */
	total: number;
	/** When the stage began, in milliseconds on the same clock as `now`. */
	startedAt: number;
}

export interface ProgressSnapshot {
	/** When the build began (ms). */
	buildStartedAt: number;
	/** The time the line describes (ms). */
	now: number;
	/** The stage under way, or none between counted stages. */
	current?: StageProgress;
	/** A word for what runs when no counted stage is under way, e.g. `content sync`. */
	activity?: string;
}

/** Items a stage must have finished, and time it must have run, before it guesses the rest. */
export const ESTIMATE_MIN_DONE = 3;
export const ESTIMATE_MIN_MS = 1_000;

/** `m:ss`, or `h:mm:ss` past an hour; negative or non-finite times read as 0:00. */
export function formatDuration(ms: number): string {
	const totalSeconds = Number.isFinite(ms) && ms > 0 ? Math.round(ms / 1000) : 0;
	const hours = Math.floor(totalSeconds / 3600);
	const minutes = Math.floor((totalSeconds % 3600) / 60);
	const seconds = totalSeconds % 60;
	const ss = String(seconds).padStart(2, '0');
	return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${ss}` : `${minutes}:${ss}`;
}

/**
 * Time the stage still needs at the rate it has gone so far, or undefined while that rate
 * means little (fewer than `ESTIMATE_MIN_DONE` items or under `ESTIMATE_MIN_MS` in).
 */
export function estimateRemaining(stage: StageProgress, now: number): number | undefined {
	const elapsed = now - stage.startedAt;
	if (stage.done >= stage.total) return 0;
	if (stage.done < ESTIMATE_MIN_DONE || elapsed < ESTIMATE_MIN_MS) return undefined;
	return ((stage.total - stage.done) * elapsed) / stage.done;
}

const STAGE_LABEL: Record<ProgressStage, string> = {
	pages: '页面 pages rendered',
	shards: '索引分片 shards indexed',
};

const count = new Intl.NumberFormat('en-US');

/**
 * One progress line, the same for a terminal and a log, e.g.
 * `页面 pages rendered 1,234/3,465 (36%) · 用时 elapsed 0:42 · 本阶段约剩 stage left ~0:31`.
 */
export function formatProgressLine(snapshot: ProgressSnapshot): string {
	const parts: string[] = [];
	const { current } = snapshot;
	if (current) {
		const percent = current.total > 0 ? Math.floor((100 * current.done) / current.total) : 100;
		parts.push(
			`${STAGE_LABEL[current.stage]} ${count.format(current.done)}/${count.format(current.total)} (${percent}%)`,
		);
	} else if (snapshot.activity) {
		parts.push(snapshot.activity);
	}
	parts.push(`用时 elapsed ${formatDuration(snapshot.now - snapshot.buildStartedAt)}`);
	if (current) {
		const left = estimateRemaining(current, snapshot.now);
		parts.push(`本阶段约剩 stage left ${left === undefined ? '…' : `~${formatDuration(left)}`}`);
	}
	return parts.join(' · ');
}

/**
 * How to show progress: `ARCHIVE_PROGRESS` (`tty`, `log`, `off`) decides when set;
 * otherwise one redrawn line on a terminal, and a line now and then when the output is a
 * file or pipe or `CI` is set (CI systems set it, and most keep a terminal-like output).
 */
export function progressMode(
	env: Record<string, string | undefined>,
	isTTY: boolean,
): ProgressMode {
	const forced = env.ARCHIVE_PROGRESS?.trim().toLowerCase();
	if (forced === 'tty' || forced === 'log' || forced === 'off') return forced;
	if (forced !== undefined && forced !== '') {
		throw new Error(
			`ARCHIVE_PROGRESS 只能是 tty、log 或 off / ARCHIVE_PROGRESS must be tty, log or off, got "${env.ARCHIVE_PROGRESS}"`,
		);
	}
	const ci = env.CI !== undefined && env.CI !== '' && env.CI !== '0' && env.CI !== 'false';
	return isTTY && !ci ? 'tty' : 'log';
}

/** Milliseconds between log lines: `ARCHIVE_PROGRESS_INTERVAL_MS`, else 10 s. */
export function logInterval(env: Record<string, string | undefined>): number {
	const raw = env.ARCHIVE_PROGRESS_INTERVAL_MS;
	if (raw === undefined || raw.trim() === '') return 10_000;
	const value = Number(raw);
	if (!Number.isInteger(value) || value < 0) {
		throw new Error(
			`ARCHIVE_PROGRESS_INTERVAL_MS 须为非负整数（毫秒）/ must be a whole number of milliseconds ≥ 0, got "${raw}"`,
		);
	}
	return value;
}

/**
 * Whether a line is due: in a log, when `interval` has passed since the last line (or
 * always for the stage's last item, so a log shows each stage end); on a terminal at
 * most every `TTY_REDRAW_MS`.
 */
export const TTY_REDRAW_MS = 200;
export function lineDue(
	mode: ProgressMode,
	lastLineAt: number | undefined,
	now: number,
	interval: number,
	stageEnded: boolean,
): boolean {
	if (mode === 'off') return false;
	if (stageEnded || lastLineAt === undefined) return true;
	return now - lastLineAt >= (mode === 'tty' ? TTY_REDRAW_MS : interval);
}
