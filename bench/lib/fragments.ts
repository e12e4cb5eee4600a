/** Page ids (fragment hashes) of a Pagefind bundle mapped to page URLs, read from its fragment files. */

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fragmentUrl } from '../../src/integrations/pagefind-fragments.ts';

export async function fragmentUrls(bundleDirs: readonly string[]): Promise<Map<string, string>> {
	const urls = new Map<string, string>();
	for (const dir of bundleDirs) {
		const folder = join(dir, 'fragment');
		for (const name of await readdir(folder)) {
			if (!name.endsWith('.pf_fragment')) continue;
			const url = fragmentUrl(await readFile(join(folder, name)));
			if (url !== null) urls.set(name.replace(/\.pf_fragment$/, ''), url);
		}
	}
	return urls;
}
