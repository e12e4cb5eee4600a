import type { Options as SanitizeSchema } from 'rehype-sanitize';

/**
 * What an article body may contain once its Markdown and raw HTML are rendered: what a
 * newspaper story needs (headings, lists, tables, figures with captions, footnotes, ruby
 * annotations for rare characters, links) and nothing that can run script or load a
 * resource from another site. Everything not listed is removed: `<script>`, `on…`
 * attributes, `style`, SVG, MathML, forms, frames, embeds. Elements that are dropped keep
 * their text unless they are listed in `strip`, whose content goes too.
 *
 * Ids are left unprefixed here on purpose: `rehypeScopedIds` gives every id in an entry
 * the entry's own prefix afterwards, so that two stories on one printed page never share
 * an id and links to footnotes keep working.
 */

/** Link schemes a reader may follow. `javascript:`, `data:`, `vbscript:` and the rest are dropped. */
const LINK_PROTOCOLS = ['http', 'https', 'mailto'];

/**
 * An image or other resource address on this site only: a path, never a scheme
 * (`https:`, `data:`) or a protocol-relative `//host`; backslashes are refused because
 * browsers read `/\host` as `//host`.
 */
export const SAME_SITE_PATH = /^(?![a-z][a-z\d+.-]*:)(?![/\\]{2})[^\\\s]*$/i;

const DROP_WITH_CONTENT = [
	'script',
	'style',
	'template',
	'svg',
	'math',
	'iframe',
	'frame',
	'frameset',
	'object',
	'embed',
	'applet',
	'noscript',
	'noembed',
	'noframes',
	'textarea',
	'select',
	'title',
	'xmp',
	'plaintext',
];

export const articleSchema: SanitizeSchema = {
	tagNames: [
		'a',
		'abbr',
		'b',
		'blockquote',
		'br',
		'caption',
		'cite',
		'code',
		'dd',
		'del',
		'dfn',
		'div',
		'dl',
		'dt',
		'em',
		'figcaption',
		'figure',
		'h1',
		'h2',
		'h3',
		'h4',
		'h5',
		'h6',
		'hr',
		'i',
		'img',
		'ins',
		'kbd',
		'li',
		'mark',
		'ol',
		'p',
		'pre',
		'q',
		'rp',
		'rt',
		'ruby',
		's',
		'samp',
		'section',
		'small',
		'span',
		'strong',
		'sub',
		'sup',
		'table',
		'tbody',
		'td',
		'tfoot',
		'th',
		'thead',
		'time',
		'tr',
		'u',
		'ul',
		'var',
		'wbr',
	],
	attributes: {
		a: [
			'href',
			'title',
			// GFM footnotes: the reference, the way back, and what the reference describes.
			'dataFootnoteRef',
			'dataFootnoteBackref',
			'ariaDescribedBy',
			'ariaLabel',
			['className', 'data-footnote-backref'],
		],
		abbr: ['title'],
		blockquote: ['cite'],
		code: [['className', /^language-[\w-]+$/]],
		del: ['cite', 'dateTime'],
		dfn: ['title'],
		h2: [['className', 'sr-only']],
		img: [['src', SAME_SITE_PATH], 'alt', 'title', 'width', 'height'],
		ins: ['cite', 'dateTime'],
		ol: ['start', 'reversed'],
		q: ['cite'],
		section: ['dataFootnotes', ['className', 'footnotes']],
		td: ['colSpan', 'rowSpan', ['align', 'left', 'center', 'right']],
		th: ['colSpan', 'rowSpan', 'scope', ['align', 'left', 'center', 'right']],
		time: ['dateTime'],
		'*': ['id', 'lang', 'dir', 'title'],
	},
	protocols: {
		href: LINK_PROTOCOLS,
		cite: ['http', 'https'],
	},
	// An image needs an `alt` to be valid HTML; one pasted without is taken as decorative.
	required: { img: { alt: '' } },
	// `rehypeScopedIds` prefixes ids per entry (see above).
	clobber: [],
	clobberPrefix: '',
	strip: DROP_WITH_CONTENT,
	ancestors: {
		caption: ['table'],
		tbody: ['table'],
		td: ['table'],
		tfoot: ['table'],
		th: ['table'],
		thead: ['table'],
		tr: ['table'],
		rt: ['ruby'],
		rp: ['ruby'],
		figcaption: ['figure'],
		li: ['ol', 'ul'],
		dt: ['dl'],
		dd: ['dl'],
	},
	allowComments: false,
	allowDoctypes: false,
};
