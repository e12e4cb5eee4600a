/**
 * Where a page of the built site lives: the address a reader types and the file Astro
 * writes for it (`trailingSlash: 'always'`, one `index.html` per page). One definition for
 * the search index, the post-build checks and the tests, so they never disagree.
 */

/** `issues/2021-11-11/index.html` → `/issues/2021-11-11/`; `404.html` → `/404.html`. */
export function urlOfBuiltFile(file: string): string {
	if (file === 'index.html') return '/';
	return file.endsWith('/index.html') ? `/${file.slice(0, -'index.html'.length)}` : `/${file}`;
}

/** `/issues/2021-11-11/` → `issues/2021-11-11/index.html`; a path naming a file is kept. */
export function builtFileOfUrl(path: string): string {
	const below = path.replace(/^\/+/, '');
	return below === '' || below.endsWith('/') ? `${below}index.html` : below;
}
