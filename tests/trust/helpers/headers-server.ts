import { createReadStream, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { parseHeadersFile } from '../../../src/integrations/csp-header.ts';
import type { StaticServer } from '../../helpers/static-server.ts';

/**
 * Serves a built site from 127.0.0.1 like a static host that reads the site's `_headers`
 * file (Netlify, Cloudflare Pages): every response, the Pagefind worker and its
 * WebAssembly included, carries the headers listed for `/*`. With `headers: false` it is
 * a plain host, so a test can compare the two.
 */

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.xml': 'application/xml',
	'.wasm': 'application/wasm',
	'.pagefind': 'application/octet-stream',
	'.png': 'image/png',
	'.svg': 'image/svg+xml',
};

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
	const server = createServer(async (request, response) => {
		const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
		let file = normalize(join(root, path));
		if (!file.startsWith(root)) {
			response.writeHead(403).end();
			return;
		}
		if (path.endsWith('/')) file = join(file, 'index.html');
		const found = await stat(file).then(
			(info) => info.isFile(),
			() => false,
		);
		const served = found ? file : join(root, '404.html');
		response.writeHead(found ? 200 : 404, {
			...sent,
			'content-type': TYPES[extname(served)] ?? 'application/octet-stream',
		});
		createReadStream(served).pipe(response);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		headers: sent,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
