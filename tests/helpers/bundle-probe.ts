import { appendFileSync } from 'node:fs';
import type { Plugin } from 'vite';

/**
 * A Vite plugin for build tests (`vitePlugin` of support/build-site.ts): appends one JSON
 * line per chunk the build bundles, with its environment (Astro's `prerender`, `client`, …),
 * file name and code, to the file named by `BUNDLE_PROBE_FILE`.
 */

export interface ProbedChunk {
	environment: string;
	fileName: string;
	code: string;
}

const probe: Plugin = {
	name: 'test:bundle-probe',
	generateBundle(_options, bundle) {
		const file = process.env.BUNDLE_PROBE_FILE;
		if (!file) throw new Error('BUNDLE_PROBE_FILE is not set');
		for (const output of Object.values(bundle)) {
			if (output.type !== 'chunk') continue;
			const chunk: ProbedChunk = {
				environment: this.environment.name,
				fileName: output.fileName,
				code: output.code,
			};
			appendFileSync(file, `${JSON.stringify(chunk)}\n`);
		}
	},
};

export default probe;
