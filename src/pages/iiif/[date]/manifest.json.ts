import type { APIRoute, GetStaticPaths } from 'astro';
import { paper } from '../../../config/paper.ts';
import { loadArchive, type PageContents } from '../../../data/archive.ts';
import { pageView } from '../../../data/page-views.ts';
import { formatChineseDate, pageLabel } from '../../../domain/dates.ts';
import { issueManifest } from '../../../domain/iiif.ts';
import { issuePath } from '../../../domain/routes.ts';

/** `/iiif/<date>/manifest.json`: the IIIF manifest of every issue with a page image. */
export const getStaticPaths = (async () => {
	const archive = await loadArchive();
	const issues = [...archive.pagesByDate.entries()].map(([date, pages]) => ({
		date,
		pages: pages.filter((page) => !page.missing && page.image),
	}));
	return issues
		.filter((issue) => issue.pages.length > 0)
		.map(({ date, pages }) => ({ params: { date }, props: { pages } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ pages: PageContents[] }> = async ({ params, props }) => {
	const date = params.date!;
	const pages = await Promise.all(
		props.pages.map(async (page) => {
			const view = await pageView(page);
			return {
				number: page.number,
				label: `${pageLabel(page.number)}${page.name ? ` · ${page.name}` : ''}`,
				image: view.image!,
				items: view.items.map(({ title, href, regions }) => ({ title, href, regions })),
			};
		}),
	);
	const manifest = issueManifest({
		site: paper.siteUrl,
		date,
		label: formatChineseDate(date),
		paper: paper.name,
		language: paper.language,
		homepage: issuePath(date),
		pages,
	});
	return new Response(JSON.stringify(manifest, null, '\t'), {
		headers: { 'Content-Type': 'application/ld+json' },
	});
};
