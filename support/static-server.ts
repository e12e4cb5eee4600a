import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

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

export interface StaticServer {
	origin: string;
	close: () => Promise<void>;
}

/**
 * Serves a built site from 127.0.0.1 the way a static host does (`/x/` → `/x/index.html`,
 * 404.html for anything missing), sending `headers` with every response.
 */
export async function serveStatic(
	root: string,
	headers: Record<string, string> = {},
): Promise<StaticServer> {
	const server: Server = createServer((request, response) => {
		void answer(request, response);
	});
	async function answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
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
		const servedExists =
			found ||
			(await stat(served).then(
				() => true,
				() => false,
			));
		if (!servedExists) {
			// A site without a 404 page gets a plain one, as a static host would send.
			response.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('Not found');
			return;
		}
		response.writeHead(found ? 200 : 404, {
			...headers,
			'content-type': TYPES[extname(served)] ?? 'application/octet-stream',
		});
		createReadStream(served).pipe(response);
	}
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
