import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { paper } from '../../src/config/paper.ts';
import { buildSite, scratchDir } from '../../support/build-site.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';
import { readPage } from '../helpers/dist.ts';
import { byAttribute, byTag, textContent } from '../../support/html.ts';

/**
 * What the default content cannot show, since its page prints no section name and its
 * articles no byline: section feeds, authors in citations, and related stories. Builds a
 * copy of `content/` with three more articles on its page 2.
 */

let runDir: string;
let site: string;

const ARTICLES: Record<string, string> = {
	'02-ceshi-jia': `---
title: 测试用稿件甲
subtitle: 副题甲
date: 2021-11-11
page: 2
section: 要闻
authors: [本报记者 张三, 通讯员 李四]
places: [旬阳]
tags: [道德模范]
people: [zhu-haiyi]
---

这是一篇仅供测试的稿件甲，正文与其他稿件都不相同。
`,
	'02-ceshi-yi': `---
title: 测试用稿件乙
date: 2021-11-11
page: 2
section: 要闻
tags: [道德模范, 测试专用标签]
people: [zhu-haiyi, qin-hua]
---

这是一篇仅供测试的稿件乙，正文也和别的稿件不同。
`,
	'02-ceshi-bing': `---
title: 测试用稿件丙
date: 2021-11-11
page: 2
section: 综合
places: [紫阳]
---

这是一篇仅供测试的稿件丙，它和其他稿件没有共同的人物和标签。
`,
};

beforeAll(async () => {
	runDir = await scratchDir('citations-sections');
	const contentDir = join(runDir, 'content');
	await cp(DEFAULT_CONTENT_DIR, contentDir, { recursive: true });
	await mkdir(join(contentDir, 'articles', '2021-11-11'), { recursive: true });
	for (const [name, text] of Object.entries(ARTICLES))
		await writeFile(join(contentDir, 'articles', '2021-11-11', `${name}.md`), text);
	site = join(runDir, 'site');
	await buildSite({ contentDir, outDir: site });
});

afterAll(async () => {
	if (runDir) await rm(runDir, { recursive: true, force: true });
});

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

async function feedLinks(path: string): Promise<string[]> {
	const text = await readFile(join(site, path), 'utf8');
	expect(XMLValidator.validate(text)).toBe(true);
	const channel = (xml.parse(text) as { rss: { channel: { item?: unknown } } }).rss.channel;
	return ([channel.item ?? []].flat() as { link: string }[]).map((item) => item.link);
}

const absolute = (path: string) => new URL(path, paper.siteUrl).href;

describe('section feeds', () => {
	test('one feed per section, holding that section’s stories only', async () => {
		expect((await feedLinks('feeds/sections/要闻.xml')).sort()).toEqual(
			[
				absolute('/articles/2021-11-11/02-ceshi-jia/'),
				absolute('/articles/2021-11-11/02-ceshi-yi/'),
			].sort(),
		);
		expect(await feedLinks('feeds/sections/综合.xml')).toEqual([
			absolute('/articles/2021-11-11/02-ceshi-bing/'),
		]);
	});

	test('a story’s page points to its section’s feed, and the data page lists every section', () => {
		const page = readPage(site, '/articles/2021-11-11/02-ceshi-jia/');
		const alternates = byAttribute(page.document, 'rel', 'alternate').map((l) => l.attrs.href);
		expect(alternates).toContain(`/feeds/sections/${encodeURIComponent('要闻')}.xml`);
		const data = byTag(readPage(site, '/data/').document, 'a').map((a) => a.attrs.href);
		expect(data).toContain(`/feeds/sections/${encodeURIComponent('要闻')}.xml`);
		expect(data).toContain(`/feeds/sections/${encodeURIComponent('综合')}.xml`);
	});
});

describe('citations with a byline', () => {
	test('GB/T 7714 names the authors without their roles, and the subtitle', () => {
		const page = readPage(site, '/articles/2021-11-11/02-ceshi-jia/');
		const text = textContent(byAttribute(page.document, 'data-cite')[0]!);
		expect(text).toContain(`张三, 李四. 测试用稿件甲: 副题甲[N]. ${paper.name}, 2021-11-11(2).`);
		const authors = byAttribute(page.document, 'name', 'citation_author').map(
			(m) => m.attrs.content,
		);
		expect(authors).toEqual(['张三', '李四']);
	});

	test('BibTeX reads back with both authors', async () => {
		const bib = await readFile(join(site, 'articles/2021-11-11/02-ceshi-jia.bib'), 'utf8');
		const [item] = new Cite(bib).data;
		expect(item).toMatchObject({
			title: '测试用稿件甲: 副题甲',
			author: [{ family: '张三' }, { family: '李四' }],
			'container-title': paper.name,
		});
	});
});

describe('related stories', () => {
	function related(id: string): string[] {
		const page = readPage(site, `/articles/${id}/`);
		const aside = byAttribute(page.document, 'aria-labelledby', 'related-heading')[0];
		return aside ? byTag(aside, 'a').map((a) => a.attrs.href ?? '') : [];
	}

	test('lists the stories sharing people and tags, best first, and never the story itself', () => {
		// The 朱海义 story shares the person, 道德模范 and 旬阳 with 甲 (3 + 2 + 1); 乙 the person
		// and the tag (3 + 2); 丙 and the other story nothing that counts.
		expect(related('2021-11-11/02-ceshi-jia')).toEqual([
			'/articles/2021-11-11/02-zhu-haiyi/',
			'/articles/2021-11-11/02-ceshi-yi/',
		]);
		expect(related('2021-11-11/02-ceshi-yi')).toContain('/articles/2021-11-11/02-ceshi-jia/');
	});

	test('shows nothing for a story that shares nothing', () => {
		expect(related('2021-11-11/02-ceshi-bing')).toEqual([]);
	});
});
