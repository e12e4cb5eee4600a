import { escapeHTML } from 'astro/runtime/server/escape.js';
import { addAttribute } from 'astro/runtime/server/render/util.js';
import { describe, expect, it } from 'vitest';
import type { CitableItem } from '../../src/domain/citation.ts';
import {
	citationMetaHtml,
	citeThisHtml,
	dataLinksHtml,
	attribute,
	escapeText,
} from '../../src/domain/citation-html.ts';

// The blocks' markup was written by Astro templates before; these strings are what those
// templates wrote (copied from built pages), so a page reads byte for byte the same.

const awkward = ['a & b', '<i>标题</i>', `"引" 'quote'`, '&amp; already', '普通文字', ''];

describe('escaping as Astro escapes', () => {
	it('escapes text as an expression in a template', () => {
		for (const text of awkward) expect(escapeText(text)).toBe(String(escapeHTML(text)));
	});

	it('writes an attribute as a template attribute', () => {
		for (const value of awkward)
			expect(attribute('title', value)).toBe(String(addAttribute(value, 'title')));
	});
});

describe('the citation blocks', () => {
	it('write 引用本文 for a printed item as the template did', () => {
		const url = 'https://archive.akrb.example/articles/1998-01-05/01-001/';
		const title = '中国人民银行一项调查表明千户大型企业实力增强';
		expect(
			citeThisHtml({
				timeZone: 'Asia/Shanghai',
				print: `${title}[N]. 安康日报, 1998-01-05(1).`,
				onlineBefore: `${title}[N/OL]. 安康日报, 1998-01-05(1)`,
				onlineAfter: `. ${url}.`,
				citedOn: '引用日期',
				apa: `${title}. (1998, January 5). 安康日报, 1. ${url}`,
				chicago: `安康日报. 1998. “${title}.” January 5. ${url}.`,
				downloads: [
					{ href: '/articles/1998-01-05/01-001.ris', text: 'RIS' },
					{ href: '/articles/1998-01-05/01-001.bib', text: 'BibTeX' },
					{ href: '/articles/1998-01-05/01-001.csl.json', text: 'CSL-JSON' },
				],
			}),
		).toBe(
			'<section aria-labelledby="cite-h" class="cite" data-cite data-tz="Asia/Shanghai"><h2 id="cite-h">引用本文</h2><p><b>GB/T 7714</b> <span id="cite-gbt">中国人民银行一项调查表明千户大型企业实力增强[N]. 安康日报, 1998-01-05(1).</span></p><p><b>GB/T 7714 电子版</b> <span id="cite-gbt-ol">中国人民银行一项调查表明千户大型企业实力增强[N/OL]. 安康日报, 1998-01-05(1)[<span data-cited-on>引用日期</span>]. https://archive.akrb.example/articles/1998-01-05/01-001/.</span></p><p><b>APA</b> <span id="cite-apa">中国人民银行一项调查表明千户大型企业实力增强. (1998, January 5). 安康日报, 1. https://archive.akrb.example/articles/1998-01-05/01-001/</span></p><p><b>Chicago</b> <span id="cite-chicago">安康日报. 1998. “中国人民银行一项调查表明千户大型企业实力增强.” January 5. https://archive.akrb.example/articles/1998-01-05/01-001/.</span></p><p class="muted">引用日期填您查阅本页之日；浏览器运行脚本时已自动填入当天（北京时间）。下载： <a href="/articles/1998-01-05/01-001.ris">RIS</a> <a href="/articles/1998-01-05/01-001.bib">BibTeX</a> <a href="/articles/1998-01-05/01-001.csl.json">CSL-JSON</a></p></section>',
		);
	});

	it('leave out the print form of a profile, and escape what the text holds', () => {
		const html = citeThisHtml({
			timeZone: 'Asia/Shanghai',
			print: undefined,
			onlineBefore: 'A & B <x>',
			onlineAfter: '. "u".',
			citedOn: '引用日期',
			apa: "it's",
			chicago: 'c',
			downloads: [{ href: '/a?b=1&c="2"', text: 'R&S' }],
		});
		expect(html).not.toContain('cite-gbt"');
		expect(html).toContain(
			'<span id="cite-gbt-ol">A &amp; B &lt;x&gt;[<span data-cited-on>引用日期</span>]. &quot;u&quot;.</span>',
		);
		expect(html).toContain('<span id="cite-apa">it&#39;s</span>');
		expect(html).toContain('下载： <a href="/a?b=1&amp;c=&quot;2&quot;">R&amp;S</a></p>');
	});

	it('write the data links, with feeds, as the template did', () => {
		expect(
			dataLinksHtml(
				[{ href: '/people/zhu-haiyi.json', text: 'JSON' }],
				[{ href: '/feeds/people/zhu-haiyi.xml', text: '安康日报 · 朱海义' }],
			),
		).toBe(
			'<p class="muted">数据： <a href="/people/zhu-haiyi.json">JSON</a> 订阅：<a href="/feeds/people/zhu-haiyi.xml">安康日报 · 朱海义</a></p>',
		);
		expect(dataLinksHtml([{ href: '/a.json', text: 'JSON' }])).toBe(
			'<p class="muted">数据： <a href="/a.json">JSON</a></p>',
		);
	});

	it('write the citation meta tags as the template did', () => {
		const profile: CitableItem = {
			key: 'person/zhu-haiyi',
			medium: 'web',
			title: '朱海义',
			authors: [],
			container: '安康日报数字档案',
			publisher: '安康日报社',
			url: 'https://archive.akrb.example/people/zhu-haiyi/',
			language: 'zh-CN',
		};
		expect(citationMetaHtml(profile)).toBe(
			'<meta name="citation_title" content="朱海义"><meta name="citation_language" content="zh-CN"><meta name="DC.type" content="webpage">',
		);
		const article: CitableItem = {
			...profile,
			medium: 'newspaper',
			title: '中国人民银行一项调查表明千户大型企业实力增强',
			container: '安康日报',
			date: '1998-01-05',
			page: 1,
		};
		expect(citationMetaHtml(article)).toBe(
			'<meta name="citation_title" content="中国人民银行一项调查表明千户大型企业实力增强"><meta name="citation_publication_date" content="1998/01/05"><meta name="citation_journal_title" content="安康日报"><meta name="citation_firstpage" content="1"><meta name="citation_language" content="zh-CN"><meta name="DC.type" content="newspaperArticle">',
		);
		expect(
			citationMetaHtml({ ...article, subtitle: '副题 "一"', authors: ['张三', 'A & B'] }),
		).toContain(
			'<meta name="citation_title" content="中国人民银行一项调查表明千户大型企业实力增强: 副题 &quot;一&quot;"><meta name="citation_author" content="张三"><meta name="citation_author" content="A &amp; B">',
		);
	});
});
