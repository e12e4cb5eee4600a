import type { AstroIntegration, AstroIntegrationLogger, AstroPrerenderer } from 'astro';
import {
	formatProgressLine,
	lineDue,
	logInterval,
	progressMode,
	type ProgressMode,
	type StageProgress,
} from '../domain/build-progress.ts';
import { onShardsIndexed } from './build-progress-events.ts';

/**
 * Reports a long build's progress: pages rendered of the total, search shards indexed,
 * time elapsed and an estimate of the stage's time left.
 *
 * - On a terminal (stderr is a TTY and `CI` is unset) one line is redrawn in place.
 * - In a log (a file, a pipe, or `CI` set) a line every 10 s
 *   (`ARCHIVE_PROGRESS_INTERVAL_MS`) and one when each stage ends.
 * - Either way Astro's own line per page is held back while pages render (warnings and
 *   errors still show; `--verbose` keeps them all), and a summary line says how many pages
 *   were rendered and how many copied from the incremental cache.
 * - `ARCHIVE_PROGRESS=tty|log|off` forces a mode; `off` leaves Astro's output untouched
 *   (the bench uses it: it counts Astro's page lines).
 *
 * How the page count is learnt: Astro 7's public prerenderer hook. `astro:build:start`
 * gives integrations `setPrerenderer(default => prerenderer)` (the API adapters use to
 * render in their own runtime); this integration wraps Astro's default prerenderer,
 * passing every call through unchanged, and counts the paths `getStaticPaths()` returns
 * (the total) and each `render()` (a page rendered). Pages the incremental build copies
 * from its cache skip `render()`, so a rebuild shows the pages actually rendered and
 * reports the copied ones in its summary. This reads no log text and no private field;
 * its limit is that a build with an adapter that sets its own prerenderer must list this
 * integration before the adapter or the adapter's prerenderer replaces the wrapper (this
 * site has no adapter).
 *
 * Shards are counted through `reportShardsIndexed()` (build-progress-events.ts), which
 * the search integration calls after each shard it writes.
 */
export function buildProgress(): AstroIntegration {
	let reporter: ProgressReporter | undefined;
	return {
		name: 'archive:build-progress',
		hooks: {
			'astro:config:setup': ({ command, logger }) => {
				if (command !== 'build') return;
				const mode = progressMode(process.env, process.stderr.isTTY === true);
				if (mode === 'off') return;
				reporter = new ProgressReporter(mode, logInterval(process.env), logger);
			},
			'astro:build:start': ({ setPrerenderer }) => {
				if (!reporter) return;
				const current = reporter;
				setPrerenderer((astroDefault) => current.wrap(astroDefault));
			},
			'astro:build:generated': () => reporter?.pagesDone(),
			'astro:build:done': () => reporter?.indexStarts(),
		},
	};
}

/** Time since the Node process started, so elapsed time includes Astro's startup. */
function now(): number {
	return performance.now();
}

class ProgressReporter {
	private stage: StageProgress | undefined;
	private activity: string | undefined = '内容同步与打包 content sync and bundling';
	private lastLineAt: number | undefined;
	private ttyLineShown = false;
	private heldLevel: AstroIntegrationLogger['options']['level'] | undefined;
	private timer: NodeJS.Timeout | undefined;
	private pagesTotal = 0;
	private pagesRendered = 0;
	private indexStartedAt: number | undefined;

	constructor(
		private readonly mode: Exclude<ProgressMode, 'off'>,
		private readonly interval: number,
		private readonly logger: AstroIntegrationLogger,
	) {
		onShardsIndexed((done, total) => this.shards(done, total));
		process.once('exit', () => this.clearTtyLine());
		if (mode === 'tty') this.keepLineBelowOtherOutput();
	}

	/** The original `write` of stderr, which the redrawn line uses. */
	private writeTty: (text: string) => boolean = (text) => process.stderr.write(text);

	/**
	 * On a terminal the progress line has no newline, so anything else printed would be
	 * appended to it: every other write to stdout or stderr first clears the line, and the
	 * next tick draws it again below.
	 */
	private keepLineBelowOtherOutput(): void {
		const stderrWrite = process.stderr.write.bind(process.stderr);
		this.writeTty = (text) => stderrWrite(text);
		for (const stream of [process.stdout, process.stderr]) {
			const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
			stream.write = (...args: unknown[]) => {
				this.clearTtyLine();
				return original(...args);
			};
		}
	}

