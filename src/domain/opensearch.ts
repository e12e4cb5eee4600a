/**
 * The OpenSearch 1.1 description (https://github.com/dewitt/opensearch) that lets a
 * browser's address bar search the archive: its search page with `?q={searchTerms}`.
 */

export function escapeXml(text: string): string {
	return text
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;');
}

export interface OpenSearchInput {
	/** At most 16 characters, as the specification asks. */
	shortName: string;
	description: string;
	language: string;
	/** Absolute address of the search page, e.g. `https://example.org/search/`. */
	searchPage: string;
	/** Absolute address of this description. */
	self: string;
	/** Absolute address of the site icon. */
	icon: string;
}

export function openSearchDescription(input: OpenSearchInput): string {
	const shortName = [...input.shortName].slice(0, 16).join('');
	const template = `${input.searchPage}?q={searchTerms}`;
	return `<?xml version="1.0" encoding="UTF-8"?>
<OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/" xmlns:moz="http://www.mozilla.org/2006/browser/search/">
	<ShortName>${escapeXml(shortName)}</ShortName>
	<Description>${escapeXml(input.description)}</Description>
	<InputEncoding>UTF-8</InputEncoding>
	<Language>${escapeXml(input.language)}</Language>
	<Image type="image/svg+xml">${escapeXml(input.icon)}</Image>
	<Url type="text/html" method="get" template="${escapeXml(template)}"/>
	<Url type="application/opensearchdescription+xml" rel="self" template="${escapeXml(input.self)}"/>
	<moz:SearchForm>${escapeXml(input.searchPage)}</moz:SearchForm>
</OpenSearchDescription>
`;
}
