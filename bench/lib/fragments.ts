/** Page ids (fragment hashes) of a Pagefind bundle mapped to page URLs, read from its fragment files. */

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const SIGNATURE = 'pagefind_dcd';

export async function fragmentUrls(bundleDirs: readonly string[]): Promise<Map<string, string>> {
	const urls = new Map<string, string>();
	for (const dir of bundleDirs) {
		const folder = join(dir, 'fragment');
		for (const name of await readdir(folder)) {
			if (!name.endsWith('.pf_fragment')) continue;
			let bytes: Buffer = await readFile(join(folder, name));
			if (bytes.subarray(0, SIGNATURE.length).toString() !== SIGNATURE) bytes = gunzipSync(bytes);
			const fragment = JSON.parse(bytes.subarray(SIGNATURE.length).toString('utf8')) as {
				url: string;
			};
			urls.set(name.replace(/\.pf_fragment$/, ''), fragment.url);
		}
	}
	return urls;
}
