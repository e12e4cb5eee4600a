import { defineConfig } from 'vitest/config';

/**
 * A plain Vitest config (not Astro's getViteConfig: build tests run `astro build` in a
 * child process, and importing Astro's build into a getViteConfig project resolves to
 * an empty module).
 *
 * Two projects:
 * - `unit`: pure functions, fast, run in parallel; `npm run test:unit`.
 * - `site`: tests that read a real build (tests/build, tests/e2e). They share one build
 *   of `content/` made by the global setup, and some make their own builds, so their
 *   files run one at a time with long timeouts (the machine has 2 cores).
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
				},
			},
			{
				extends: true,
				test: {
					name: 'site',
					include: ['tests/*/**/*.test.ts'],
					exclude: ['tests/unit/**', '**/node_modules/**'],
					globalSetup: ['tests/setup/build-default-site.ts'],
					fileParallelism: false,
					testTimeout: 180_000,
					hookTimeout: 300_000,
				},
			},
		],
	},
});
