/**
 * Reads what the post-build checks need from one built page without building a tree:
 * its ids, the addresses it points to, whether it is indexed for search or forwards
 * elsewhere, and its CSP. A single pass of regular expressions over Astro's output (quoted
 * attributes, well-formed tags) keeps 100,000 pages to seconds, not minutes.
 */

export interface PageLink {
	/** The address as written (entities decoded). */
	url: string;
	/** Which element and attribute it came from, for messages: `a href`. */
	from: string;
}

export interface ScannedPage {
	ids: string[];
	links: PageLink[];
	/** The page marks a region for the search index (`data-pagefind-body`). */
	indexed: boolean;
	/** Where a `<meta http-equiv="refresh">` sends the reader, if anywhere. */
	refreshTo: string | undefined;
	/** Every `<meta http-equiv="content-security-policy">` policy on the page. */
	csp: string[];
}

// Quoted attribute values may hold `>` (an escaped title in `content="…"`), so they are
// matched whole.
const TAG = /<!--[\s\S]*?-->|<([a-zA-Z][\w-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
/** Elements whose content is text, not markup: skipped to their end tag. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title']);
const RAW_TEXT_END: Record<string, RegExp> = Object.fromEntries(
	[...RAW_TEXT].map((name) => [name, new RegExp(`</${name}`, 'gi')]),
);

/** Attributes holding an address, by element. */
const URL_ATTRIBUTES: Record<string, string[]> = {
	a: ['href'],
	area: ['href'],
	link: ['href'],
	img: ['src'],
	script: ['src'],
	source: ['src'],
	iframe: ['src'],
	form: ['action'],
};

const NAMED_ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00a0',
};

export function decodeEntities(value: string): string {
	if (!value.includes('&')) return value;
	return value.replace(/&(#x[\da-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
		if (body[0] === '#') {
			const code =
				body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1));
			return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
		}
		return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
	});
}

function attributesOf(source: string): Map<string, string> {
	const attributes = new Map<string, string>();
	for (const match of source.matchAll(ATTRIBUTE)) {
		const name = match[1]!.toLowerCase();
		if (!attributes.has(name)) {
			attributes.set(name, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
		}
	}
	return attributes;
}

export function scanPage(html: string): ScannedPage {
	const page: ScannedPage = { ids: [], links: [], indexed: false, refreshTo: undefined, csp: [] };
	TAG.lastIndex = 0;
	const skipRawText = (name: string) => {
		const end = RAW_TEXT_END[name]!;
		end.lastIndex = TAG.lastIndex;
		TAG.lastIndex = end.exec(html)?.index ?? html.length;
	};
	for (let match = TAG.exec(html); match; match = TAG.exec(html)) {
		const name = match[1]?.toLowerCase();
		if (!name) continue;
		const source = match[2] ?? '';
		// Most tags carry nothing the checks need; parsing their attributes is most of the cost.
		const wanted =
			name in URL_ATTRIBUTES ||
			name === 'meta' ||
			source.includes('id=') ||
			source.includes('data-pagefind-body');
		if (!wanted) {
			if (RAW_TEXT.has(name)) skipRawText(name);
			continue;
		}
		const attributes = attributesOf(source);
		const id = attributes.get('id');
		if (id !== undefined) page.ids.push(id);
		if (attributes.has('data-pagefind-body')) page.indexed = true;
		for (const attribute of URL_ATTRIBUTES[name] ?? []) {
			const url = attributes.get(attribute);
			if (url !== undefined) page.links.push({ url, from: `${name} ${attribute}` });
		}
		if (name === 'meta') {
			const equiv = attributes.get('http-equiv')?.toLowerCase();
			const content = attributes.get('content') ?? '';
			if (equiv === 'refresh') {
				const target = /url\s*=\s*['"]?([^'"]*)/i.exec(content)?.[1]?.trim();
				if (target) {
					page.refreshTo = target;
					page.links.push({ url: target, from: 'meta refresh' });
				}
			} else if (equiv === 'content-security-policy') {
				page.csp.push(content);
			}
		}
		if (RAW_TEXT.has(name)) skipRawText(name);
	}
	return page;
}
