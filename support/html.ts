import { VOID_ELEMENTS } from '../src/domain/html-elements.ts';

/**
 * A small, dependency-free HTML reader for tests: enough of the HTML parsing rules to
 * read what Astro emits (void elements, raw-text elements, implied `</p>` and `</li>`),
 * and a few queries over the resulting tree. It is not a browser; it exists so that
 * tests can ask "which element holds this text" instead of matching raw markup.
 */

export interface HtmlText {
	type: 'text';
	text: string;
}

export interface HtmlElement {
	type: 'element';
	/** Lowercase tag name; `#document` for the root. */
	tag: string;
	attrs: Record<string, string>;
	children: HtmlNode[];
	parent: HtmlElement | undefined;
}

export type HtmlNode = HtmlElement | HtmlText;

/** Elements whose content is not markup. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'title']);

/** Start tags that close an open `<p>` (HTML's "close a p element" rule). */
const CLOSES_P = new Set([
	'address',
	'article',
	'aside',
	'blockquote',
	'details',
	'dialog',
	'div',
	'dl',
	'fieldset',
	'figcaption',
	'figure',
	'footer',
	'form',
	'h1',
	'h2',
	'h3',
	'h4',
	'h5',
	'h6',
	'header',
	'hgroup',
	'hr',
	'main',
	'menu',
	'nav',
	'ol',
	'p',
	'pre',
	'section',
	'table',
	'ul',
]);

/** Elements that lay out as blocks: their text is separated by line breaks in `visibleText`. */
const BLOCK_ELEMENTS = new Set([
	...CLOSES_P,
	'body',
	'br',
	'caption',
	'dd',
	'dt',
	'li',
	'summary',
	'td',
	'th',
	'tr',
]);

/** Elements whose content a reader never sees on the page. */
const INVISIBLE_ELEMENTS = new Set(['head', 'script', 'style', 'template', 'noscript']);

const NAMED_ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	apos: "'",
	nbsp: '\u00a0',
	ensp: '\u2002',
	emsp: '\u2003',
	thinsp: '\u2009',
	hellip: '…',
	mdash: '—',
	ndash: '–',
	middot: '·',
	ldquo: '“',
	rdquo: '”',
	lsquo: '‘',
	rsquo: '’',
	laquo: '«',
	raquo: '»',
	copy: '©',
	reg: '®',
	times: '×',
	yen: '¥',
	rarr: '→',
	larr: '←',
	rsaquo: '›',
	lsaquo: '‹',
};

/** Decodes character references: numeric ones and the named ones Astro and Markdown emit. */
export function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z][a-z0-9]*);/gi, (whole, name: string) => {
		if (name[0] === '#') {
			const code =
				name[1] === 'x' || name[1] === 'X'
					? parseInt(name.slice(2), 16)
					: parseInt(name.slice(1), 10);
			return Number.isFinite(code) && code >= 0 && code <= 0x10ffff
				? String.fromCodePoint(code)
				: whole;
		}
		return NAMED_ENTITIES[name] ?? NAMED_ENTITIES[name.toLowerCase()] ?? whole;
	});
}

function element(
	tag: string,
	attrs: Record<string, string>,
	parent: HtmlElement | undefined,
): HtmlElement {
	return { type: 'element', tag, attrs, children: [], parent };
}

const ATTRIBUTE = /\s*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/y;

