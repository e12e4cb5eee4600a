import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { delimiter, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolveOutDir, type BuildResult } from '../../../support/build-site.ts';
import { PROJECT_ROOT } from '../../../support/paths.ts';

/**
 * A real `astro build` of the project's config with some integrations taken out, for tests
 * of a second line of defence: the XSS site is built without the content guard (which
 * refuses the obvious payloads with a message for editors) to prove that the sanitiser
 * and the CSP stop whatever a content check might miss. Everything else is the project's
 * build, as `support/build-site.ts` runs it.
 */

const BIN_DIR = join(PROJECT_ROOT, 'node_modules', '.bin');

export interface VariantBuildOptions {
	contentDir: string;
	outDir: string;
	/** Names of integrations to leave out, e.g. `archive:content-guard`. */
	without: string[];
	env?: Record<string, string | undefined>;
}

function environment(options: VariantBuildOptions): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(process.env)) {
		if (['NODE_ENV', 'MODE', 'DEV', 'PROD', 'SSR', 'BASE_URL', 'TEST'].includes(name)) continue;
		if (name.startsWith('VITEST')) continue;
		env[name] = value;
	}
	env.PATH = [BIN_DIR, env.PATH ?? ''].join(delimiter);
	env.ASTRO_TELEMETRY_DISABLED = '1';
	env.ARCHIVE_CONTENT = resolve(options.contentDir);
	for (const [name, value] of Object.entries(options.env ?? {})) {
		if (value === undefined) delete env[name];
		else env[name] = value;
	}
	return env;
}

export async function buildWithout(options: VariantBuildOptions): Promise<BuildResult> {
	const outDir = resolveOutDir(options.outDir);
	const configDir = `${outDir}.build`;
	await rm(outDir, { recursive: true, force: true });
	await mkdir(configDir, { recursive: true });
	const config = join(configDir, 'astro.config.mjs');
	await writeFile(
		config,
		[
			'// Written by tests/trust/helpers/build-without.ts.',
			`import config from ${JSON.stringify(pathToFileURL(join(PROJECT_ROOT, 'astro.config.mjs')).href)};`,
			`const without = new Set(${JSON.stringify(options.without)});`,
			'export default {',
			'\t...config,',
			`\tcacheDir: ${JSON.stringify(join(configDir, 'cache'))},`,
			'\tintegrations: config.integrations.filter((integration) => !without.has(integration.name)),',
			'};',
			'',
		].join('\n'),
	);
	try {
		return await new Promise<BuildResult>((resolvePromise, reject) => {
			const child = spawn(
				join(BIN_DIR, 'astro'),
				['build', '--config', relative(PROJECT_ROOT, config), '--outDir', outDir],
				{ cwd: PROJECT_ROOT, env: environment(options), stdio: ['ignore', 'pipe', 'pipe'] },
			);
			const stdout: Buffer[] = [];
			const stderr: Buffer[] = [];
			child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
			child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
			child.on('error', reject);
			child.on('close', (code) =>
				resolvePromise({
					stdout: Buffer.concat(stdout).toString('utf8'),
					stderr: Buffer.concat(stderr).toString('utf8'),
					exitCode: code ?? -1,
					outDir,
				}),
			);
		});
	} finally {
		await rm(configDir, { recursive: true, force: true });
	}
}
