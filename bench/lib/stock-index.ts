/**
 * Stock Pagefind on the same built pages, for comparison: `addDirectory` over the site
 * with the default configuration, as the site's integration did before it wrote its
 * own index words (and as Astro's blog starter plus a Pagefind run does).
 */

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';

export const STOCK_BUNDLE = 'pagefind-stock';

function check(step: string, response: { errors: string[] }): void {
	if (response.errors.length > 0)
		throw new Error(`Pagefind ${step}: ${response.errors.join('\n')}`);
}

/** Writes `<siteDir>/pagefind-stock/` unless it is there; returns the time taken (ms), or null. */
export async function writeStockIndex(siteDir: string): Promise<number | null> {
	if (existsSync(join(siteDir, STOCK_BUNDLE, 'pagefind-entry.json'))) return null;
	const started = Date.now();
	try {
		const { index, errors } = await pagefind.createIndex({});
		check('createIndex', { errors });
		const added = await index!.addDirectory({ path: siteDir });
		check('addDirectory', added);
		check('writeFiles', await index!.writeFiles({ outputPath: join(siteDir, STOCK_BUNDLE) }));
	} finally {
		await pagefind.close();
	}
	return Date.now() - started;
}
