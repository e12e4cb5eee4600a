import type { RawEntry } from './load.ts';
import type { ContentProblem } from './problem.ts';
import type { CheckContext } from './references.ts';
import { folderLabel } from './references.ts';

/**
 * Raw HTML that would run a script in a reader's browser, and MDX (which is code) outside
 * the one folder where developers keep it. Markdown passes raw HTML through, so a
 * pasted `<script>`, an `onerror=` or a `javascript:` link would reach the page.
 */

/**
 * The one folder, below the content root, where `.mdx` files are allowed: interactive
 * stories written and reviewed by developers. MDX runs with the builder's rights at build
 * time, so an editor's `.mdx` anywhere else is refused.
 */
export const MDX_FOLDER = 'articles/interactive';

/** Whether an entry file (collection + path below it) may be MDX. */
export function isMdxAllowed(collection: string, relativePath: string): boolean {
	return `${collection}/${relativePath.split('\\').join('/')}`.startsWith(`${MDX_FOLDER}/`);
}

/** Blanks out text that Markdown shows literally (code, backslash escapes), keeping offsets. */
export function maskLiteralMarkdown(body: string): string {
	const blank = (text: string) => text.replace(/[^\n]/g, ' ');
	let masked = body.replace(
		/^([ \t]{0,3})(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^[ \t]{0,3}\2[`~]*[ \t]*$|(?![\s\S]))/gm,
		blank,
	);
	masked = masked.replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, blank);
	return masked.replace(/\\[\\<&`[\]()]/g, '  ');
}

const NAMED_ENTITIES: Record<string, string> = {
	colon: ':',
	tab: '\t',
	newline: '\n',
	lpar: '(',
	rpar: ')',
	sol: '/',
	period: '.',
	amp: '&',
	quot: '"',
	apos: "'",
	lt: '<',
	gt: '>',
};

/** Decodes the entities browsers decode in attribute values and link targets. */
function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, name: string) => {
		if (name.startsWith('#x') || name.startsWith('#X'))
			return String.fromCodePoint(Number.parseInt(name.slice(2), 16) || 0xfffd);
		if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)) || 0xfffd);
		return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
	});
}

/** Schemes a link or source may not use: they run script or smuggle a document in. */
function isScriptUrl(rawTarget: string): boolean {
	// Browsers ignore control characters and whitespace inside the scheme.
	const url = decodeEntities(rawTarget)
		// eslint-disable-next-line no-control-regex -- stripping control characters is the point
		.replace(/[\u0000-\u0020]/g, '')
		.toLowerCase();
	return (
		url.startsWith('javascript:') ||
		url.startsWith('vbscript:') ||
		url.startsWith('data:text/html') ||
		url.startsWith('data:image/svg') ||
		url.startsWith('data:application/')
	);
}

/** Elements that run script or load a document by themselves. */
const DANGEROUS_ELEMENT = /<\s*(script|iframe|frame|frameset|object|embed|applet|base|meta)\b/gi;
/** An HTML start tag, possibly over several lines. */
const START_TAG = /<[a-z][a-z0-9-]*(?:\s[^<>]*)?>/gi;
/** An event-handler attribute inside a tag: `onerror=`, `ONLOAD =`. */
const EVENT_ATTRIBUTE = /[\s/"']on[a-z]+\s*=/i;
/** URL-carrying attributes inside a tag. */
const URL_ATTRIBUTE =
	/[\s/"'](?:href|src|action|formaction|xlink:href|data|poster|background|srcdoc)\s*=\s*(["']?)([^"'>]*)/gi;
/** Markdown link or image targets, reference definitions and autolinks. */
const MARKDOWN_TARGETS = [
	/\]\(\s*<?([^)>\n]*)/g,
	/^[ \t]{0,3}\[[^\]\n]+\]:\s*<?(\S+)/gm,
	/<([a-z][a-z0-9+.-]*:[^>\s]*)>/gi,
];

export function findUnsafeHtml(entries: readonly RawEntry[]): ContentProblem[] {
	const problems: ContentProblem[] = [];
	for (const entry of entries) {
		if (!entry.readable || isMdxAllowed(entry.collection, entry.relativePath)) continue;
		if (!/[<:&]/.test(entry.body)) continue;
		const body = maskLiteralMarkdown(entry.body);
		const lineAt = (offset: number) => {
			const before = body.slice(0, offset);
			const line = entry.bodyLine + (before.match(/\n/g)?.length ?? 0);
			const column = offset - before.lastIndexOf('\n');
			return { line, column };
		};
		const found = new Set<number>();
		const add = (offset: number, message: string) => {
			const { line, column } = lineAt(offset);
			if (found.has(line)) return;
			found.add(line);
			problems.push({
				file: entry.file,
				line,
				column,
				field: 'body',
				code: 'unsafe-html',
				message,
				fix: '删去这段 HTML，正文只用 Markdown；若要把它当文字显示，在 < 前加反斜杠（\\<）/ remove the HTML and use plain Markdown; to show it as text, put a backslash before < (\\<)',
			});
		};

		for (const match of body.matchAll(DANGEROUS_ELEMENT)) {
			add(
				match.index,
				`正文里有 <${match[1]!.toLowerCase()}> 标签，可能在读者的浏览器里运行脚本或加载外部内容 / the body has a <${match[1]!.toLowerCase()}> tag, which can run a script or load outside content in a reader’s browser`,
			);
		}
		for (const tag of body.matchAll(START_TAG)) {
			if (EVENT_ATTRIBUTE.test(tag[0])) {
				const attribute = /on[a-z]+/i.exec(tag[0].slice(1).replace(/^[a-z0-9-]+/i, ''))?.[0];
				add(
					tag.index,
					`HTML 标签带有事件属性 ${attribute ?? 'on…'}=，会运行脚本 / an HTML tag has an event attribute ${attribute ?? 'on…'}=, which runs a script`,
				);
			}
			for (const attribute of tag[0].matchAll(URL_ATTRIBUTE)) {
				if (isScriptUrl(attribute[2] ?? '')) {
					add(
						tag.index,
						'HTML 链接或地址是 javascript: 之类的脚本地址 / an HTML link or source is a javascript:-style script URL',
					);
				}
			}
		}
		for (const pattern of MARKDOWN_TARGETS) {
			for (const match of body.matchAll(pattern)) {
				if (isScriptUrl(match[1] ?? '')) {
					add(
						match.index,
						'链接地址是 javascript: 之类的脚本地址，点击就会运行脚本 / a link points to a javascript:-style URL, which runs a script when clicked',
					);
				}
			}
		}
	}
	return problems;
}

export function findMisplacedMdx(
	entries: readonly RawEntry[],
	context: CheckContext,
): ContentProblem[] {
	const allowed = folderLabel(context, MDX_FOLDER);
	return entries
		.filter(
			(entry) =>
				/\.mdx$/i.test(entry.relativePath) && !isMdxAllowed(entry.collection, entry.relativePath),
		)
		.map((entry) => ({
			file: entry.file,
			field: '',
			code: 'mdx-not-allowed' as const,
			message: `MDX 文件只能放在 ${allowed}/（由开发人员维护）：MDX 是程序代码，会在构建时运行 / MDX files are allowed only in ${allowed}/ (kept by developers): MDX is code and runs during the build`,
			fix: '把扩展名改成 .md（正文用普通 Markdown），或请开发人员审阅后移到该文件夹 / rename it to .md (plain Markdown), or ask a developer to review it and move it to that folder',
		}));
}
