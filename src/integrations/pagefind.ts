import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import * as pagefind from 'pagefind';

function assertNoErrors(step: string, response: { errors: string[] }): void {
	if (response.errors.length > 0) {
		throw new Error(`Pagefind ${step} failed:\n${response.errors.join('\n')}`);
	}
}

/**
 * Builds the search index over the rendered pages after every `astro build`, through
 * Pagefind's Node API (as Starlight does) so that any indexing error fails the build.
 * Only regions marked `data-pagefind-body` are indexed, so navigation chrome is not.
 */
export function pagefindIndex(): AstroIntegration {
	return {
		name: 'archive:pagefind',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				const outDir = fileURLToPath(dir);
				try {
					const { index, errors } = await pagefind.createIndex({});
					assertNoErrors('createIndex', { errors });
					if (!index) throw new Error('Pagefind createIndex returned no index');
					const added = await index.addDirectory({ path: outDir });
					assertNoErrors('addDirectory', added);
					if (added.page_count === 0) throw new Error('Pagefind indexed no pages');
					assertNoErrors(
						'writeFiles',
						await index.writeFiles({ outputPath: join(outDir, 'pagefind') }),
					);
					logger.info(`indexed ${added.page_count} pages`);
				} finally {
					await pagefind.close();
				}
			},
		},
	};
}
