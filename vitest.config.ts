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
 *   one build of `content/` made by the global setup, and some make their own builds, so
 *   their files run one at a time with long timeouts (the machine has 2 cores).
 */
export default defineConfig({
	test: {
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
					fileParallelism: false,
					testTimeout: 180_000,
					hookTimeout: 300_000,
				},
			},
		],
	},
});
