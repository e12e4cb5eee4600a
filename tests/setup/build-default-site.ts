import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite, pruneStaleScratch, scratchDir } from '../../support/build-site.ts';

/**
 * Builds the project's own `content/` once per test run, under `.tmp/site-default/`,
 * and hands the folder to every test file (`inject('defaultSiteDir')`), so that many
 * files share one build. Tests that need another build (other content, another time
 * zone) make their own. Each run builds into its own subfolder, because several
 * engineers run the suite at once in this checkout; the folder is removed afterwards.
 */

declare module 'vitest' {
	export interface ProvidedContext {
		/** Absolute path of the default site built by this global setup. */
		defaultSiteDir: string;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	await pruneStaleScratch();
	const runDir = await scratchDir('site-default');
	const outDir = join(runDir, 'site');
	const started = Date.now();
	await buildSite({ outDir });
	console.info(`[global setup] built content/ into ${outDir} in ${Date.now() - started} ms`);
	project.provide('defaultSiteDir', outDir);
	return async () => {
		await rm(runDir, { recursive: true, force: true });
	};
}
