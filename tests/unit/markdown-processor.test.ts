import { unified } from '@astrojs/markdown-remark';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { markdownPipeline } from '../../src/plugins/markdown-options.ts';
import { archiveMarkdownProcessor, isPlainProse } from '../../src/plugins/markdown-processor.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';
import { BODY_PAYLOADS } from '../fixtures/xss/payloads.ts';

/**
 * The site's processor sends plain prose to Astro's Rust processor and everything else to
 * the sanitising unified pipeline; either way an entry's HTML and metadata must be exactly
 * what the unified pipeline alone gives.
 */

type Renderer = Awaited<ReturnType<ReturnType<typeof unified>['createRenderer']>>;
let fullOnly: Renderer;
let site: Renderer;

beforeAll(async () => {
	fullOnly = await unified({ smartypants: false, ...markdownPipeline }).createRenderer({
		syntaxHighlight: false,
	});
	site = await archiveMarkdownProcessor().createRenderer({ syntaxHighlight: false });
});

const render = (renderer: Renderer, markdown: string, path = 'articles/2021-11-11/x.md') =>
	renderer.render(markdown, {
		fileURL: pathToFileURL(join(PROJECT_ROOT, 'content', path)),
		frontmatter: { title: 't' },
	});

/** Every `.md` file below a folder with its body (the text after the front matter). */
function markdownFiles(dir: string): Array<{ path: string; body: string }> {
	return readdirSync(dir, { recursive: true })
		.map(String)
		.filter((name) => name.endsWith('.md'))
		.sort()
		.map((name) => {
			const text = readFileSync(join(dir, name), 'utf8');
			const end = text.startsWith('---') ? text.indexOf('\n---', 3) : -1;
			return { path: name, body: end < 0 ? text : text.slice(end + 4).replace(/^\r?\n/, '') };
		});
}

describe('isPlainProse', () => {
	test('paragraphs of Chinese text, with full-width punctuation, are plain prose', () => {
		expect(
			isPlainProse(
				'本报讯（记者 王某）今日，市政府召开会议。\n\n会议指出：“要抓好落实。”《决定》全文见第二版。\n',
			),
		).toBe(true);
		expect(isPlainProse('')).toBe(true);
	});

	test.each([
		['raw HTML', '正文<b>加粗</b>'],
		['an entity', '甲&amp;乙'],
		['a link', '见[报道](https://example.com)'],
		['an image', '![图](a.png)'],
		['a footnote', '正文[^1]'],
		['emphasis', '很*重要*'],
		['strong with underscores', '__重要__'],
		['code', '用`code`'],
		['strikethrough', '~~删去~~'],
		['a heading', '# 标题'],
		['a table', '甲 | 乙'],
		['an escape', '甲\\*乙'],
		['a setext heading', '标题\n==='],
		['a thematic break', '甲\n\n---\n\n乙'],
		['a list item', '- 一项'],
		['a plus list item', '+ 一项'],
		['an ordered list item', '1. 第一'],
		['an ordered list item with )', '1) 第一'],
		['a block quote', '> 引文'],
		['an indented (pasted) paragraph', '    这一段是从网页粘贴的，前面有四个空格。'],
		['a tab-indented line', '\t缩进'],
		['a hard line break', '第一行  \n第二行'],
		['a bare web address', '见 www.example.com'],
		['a bare URL', '见 https://example.com'],
		['an e-mail address', '来信 a@example.com'],
	])('%s goes to the full pipeline', (_name, markdown) => {
		expect(isPlainProse(markdown)).toBe(false);
	});

	test('every cross-site scripting payload goes to the full pipeline', () => {
		for (const payload of BODY_PAYLOADS) {
			expect(isPlainProse(`正文。\n\n${payload.markdown}\n`), payload.id).toBe(false);
		}
	});
});

describe('the site processor renders as the sanitising pipeline does', () => {
	test('every cross-site scripting payload: the sanitised HTML (tests/trust/ shows it never runs)', async () => {
		for (const payload of BODY_PAYLOADS) {
			const markdown = `正文。\n\n${payload.markdown}\n`;
			const ours = await render(site, markdown);
			expect(ours, payload.id).toEqual(await render(fullOnly, markdown));
		}
	});

	test('plain prose: byte for byte, metadata included', async () => {
		const prose =
			'本报讯 今日，市政府召开会议。\n会议指出，要抓好落实。\n\n“引号”与‘单引号’、(半角括号)、50%、1998年。\n';
		expect(isPlainProse(prose)).toBe(true);
		expect(await render(site, prose)).toEqual(await render(fullOnly, prose));
	});

	test('every entry of content/ and of the test fixtures', async () => {
		let plain = 0;
		for (const folder of ['content', 'tests/fixtures']) {
			for (const { path, body } of markdownFiles(join(PROJECT_ROOT, folder))) {
				if (isPlainProse(body)) plain++;
				expect(await render(site, body, path), `${folder}/${path}`).toEqual(
					await render(fullOnly, body, path),
				);
			}
		}
		// Both kinds are exercised: most seed and fixture entries are plain prose, some are not.
		expect(plain).toBeGreaterThan(20);
	});
});
