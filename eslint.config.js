// @ts-check
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

/** Code that runs in the reader's browser: the search page and its worker, page scripts. */
const BROWSER_FILES = ['src/**/browser/**/*.ts', '**/*.astro/*.js', '**/*.astro/*.ts'];

/** Code that runs only in Node, at build time or as a command: never in a page. */
const NODE_ONLY_FILES = [
	'astro.config.mjs',
	'src/cache/**',
	'src/content-checks/**',
	'src/integrations/**',
	'src/plugins/**',
	'scripts/**',
];

export default defineConfig(
	{ ignores: ['dist/', '.astro/', '.tmp/', 'node_modules/'] },
	js.configs.recommended,
	...tseslint.configs.recommendedTypeChecked,
	...astro.configs.recommended,
	{
		languageOptions: {
			// Typed rules read the project's tsconfig through TypeScript's project service.
			parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
			globals: globals.node,
		},
		rules: {
			// Non-null assertions mark lookups the surrounding code has just guaranteed (ids from the same map).
			'@typescript-eslint/no-non-null-assertion': 'off',
		},
	},
	{
		files: BROWSER_FILES,
		languageOptions: { globals: globals.browser },
		rules: {
			// The page has no Node: a Node module or global here would only fail in a reader's browser.
			'no-restricted-imports': [
				'error',
				{ patterns: [{ group: ['node:*'], message: 'Browser code cannot use Node modules.' }] },
			],
			'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', '__filename'],
		},
	},
	{
		files: NODE_ONLY_FILES,
		rules: {
			'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
		},
	},
	{
		// JavaScript and Astro files are not in the TypeScript program; the baseline site is a
		// project of its own. Typed rules need type information, so they are off there.
		files: ['**/*.{js,mjs}', '**/*.astro', '**/*.astro/*.{js,ts}', 'bench/baseline-site/**'],
		...tseslint.configs.disableTypeChecked,
	},
	prettier,
);
