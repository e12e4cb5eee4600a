import { createMarkdownProcessor, type MarkdownRenderer } from '@astrojs/markdown-remark';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { markdownPipeline } from '../../src/plugins/markdown-options.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';

/**
 * Text pasted from Word or WPS keeps its first-line indent: a tab, full-width spaces or
 * four spaces. Rendered through the site's real Markdown pipeline, each such paragraph
 * is a paragraph; only fenced code is code.
 */

let processor: MarkdownRenderer;

beforeAll(async () => {
	processor = await createMarkdownProcessor({
		smartypants: false,
		syntaxHighlight: false,
		...markdownPipeline,
	});
});

async function render(markdown: string): Promise<string> {
	const fileURL = pathToFileURL(join(DEFAULT_CONTENT_DIR, 'articles/2021-11-11/sample.md'));
	return (await processor.render(markdown, { fileURL })).code;
}

describe('a pasted first-line indent', () => {
	test.each([
		['a tab', '\t'],
		['four spaces', '    '],
		['eight spaces', '        '],
		['two full-width spaces', '\u3000\u3000'],
	])('made of %s starts a paragraph, not a code block', async (_name, indent) => {
		const html = await render(
			`${indent}近日，旬阳市开展冬季义诊活动。\n\n${indent}群众纷纷前来咨询。\n`,
		);
		expect(html).not.toContain('<pre');
		expect(html).not.toContain('<code');
		const paragraphs = [...html.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((match) => match[1]!.trim());
		expect(paragraphs.map((text) => text.replace(/^\u3000+/, ''))).toEqual([
			'近日，旬阳市开展冬季义诊活动。',
			'群众纷纷前来咨询。',
		]);
	});

	test('right after a paragraph, an indented line continues it as before', async () => {
		const html = await render('第一行。\n\t第二行。\n');
		expect(html).toBe('<p>第一行。\n第二行。</p>');
	});

	test('fenced code is still code', async () => {
		const html = await render('```\nconst a = 1;\n```\n');
		expect(html).toContain('<pre');
		expect(html).toContain('const a = 1;');
	});
});
