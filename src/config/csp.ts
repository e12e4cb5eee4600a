/**
 * The Content-Security-Policy every page carries as a `<meta>` (BaseLayout and Redirect),
 * and which `public/_headers` sends as an HTTP header with what only a header can say
 * (src/integrations/csp-header.ts).
 *
 * The site has no inline script or style (`build.inlineStylesheets: 'never'`, scripts are
 * bundled files), so `'self'` is all scripts and styles need. Astro's `security.csp` also
 * wrote the hashes of its island runtime and client directives on every page: nine hashes
 * for code no page contains, about 530 bytes of every page after gzip, a tenth of a typical
 * article page. An inline script or style would be refused, and the browser's console error
 * fails the Lighthouse test.
 */
export const PAGE_CSP_DIRECTIVES = [
	"default-src 'self'",
	"base-uri 'self'",
	"object-src 'none'",
	"form-action 'self'",
	"frame-src 'none'",
	"img-src 'self'",
	"connect-src 'self'",
	"worker-src 'self'",
	"script-src 'self'",
	"style-src 'self'",
] as const;

/** The policy as one `<meta content>` value, written the way Astro wrote it (`;` between directives). */
export const PAGE_CSP = PAGE_CSP_DIRECTIVES.join(';');
