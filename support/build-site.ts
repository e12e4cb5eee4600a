import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { BIN_DIR, childEnvironment, PROJECT_ROOT, TMP_ROOT } from './paths.ts';

/**
 * Runs the real `astro build` in a child process, the way `npm run build` does, so
 * build tests exercise exactly what an editor's build runs: the content guard, every
 * route, and the Pagefind integration. No Astro API is imported into the test process.
 * The only difference from `npm run build` is a private cache folder (see
 * `writeIsolatedConfig`), so concurrent builds in one checkout do not share state.
 */

const PROJECT_CONFIG = join(PROJECT_ROOT, 'astro.config.mjs');
const ASTRO_BIN = join(BIN_DIR, 'astro');

/** A build is stopped (and reported as failed) after this long. */
const BUILD_TIMEOUT_MS = 5 * 60_000;

export interface BuildOptions {
	/** Content folder to build (`ARCHIVE_CONTENT`); the project's `content/` when left out. */
	contentDir?: string;
	/** Where the site is written: absolute, or relative to `.tmp/`. Must lie inside `.tmp/`. */
	outDir: string;
	/** Extra environment for the build, e.g. `TZ` or `SOURCE_DATE_EPOCH`; `undefined` removes a variable. */
	env?: Record<string, string | undefined>;
	/**
	 * A cache folder kept between builds (Astro's `cacheDir`), to build incrementally as an
	 * editor's checkout does; by default each build has a fresh one, removed afterwards.
	 */
	cacheDir?: string;
	/** Kill the build (and every process it started) after this many milliseconds. */
	killAfterMs?: number;
	/**
	 * Build over what the last build left in `outDir`, as `npm run build` does, instead of
	 * removing the folder first (for the tests of incremental rebuilds).
	 */
	keepOutDir?: boolean;
	/** A `public/` folder other than the project's (Astro's `publicDir`), e.g. with a planted file. */
	publicDir?: string;
	/**
	 * A module whose default export is a Vite plugin, added after the project's own: a test's
	 * probe of what the build bundles.
	 */
	vitePlugin?: string;
}

export interface BuildResult {
	stdout: string;
	stderr: string;
	/** The process exit code; a build killed by a signal or the timeout reports -1. */
	exitCode: number;
	/** Absolute path of the output folder. */
	outDir: string;
}

/** Resolves an output folder and refuses anything outside `.tmp/`, since it is emptied first. */
export function resolveOutDir(outDir: string): string {
	const absolute = isAbsolute(outDir) ? resolve(outDir) : resolve(TMP_ROOT, outDir);
	const below = relative(TMP_ROOT, absolute);
	if (below === '' || below.startsWith('..') || isAbsolute(below)) {
		throw new Error(`build output must be a folder inside ${TMP_ROOT}, got ${outDir}`);
	}
	return absolute;
}

/** The environment of a build: the test process's, minus what Vitest sets that would change Astro's mode. */
function buildEnvironment(options: BuildOptions): NodeJS.ProcessEnv {
	const env = childEnvironment();
	if (options.contentDir !== undefined) env.ARCHIVE_CONTENT = resolve(options.contentDir);
	for (const [name, value] of Object.entries(options.env ?? {})) {
		if (value === undefined) delete env[name];
		else env[name] = value;
	}
	return env;
}

/** Marks a `.tmp/<name>/` folder as holding scratch runs made by `scratchDir`. */
const SCRATCH_MARKER = '.test-scratch';
const RUN_FOLDER = /^run-(\d+)-\d+-[0-9a-f]{6}$/;

/**
 * A fresh folder for one test run's builds: `.tmp/<name>/run-<pid>-<time>-<random>/`.
 * Engineers run the suite concurrently in one checkout; fixed output folders would be
 * emptied and re-indexed under each other's feet (seen: a Pagefind index whose entry
 * file counted 2 pages next to 14 fragments from another run).
 */
