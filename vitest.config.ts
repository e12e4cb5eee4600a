import { defineConfig } from 'vitest/config';

/**
 * A plain Vitest config (not Astro's getViteConfig: build tests run `astro build` in a
 * child process, and importing Astro's build into a getViteConfig project resolves to
 * an empty module).
 *
 * Two projects, by what a test needs:
 * - `unit` (`tests/unit/`): no site build. Pure functions, and command-line tools run on
 *   small inputs; files run in parallel. `npm run test:unit` runs them alone.
 * - `site` (every other folder of `tests/`): tests that build a site or an index. They share
 *   one build of `content/` made by the global setup, and some make their own builds (each
 *   in its own folder with its own cache, `support/build-site.ts`), so they have long timeouts.
 *
 * Two files run at a time, from either project. Vitest's default on a 2-core machine is one
 * (cores − 1), but most of a site test's time is spent waiting on its child processes (a
 * build, Chromium, Lighthouse): two at a time took the suite from 455 to 292 s here, and
 * passed in 401 s with a busy loop holding one of the two cores. Three at a time let a browser
 * test time out (and found a race in the build, since fixed: `item-files.ts`).
 */
export default defineConfig({
	test: {
		maxWorkers: 2,
		// Each project lists its own files (with `extends: true` a root `include` would be
		// added to every project's).
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.ts'],
					globalSetup: ['tests/setup/scratch-root.ts'],
					// Some run the command-line tools as child processes: seconds on a busy 2-core machine.
					testTimeout: 60_000,
				},
			},
			{
				extends: true,
				test: {
					name: 'site',
					include: ['tests/*/**/*.test.ts'],
					exclude: ['tests/unit/**', '**/node_modules/**'],
					globalSetup: ['tests/setup/scratch-root.ts', 'tests/setup/build-default-site.ts'],
					testTimeout: 180_000,
					hookTimeout: 300_000,
				},
			},
		],
	},
});
