import type { AstroIntegration } from 'astro';
import type { AddressInfo } from 'node:net';
import { CITATION_FORMATS } from '../domain/data-routes.ts';
import { itemFilesBundleOf, parseItemFiles } from '../domain/item-files.ts';
import { KIND_PATHS } from '../data/kind-paths.ts';

/**
 * `astro dev` serves the files beside item pages (`.json`, `.ris`, `.bib`, `.csl.json`).
 * A build writes them by unpacking one bundle per kind and day after the pages
 * (src/integrations/item-files.ts); the dev server has no such step, so each request for
 * one of them asks the dev server for its bundle and answers with the file's text, the
 * bytes a build would write.
 */

const FOLDERS = Object.values(KIND_PATHS);

/**
 * The dev server's own origin, from the socket it listens on. Never the request's `Host`
 * header: a forged one would make the server fetch, and answer with, another host's bytes.
 */
function ownOrigin(address: AddressInfo | string | null | undefined): string | undefined {
	if (!address || typeof address === 'string') return undefined;
	const wildcard = address.address === '::' || address.address === '0.0.0.0';
	const host = wildcard
		? '127.0.0.1'
		: address.family === 'IPv6'
			? `[${address.address}]`
			: address.address;
	return `http://${host}:${address.port}`;
}

function contentTypeOf(path: string): string {
	if (path.endsWith(`.${CITATION_FORMATS.csl.extension}`)) return CITATION_FORMATS.csl.type;
	if (path.endsWith(`.${CITATION_FORMATS.ris.extension}`)) return CITATION_FORMATS.ris.type;
	if (path.endsWith(`.${CITATION_FORMATS.bib.extension}`)) return CITATION_FORMATS.bib.type;
	return 'application/json';
}

export function itemFilesInDev(): AstroIntegration {
	return {
		name: 'archive:item-files-dev',
		hooks: {
			'astro:server:setup': ({ server, logger }) => {
				server.middlewares.use((request, response, next) => {
					const path = decodeURI((request.url ?? '').replace(/[?#].*$/, '')).replace(/\/$/, '');
					const bundle = itemFilesBundleOf(path, FOLDERS);
					const origin = ownOrigin(server.httpServer?.address());
					if (!bundle || !origin) return next();
					// Astro's dev server answers the bundle route at its address with `/` added
					// (`trailingSlash: 'always'`).
					fetch(`${origin}${encodeURI(bundle)}/`)
						.then(async (answer) => {
							if (!answer.ok) return next();
							const bytes = new Uint8Array(await answer.arrayBuffer());
							const found = parseItemFiles(bytes, bundle).find(([filePath]) => filePath === path);
							if (!found) return next();
							response.setHeader('Content-Type', `${contentTypeOf(path)}; charset=utf-8`);
							response.end(found[1]);
						})
						.catch((error: unknown) => {
							logger.error(`${path}: ${String(error)}`);
							next(error);
						});
				});
			},
		},
	};
}