/** Parses a whole document (or fragment) into a tree rooted at a `#document` element. */
export function parseHtml(html: string): HtmlElement {
	const root = element('#document', {}, undefined);
	const stack: HtmlElement[] = [root];
	const current = () => stack[stack.length - 1]!;
	const addText = (text: string) => {
		if (text) current().children.push({ type: 'text', text });
	};
	const closeElement = (tag: string) => {
		for (let index = stack.length - 1; index > 0; index--) {
			if (stack[index]!.tag === tag) {
				stack.length = index;
				return;
			}
		}
	};
	const hasOpen = (tag: string, stopAt: readonly string[] = []) => {
		for (let index = stack.length - 1; index > 0; index--) {
			const open = stack[index]!.tag;
			if (open === tag) return true;
			if (stopAt.includes(open)) return false;
		}
		return false;
	};

	let position = 0;
	while (position < html.length) {
		const lt = html.indexOf('<', position);
		if (lt < 0) {
			addText(decodeEntities(html.slice(position)));
			break;
		}
		if (lt > position) addText(decodeEntities(html.slice(position, lt)));

		if (html.startsWith('<!--', lt)) {
			const end = html.indexOf('-->', lt + 4);
			position = end < 0 ? html.length : end + 3;
			continue;
		}
		if (html[lt + 1] === '!' || html[lt + 1] === '?') {
			const end = html.indexOf('>', lt);
			position = end < 0 ? html.length : end + 1;
			continue;
		}
		if (html[lt + 1] === '/') {
			const match = /^<\/([a-zA-Z][a-zA-Z0-9-]*)[^>]*>/.exec(html.slice(lt, lt + 200));
			if (!match) {
				addText('<');
				position = lt + 1;
				continue;
			}
			closeElement(match[1]!.toLowerCase());
			position = lt + match[0].length;
			continue;
		}
		const name = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(lt, lt + 100));
		if (!name) {
			addText('<');
			position = lt + 1;
			continue;
		}
		const tag = name[1]!.toLowerCase();
		const attrs: Record<string, string> = {};
		let cursor = lt + name[0].length;
		ATTRIBUTE.lastIndex = cursor;
		let attribute: RegExpExecArray | null;
		while ((attribute = ATTRIBUTE.exec(html)) !== null) {
			const attrName = attribute[1]!.toLowerCase();
			if (!(attrName in attrs))
				attrs[attrName] = decodeEntities(attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
			cursor = ATTRIBUTE.lastIndex;
		}
		const close = /\s*(\/?)>/y;
		close.lastIndex = cursor;
		const ending = close.exec(html);
		let tagEnd: number;
		if (ending) {
			tagEnd = close.lastIndex;
		} else {
			const gt = html.indexOf('>', cursor);
			tagEnd = gt < 0 ? html.length : gt + 1;
		}
		const selfClosing = ending?.[1] === '/';

		// Implied end tags for the cases Astro's output relies on.
		if (CLOSES_P.has(tag) && hasOpen('p', ['button'])) closeElement('p');
		if (tag === 'li' && hasOpen('li', ['ul', 'ol'])) closeElement('li');
		if ((tag === 'dt' || tag === 'dd') && hasOpen(tag, ['dl'])) closeElement(tag);

		const node = element(tag, attrs, current());
		current().children.push(node);
		position = tagEnd;
		if (VOID_ELEMENTS.has(tag)) continue;
		if (RAW_TEXT_ELEMENTS.has(tag)) {
			const endTag = new RegExp(`</${tag}`, 'gi');
			endTag.lastIndex = position;
			const end = endTag.exec(html)?.index ?? -1;
			const raw = html.slice(position, end < 0 ? html.length : end);
			node.children.push({
				type: 'text',
				text: tag === 'title' || tag === 'textarea' ? decodeEntities(raw) : raw,
			});
			const gt = end < 0 ? -1 : html.indexOf('>', end);
			position = gt < 0 ? html.length : gt + 1;
			continue;
		}
		// `/>` closes an element only in SVG and MathML; on an HTML element it is ignored.
		if (selfClosing && (tag === 'svg' || tag === 'math' || hasOpen('svg') || hasOpen('math')))
			continue;
		stack.push(node);
	}
	return root;
}

/** Every element below `root` (not `root` itself), in document order. */
export function descendants(root: HtmlElement): HtmlElement[] {
	const found: HtmlElement[] = [];
	const walk = (node: HtmlElement) => {
		for (const child of node.children) {
			if (child.type === 'element') {
				found.push(child);
				walk(child);
			}
		}
	};
	walk(root);
	return found;
}

/** Elements below `root` with one of the given tag names. */
export function byTag(root: HtmlElement, ...tags: string[]): HtmlElement[] {
	const wanted = new Set(tags.map((tag) => tag.toLowerCase()));
	return descendants(root).filter((node) => wanted.has(node.tag));
}

/** Elements below `root` that carry an attribute (with a given value, when one is passed). */
export function byAttribute(root: HtmlElement, name: string, value?: string): HtmlElement[] {
	return descendants(root).filter(
		(node) => name in node.attrs && (value === undefined || node.attrs[name] === value),
	);
}

/** Whether `node` lies inside `ancestor`. */
export function isInside(node: HtmlElement, ancestor: HtmlElement): boolean {
	for (let parent = node.parent; parent; parent = parent.parent)
		if (parent === ancestor) return true;
	return false;
}

/** All text below a node, as `textContent` would give it (script and style included). */
export function textContent(node: HtmlNode): string {
	if (node.type === 'text') return node.text;
	return node.children.map(textContent).join('');
}

/**
 * The text a reader sees: no head, scripts, styles or templates; block elements on
 * their own lines. Elements hidden with the `hidden` attribute are left out too.
 */
export function visibleText(node: HtmlNode): string {
	if (node.type === 'text') return node.text;
	if (INVISIBLE_ELEMENTS.has(node.tag) || 'hidden' in node.attrs) return '';
	const inner = node.children.map(visibleText).join('');
	return BLOCK_ELEMENTS.has(node.tag) ? `\n${inner}\n` : inner;
}

/** Text with every kind of whitespace removed, for comparing Chinese text across line breaks and markup. */
export function compact(text: string): string {
	return text.replace(/[\s\u00a0\u3000\u200b]+/g, '');
}