	/** Astro's default prerenderer with counting around `getStaticPaths` and `render`. */
	wrap(astroDefault: AstroPrerenderer): AstroPrerenderer {
		return {
			...astroDefault,
			getStaticPaths: async () => {
				const paths = await astroDefault.getStaticPaths();
				this.pagesStart(paths.length);
				return paths;
			},
			render: async (request, options) => {
				const result = await astroDefault.render(request, options);
				this.pageRendered();
				return result;
			},
		};
	}

	private pagesStart(total: number): void {
		this.pagesTotal = total;
		this.activity = undefined;
		this.stage = { stage: 'pages', done: 0, total, startedAt: now() };
		// Astro prints a line per page (16,000 lines at 15,000 articles); the progress line
		// replaces them, and the summary says how many were rendered and copied. Only the
		// default level is lowered: `--verbose` (debug) keeps every line.
		if (this.logger.options.level === 'info') {
			this.heldLevel = this.logger.options.level;
			this.logger.options.level = 'warn';
		}
		this.show(true);
		this.startTicking();
	}

	private pageRendered(): void {
		this.pagesRendered++;
		if (this.stage?.stage !== 'pages') return;
		this.stage.done = Math.min(this.pagesRendered, this.stage.total);
		this.show(false);
	}

	pagesDone(): void {
		if (this.heldLevel !== undefined) {
			this.logger.options.level = this.heldLevel;
			this.heldLevel = undefined;
		}
		if (this.stage?.stage === 'pages') {
			this.stage.done = this.stage.total;
			this.show(true);
		}
		const copied = this.pagesTotal - this.pagesRendered;
		this.say(
			`页面完成 pages done: ${this.pagesRendered} rendered${copied > 0 ? `, ${copied} copied from the incremental cache` : ''}, of ${this.pagesTotal}`,
		);
		this.stage = undefined;
		this.activity = '构建收尾 finishing the build';
	}

	indexStarts(): void {
		this.activity = '搜索索引 search index';
		this.stage = undefined;
		this.indexStartedAt = now();
	}

	private shards(done: number, total: number): void {
		if (this.stage?.stage !== 'shards') {
			this.activity = undefined;
			this.stage = { stage: 'shards', done, total, startedAt: this.indexStartedAt ?? now() };
		}
		this.stage.done = done;
		this.stage.total = total;
		const ended = done >= total;
		this.show(ended);
		if (ended) {
			this.stage = undefined;
			this.activity = '构建后检查 post-build checks';
		}
	}

	private startTicking(): void {
		if (this.timer) return;
		// Elapsed time keeps moving while a single page or shard takes long.
		const every = this.mode === 'tty' ? 1_000 : Math.max(this.interval, 1_000);
		this.timer = setInterval(() => this.show(false), every);
		this.timer.unref();
	}

	private show(stageEnded: boolean): void {
		const at = now();
		if (!lineDue(this.mode, this.lastLineAt, at, this.interval, stageEnded)) return;
		this.lastLineAt = at;
		const line = formatProgressLine({
			buildStartedAt: 0,
			now: at,
			...(this.stage ? { current: this.stage } : {}),
			...(this.activity ? { activity: this.activity } : {}),
		});
		if (this.mode === 'tty') {
			const width = process.stderr.columns > 10 ? process.stderr.columns - 1 : 120;
			this.writeTty(`\r\x1b[K${line.slice(0, width)}`);
			this.ttyLineShown = true;
		} else {
			this.writeLogLine(line);
		}
	}

	/**
	 * A log line in Astro's own form (`12:00:00 [archive:build-progress] …`), written
	 * directly: while pages render the shared log level is lowered, which would silence
	 * this integration's logger too.
	 */
	private writeLogLine(message: string): void {
		const time = new Date().toTimeString().slice(0, 8);
		process.stdout.write(`${time} [${this.logger.label}] ${message}\n`);
	}

	/** A line that stays, in either mode. */
	private say(message: string): void {
		this.clearTtyLine();
		if (this.mode === 'tty') this.writeTty(`${message}\n`);
		else this.writeLogLine(message);
	}

	private clearTtyLine(): void {
		if (!this.ttyLineShown) return;
		this.ttyLineShown = false;
		this.writeTty('\r\x1b[K');
	}
}