export async function scratchDir(name: string): Promise<string> {
	const parent = join(TMP_ROOT, name);
	const dir = join(parent, `run-${process.pid}-${Date.now()}-${randomBytes(3).toString('hex')}`);
	await mkdir(dir, { recursive: true });
	await writeFile(join(parent, SCRATCH_MARKER), 'Scratch runs of support/build-site.ts\n');
	return dir;
}

function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * Removes run folders that `scratchDir` made for test processes that no longer run
 * (a run killed before its cleanup). Folders other tools keep in `.tmp/` are not touched.
 */
export async function pruneStaleScratch(): Promise<void> {
	const names = await readdir(TMP_ROOT).catch(() => [] as string[]);
	for (const name of names) {
		const parent = join(TMP_ROOT, name);
		if (!existsSync(join(parent, SCRATCH_MARKER))) continue;
		for (const entry of await readdir(parent)) {
			const pid = Number(RUN_FOLDER.exec(entry)?.[1]);
			if (Number.isInteger(pid) && pid > 0 && !isAlive(pid)) {
				await rm(join(parent, entry), { recursive: true, force: true });
			}
		}
	}
}

/**
 * The project's Astro config with its own cache folder, so that this build's content
 * store (`cacheDir/data-store.json`) is not shared with builds other people run at the
 * same time, possibly of other content. Everything else is the project's config.
 */
async function writeIsolatedConfig(
	dir: string,
	cacheDir = join(dir, 'cache'),
	publicDir?: string,
	vitePlugin?: string,
): Promise<string> {
	await mkdir(dir, { recursive: true });
	const file = join(dir, 'astro.config.mjs');
	const publicSetting = publicDir === undefined ? '' : `, publicDir: ${JSON.stringify(publicDir)}`;
	const viteSetting =
		vitePlugin === undefined
			? ''
			: ', vite: { ...config.vite, plugins: [...(config.vite?.plugins ?? []), probe] }';
	const source = [
		'// Written by support/build-site.ts: the project config with a private cache.',
		`import config from ${JSON.stringify(pathToFileURL(PROJECT_CONFIG).href)};`,
		...(vitePlugin === undefined
			? []
			: [`import probe from ${JSON.stringify(pathToFileURL(resolve(vitePlugin)).href)};`]),
		`export default { ...config, cacheDir: ${JSON.stringify(cacheDir)}${publicSetting}${viteSetting} };`,
		'',
	].join('\n');
	await writeFile(file, source);
	return file;
}

/** Runs `astro build --outDir <outDir>` and reports how it ended, whatever the outcome. */
export async function runBuild(options: BuildOptions): Promise<BuildResult> {
	const outDir = resolveOutDir(options.outDir);
	const buildDir = `${outDir}.build`;
	if (!options.keepOutDir) await rm(outDir, { recursive: true, force: true });
	await rm(buildDir, { recursive: true, force: true });
	const config = await writeIsolatedConfig(
		buildDir,
		options.cacheDir === undefined ? undefined : resolve(options.cacheDir),
		options.publicDir === undefined ? undefined : resolve(options.publicDir),
		options.vitePlugin,
	);
	try {
		// Astro resolves `--config` against the project root.
		return await spawnBuild(
			['build', '--config', relative(PROJECT_ROOT, config), '--outDir', outDir],
			options,
			outDir,
		);
	} finally {
		await rm(buildDir, { recursive: true, force: true });
	}
}

