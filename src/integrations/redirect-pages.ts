import { PAGE_CSP } from '../config/csp.ts';
import { paper } from '../config/paper.ts';

/**
 * The page left at an old address (an entry's `redirectFrom`): it forwards with a meta
 * refresh, names the new address as canonical, and shows a link for readers and tools
 * that do not follow the refresh. The same markup as src/components/Redirect.astro, which
 * Astro renders for a story's later parts; this one is written after the build, since the
 * old address belongs to no route (docs/permanence.md). No script, no inline style: the
 * site's one CSP applies.
 */

function escapeHtml(value: string): string {
	return value
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;');
}

export interface RedirectPage {
	/** The new address, as a path (and anchor), e.g. `/articles/2021-11-11/02-new/`. */
	to: string;
	/** The new page's title, for the visible link. */
	title: string;
	/** The site's public address, for the absolute canonical link. */
	site: string;
}

export function redirectPageHtml({ to, title, site }: RedirectPage): string {
	const href = escapeHtml(to);
	const canonical = escapeHtml(new URL(to, site).href);
	const name = escapeHtml(title);
	return `<!DOCTYPE html><html lang="${escapeHtml(paper.language)}"><head><meta charset="utf-8"><meta http-equiv="content-security-policy" content="${escapeHtml(PAGE_CSP)}"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="/favicon.svg" type="image/svg+xml"><title>${name}</title><meta name="robots" content="noindex"><meta http-equiv="refresh" content="0; url=${href}"><link rel="canonical" href="${canonical}"></head><body><main><p>本页已迁至新网址：<a href="${href}">${name}</a></p></main></body></html>\n`;
}

/** One line of a `_redirects` file (Netlify, Cloudflare Pages): `/old/ /new/ 301`. */
export function redirectsLine(from: string, to: string): string {
	return `${encodeURI(from)} ${encodeURI(to)} 301`;
}
