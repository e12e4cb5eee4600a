/**
 * HTML's void elements: they have no content and no end tag (HTML Standard, "Void
 * elements"). Shared by every reader of built HTML in the project.
 */
export const VOID_ELEMENTS: ReadonlySet<string> = new Set([
	'area',
	'base',
	'br',
	'col',
	'embed',
	'hr',
	'img',
	'input',
	'link',
	'meta',
	'source',
	'track',
	'wbr',
]);
