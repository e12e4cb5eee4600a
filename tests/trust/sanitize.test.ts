import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { beforeAll, describe, expect, test } from 'vitest';
import { markdownPipeline } from '../../src/plugins/markdown-options.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';
import { byTag, descendants, parseHtml, textContent } from '../../support/html.ts';
import { BODY_PAYLOADS } from '../fixtures/xss/payloads.ts';

/**
 * The site's own Markdown pipeline (`src/plugins/markdown-options.ts`, as astro.config.mjs
 * uses it), given real strings: what a newspaper story needs comes through intact, what
 * runs script or loads from elsewhere does not, and ids never collide between entries.
 */

let processor: MarkdownRenderer;

beforeAll(async () => {
	processor = await createMarkdownProcessor({
		smartypants: false,
		syntaxHighlight: false,
		...markdownPipeline,
	});
});

/** Renders as the entry at `articles/<path>` of the content folder. */
async function render(markdown: string, path = '2021-11-11/sample.md'): Promise<string> {
	const fileURL = pathToFileURL(join(DEFAULT_CONTENT_DIR, 'articles', path));
	return (await processor.render(markdown, { fileURL })).code;
}

const STORY = `## 记者手记

正文提到一个生僻字<ruby>旸<rp>（</rp><rt>yáng</rt><rp>）</rp></ruby>，并引用了文件[^1]。见[本报报道](https://example.com/a)、[往期](/issues/2021-11-11/)和[上文](#记者手记)。

| 项目 | 数量 | 金额 |
|:--|:-:|--:|
| 石英石 | 680.29 吨 | 12 万元 |

<figure><img src="/images/scan.png" alt="版面扫描"><figcaption>2021年11月11日第2版</figcaption></figure>

1. 第一点
   - 细节
2. 第二点

> 引文一段。

<abbr title="中华人民共和国">中国</abbr>，<sup>上标</sup>，<sub>下标</sub>，<del>删去</del>，<ins>加上</ins>，<mark>标记</mark>。

[^1]: 注释的内容。
`;

describe('the Markdown pipeline', () => {
	test('keeps headings, ruby, links, tables, figures, lists, quotes, footnotes and inline marks', async () => {
		const tree = parseHtml(await render(STORY));
		const tags = new Set(descendants(tree).map((node) => node.tag));
		for (const tag of [
			'h2',
			'ruby',
			'rt',
			'rp',
			'a',
			'table',
			'thead',
			'tbody',
			'th',
			'td',
			'figure',
			'img',
			'figcaption',
			'ol',
			'ul',
			'li',
			'blockquote',
			'sup',
			'sub',
			'section',
			'abbr',
			'del',
			'ins',
			'mark',
		]) {
			expect(tags, tag).toContain(tag);
		}
		const hrefs = byTag(tree, 'a').map((node) => node.attrs.href);
		expect(hrefs).toContain('https://example.com/a');
		expect(hrefs).toContain('/issues/2021-11-11/');
		expect(byTag(tree, 'img')[0]!.attrs).toMatchObject({
			src: '/images/scan.png',
			alt: '版面扫描',
		});
		expect(byTag(tree, 'abbr')[0]!.attrs.title).toBe('中华人民共和国');
		expect(byTag(tree, 'td').map((node) => node.attrs.class)).toEqual([
			'align-left',
			'align-center',
			'align-right',
		]);
		expect(textContent(byTag(tree, 'section')[0]!)).toContain('注释的内容。');
	});

	test('points footnotes and in-text anchors at ids that exist, in Chinese', async () => {
		const tree = parseHtml(await render(STORY));
		const ids = new Set(
			descendants(tree).flatMap((node) => (node.attrs.id ? [node.attrs.id] : [])),
		);
		const anchors = byTag(tree, 'a')
			.map((node) => node.attrs.href!)
			.filter((href) => href.startsWith('#'));
		expect(anchors.length).toBeGreaterThanOrEqual(3);
		for (const anchor of anchors)
			expect(ids, anchor).toContain(decodeURIComponent(anchor.slice(1)));
		const label = byTag(tree, 'h2').find((node) => node.attrs.class === 'sr-only');
		expect(textContent(label!)).toBe('注释');
		const back = byTag(tree, 'a').find((node) => 'data-footnote-backref' in node.attrs);
		expect(back?.attrs['aria-label']).toMatch(/返回正文/);
	});

	test('gives two entries different ids for the same heading and footnote', async () => {
		const idsOf = async (path: string) =>
			descendants(parseHtml(await render(STORY, path)))
				.flatMap((node) => (node.attrs.id ? [node.attrs.id] : []))
				.sort();
		const first = await idsOf('2021-11-11/02-a.md');
		const second = await idsOf('2021-11-11/02-b.md');
		expect(first.length).toBeGreaterThan(3);
		expect(first.filter((id) => second.includes(id))).toEqual([]);
		// The same entry gets the same ids on every build.
		expect(await idsOf('2021-11-11/02-a.md')).toEqual(first);
	});

	test('renders a story into valid HTML', async () => {
		const validator = new HtmlValidate(
			new FileSystemConfigLoader({
				extends: [join(PROJECT_ROOT, '.htmlvalidate.json')],
				root: true,
			}),
		);
		const html = `<!DOCTYPE html><html lang="zh-CN"><head><title>测试</title></head><body><main>${await render(STORY)}</main></body></html>`;
		const report = await validator.validateString(html);
		expect(
			report.results.flatMap((result) => result.messages.map((message) => message.message)),
		).toEqual([]);
	});

	test.each(BODY_PAYLOADS.map((payload) => [payload.id, payload.name, payload] as const))(
		'%s (%s): leaves no event attribute, script URL, foreign resource or active element',
		async (_id, _name, payload) => {
			const tree = parseHtml(await render(`前文。\n\n${payload.markdown}\n\n后文。`));
			for (const node of descendants(tree)) {
				expect([
					'script',
					'style',
					'iframe',
					'object',
					'embed',
					'svg',
					'math',
					'form',
					'input',
					'button',
					'base',
					'meta',
					'link',
					'template',
					'video',
					'source',
				]).not.toContain(node.tag);
				for (const [name, value] of Object.entries(node.attrs)) {
					expect(name).not.toMatch(/^on|^style$|^srcset$|^srcdoc$|^target$|^formaction$/);
					// eslint-disable-next-line no-control-regex -- browsers skip control characters before a scheme
					expect(value).not.toMatch(/^[\s\u0000-\u001f]*(?:javascript|vbscript|data):/i);
					expect(value).not.toContain('evil.example');
				}
			}
		},
	);
});
