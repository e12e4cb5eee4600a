import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHeadersFile } from '../../../src/integrations/csp-header.ts';
import { serveStatic, type StaticServer } from '../../../support/static-server.ts';

/**
 * Serves a built site from 127.0.0.1 like a static host that reads the site's `_headers`
 * file (Netlify, Cloudflare Pages): every response, the Pagefind worker and its
 * WebAssembly included, carries the headers listed for `/*`. With `headers: false` it is
 * a plain host, so a test can compare the two.
 */

export async function serveWithHeaders(
	root: string,
	{
		headers = true,
		change = (listed: Record<string, string>) => listed,
	}: {
		headers?: boolean;
		/** Alters the listed headers before they are sent, for tests of what a header must say. */
		change?: (listed: Record<string, string>) => Record<string, string>;
	} = {},
): Promise<StaticServer & { headers: Record<string, string> }> {
	const sent: Record<string, string> = headers
		? change(
				Object.fromEntries(
					parseHeadersFile(readFileSync(join(root, '_headers'), 'utf8')).get('/*') ?? [],
				),
			)
		: {};
	const server = await serveStatic(root, sent);
	return { ...server, headers: sent };
}