function spawnBuild(args: string[], options: BuildOptions, outDir: string): Promise<BuildResult> {
	return new Promise((resolvePromise, reject) => {
		const child = spawn(ASTRO_BIN, args, {
			cwd: PROJECT_ROOT,
			env: buildEnvironment(options),
			stdio: ['ignore', 'pipe', 'pipe'],
			// Its own process group, so a timeout can stop the build and the Pagefind binary it runs.
			detached: true,
		});
		const stdout: Buffer[] = [];
		const stderr: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
		child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
		let timedOut = false;
		const limit = options.killAfterMs ?? BUILD_TIMEOUT_MS;
		const timer = setTimeout(() => {
			timedOut = true;
			try {
				if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
		}, limit);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code) => {
			clearTimeout(timer);
			const result: BuildResult = {
				stdout: Buffer.concat(stdout).toString('utf8'),
				stderr:
					Buffer.concat(stderr).toString('utf8') +
					(timedOut ? `\n[build-site] killed after ${limit} ms\n` : ''),
				exitCode: code ?? -1,
				outDir,
			};
			resolvePromise(result);
		});
	});
}

function describe(result: BuildResult): string {
	return `exit code ${result.exitCode}\n--- stdout ---\n${result.stdout}\n--- stderr ---\n${result.stderr}`;
}

/** Builds a site and throws, with everything the build printed, when the build fails. */
export async function buildSite(options: BuildOptions): Promise<BuildResult> {
	const result = await runBuild(options);
	if (result.exitCode !== 0) {
		throw new Error(`astro build into ${result.outDir} failed: ${describe(result)}`);
	}
	return result;
}

/** Builds a site that must be refused; throws when the build succeeds. Returns the output to inspect. */
export async function buildSiteExpectingFailure(
	options: BuildOptions,
): Promise<BuildResult & { output: string }> {
	const result = await runBuild(options);
	if (result.exitCode === 0) {
		throw new Error(
			`astro build into ${result.outDir} succeeded but was expected to fail: ${describe(result)}`,
		);
	}
	return { ...result, output: `${result.stdout}\n${result.stderr}` };
}

export interface DevServer {
	/** `http://127.0.0.1:<port>`, without a trailing slash. */
	origin: string;
	/** Everything the server printed so far. */
	output(): string;
	stop(): Promise<void>;
}

const DEV_START_TIMEOUT_MS = 2 * 60_000;
const DEV_ADDRESS = /http:\/\/127\.0\.0\.1:(\d+)\//;

/**
 * Runs the real `astro dev` on a free local port (Astro picks the next free one after
 * 4321), with a private cache folder under `dir`; resolves once it says where it listens.
 */
export async function startDevServer(options: {
	dir: string;
	contentDir?: string;
}): Promise<DevServer> {
	const config = await writeIsolatedConfig(join(options.dir, 'dev-config'));
	const child = spawn(
		ASTRO_BIN,
		['dev', '--config', relative(PROJECT_ROOT, config), '--host', '127.0.0.1'],
		{
			cwd: PROJECT_ROOT,
			env: buildEnvironment({
				...(options.contentDir === undefined ? {} : { contentDir: options.contentDir }),
				outDir: options.dir,
			}),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		},
	);
	let printed = '';
	const closed = new Promise<void>((resolveClosed) => child.on('close', () => resolveClosed()));
	const stop = async () => {
		try {
			if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
		} catch {
			// Already gone.
		}
		await closed;
	};
	const origin = await new Promise<string>((resolveOrigin, reject) => {
		const timer = setTimeout(() => {
			void stop();
			reject(new Error(`astro dev did not start in ${DEV_START_TIMEOUT_MS} ms:\n${printed}`));
		}, DEV_START_TIMEOUT_MS);
		const read = (chunk: Buffer) => {
			printed += chunk.toString('utf8');
			const port = DEV_ADDRESS.exec(stripVTControlCharacters(printed))?.[1];
			if (port) {
				clearTimeout(timer);
				resolveOrigin(`http://127.0.0.1:${port}`);
			}
		};
		child.stdout.on('data', read);
		child.stderr.on('data', read);
		child.on('close', (code) => {
			clearTimeout(timer);
			reject(new Error(`astro dev exited (${code}):\n${printed}`));
		});
	});
	return { origin, output: () => printed, stop };
}
