import { paper } from '../config/paper.ts';
import { OPENSEARCH_PATH } from '../domain/data-routes.ts';
import { openSearchDescription } from '../domain/opensearch.ts';
import { SEARCH_PATH } from '../domain/routes.ts';

/** The OpenSearch description every page links with `<link rel="search">` (BaseLayout). */
export function GET() {
	const absolute = (path: string) => new URL(path, paper.siteUrl).href;
	const body = openSearchDescription({
		shortName: paper.shortName,
		description: paper.description,
		language: paper.language,
		searchPage: absolute(SEARCH_PATH),
		self: absolute(OPENSEARCH_PATH),
		icon: absolute('/favicon.svg'),
	});
	return new Response(body, {
		headers: { 'Content-Type': 'application/opensearchdescription+xml; charset=utf-8' },
	});
}
