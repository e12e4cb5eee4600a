/**
 * `npm run lighthouse [-- <built site folder>]`: Lighthouse on the home page, an article, a
 * profile, a notice and the search page of a built site (default `dist/`, from
 * `npm run build`), served from 127.0.0.1 with the headers in its `_headers`. Prints the
 * scores and exits 1 when accessibility, best practices or SEO is below 100.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { serveWithHeaders } from '../helpers/headers-server.ts';
import { auditPages, formatScores } from './audit.ts';

const site = resolve(process.argv[2] ?? 'dist');
if (!existsSync(resolve(site, 'index.html'))) {
	console.error(
		`没有找到已构建的网站：${site}（先运行 npm run build）/ no built site at ${site}: run npm run build first`,
	);
	process.exit(2);
}
const server = await serveWithHeaders(site);
try {
	const results = await auditPages(server.origin);
	console.log(formatScores(results));
	const below = results.filter((result) =>
		(['accessibility', 'best-practices', 'seo'] as const).some((id) => result.scores[id] < 100),
	);
	process.exitCode = below.length > 0 ? 1 : 0;
} finally {
	await server.close();
}
