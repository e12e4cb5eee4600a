import { Cite } from '@citation-js/core';
import { describe, expect, it } from 'vitest';
import {
	bylineNames,
	citationAuthors,
	citationKey,
	cslRecord,
	gbtOnlineCitation,
	gbtPrintCitation,
	type CitableItem,
} from '../../src/domain/citation.ts';
import {
	apaCitation,
	apaCitationCsl,
	bibtexOf,
	bibtexOfCite,
	chicagoCitationCsl,
	chicagoCitation,
	cslJsonOf,
	risOf,
	risOfCite,
} from '../../src/domain/citation-formats.ts';
import { citationDate } from '../../src/domain/citation-date.ts';

const article: CitableItem = {
	key: 'article/2021-11-11/02-tashiliuyin',
	medium: 'newspaper',
	title: '以踏石留印的狠劲抓落实',
	authors: ['张三', '李四'],
	container: '安康日报',
	publisher: '安康日报社',
	date: '2021-11-11',
	page: 2,
	section: '综合',
	url: 'https://archive.akrb.example/articles/2021-11-11/02-tashiliuyin/',
	language: 'zh-CN',
};

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

describe('GB/T 7714-2015 newspaper citations', () => {
	it('prints 作者. 题名[N]. 报纸名, YYYY-MM-DD(版次).', () => {
		expect(gbtPrintCitation(article)).toBe(
			'张三, 李四. 以踏石留印的狠劲抓落实[N]. 安康日报, 2021-11-11(2).',
		);
	});

	it('starts with the title when there is no author', () => {
		expect(gbtPrintCitation({ ...article, authors: [] })).toBe(
			'以踏石留印的狠劲抓落实[N]. 安康日报, 2021-11-11(2).',
		);
	});

	it('names three authors, then 等', () => {
		expect(gbtPrintCitation({ ...article, authors: ['甲', '乙', '丙', '丁'] })).toBe(
			'甲, 乙, 丙, 等. 以踏石留印的狠劲抓落实[N]. 安康日报, 2021-11-11(2).',
		);
	});

	it('adds the subtitle after a colon', () => {
		expect(gbtPrintCitation({ ...article, authors: [], subtitle: '记市狠抓落实办' })).toBe(
			'以踏石留印的狠劲抓落实: 记市狠抓落实办[N]. 安康日报, 2021-11-11(2).',
		);
	});

	it('gives the online form with [N/OL], the citation date and the URL', () => {
		expect(gbtOnlineCitation(article, '2026-12-05')).toBe(
			'张三, 李四. 以踏石留印的狠劲抓落实[N/OL]. 安康日报, 2021-11-11(2)[2026-12-05]. https://archive.akrb.example/articles/2021-11-11/02-tashiliuyin/.',
		);
	});

	it('cites a profile page as an electronic bulletin signed by the publisher, with no print form', () => {
		expect(gbtPrintCitation(profile)).toBeUndefined();
		expect(gbtOnlineCitation(profile, '2026-12-05')).toBe(
			'安康日报社. 朱海义[EB/OL]. 安康日报数字档案. [2026-12-05]. https://archive.akrb.example/people/zhu-haiyi/.',
		);
	});
});

describe('bylines', () => {
	it('drops the role words printed before names', () => {
		expect(bylineNames('本报记者 张三')).toEqual(['张三']);
		expect(bylineNames('通讯员　王五 赵六')).toEqual(['王五', '赵六']);
		expect(bylineNames('张三')).toEqual(['张三']);
	});

	it('keeps a byline that is only a role', () => {
		expect(bylineNames('本报评论员')).toEqual(['本报评论员']);
	});

	it('names each author once, in order', () => {
		expect(citationAuthors(['本报记者 张三', '通讯员 李四 张三'])).toEqual(['张三', '李四']);
	});
});

describe('the citation build date', () => {
	it('is the day of SOURCE_DATE_EPOCH in the paper’s zone', () => {
		// 2026-12-05T17:00Z is already 12-06 in China.
		const epoch = String(Date.UTC(2026, 11, 5, 17, 0) / 1000);
		expect(citationDate('Asia/Shanghai', { SOURCE_DATE_EPOCH: epoch })).toBe('2026-12-06');
		expect(citationDate('UTC', { SOURCE_DATE_EPOCH: epoch })).toBe('2026-12-05');
	});
});

describe('CSL-JSON and the formats citation-js writes from it', () => {
	const record = cslRecord(article);

	it('describes a newspaper article with literal names, date parts, page and section', () => {
		expect(record).toEqual({
			id: 'article_2021_11_11_02_tashiliuyin',
			'citation-key': 'article_2021_11_11_02_tashiliuyin',
			type: 'article-newspaper',
			title: '以踏石留印的狠劲抓落实',
			author: [{ literal: '张三' }, { literal: '李四' }],
			'container-title': '安康日报',
			publisher: '安康日报社',
			issued: { 'date-parts': [[2021, 11, 11]] },
			page: '2',
			section: '综合',
			URL: article.url,
			language: 'zh-CN',
		});
		expect(citationKey('notice/2021-11-11/02-x')).toBe('notice_2021_11_11_02_x');
	});

	it('formats APA and Chicago author-date', () => {
		expect(apaCitation(record)).toBe(
			`张三 & 李四. (2021, November 11). 以踏石留印的狠劲抓落实. 安康日报, 2. ${article.url}`,
		);
		expect(chicagoCitation(record)).toBe(
			`张三 and 李四. 2021. “以踏石留印的狠劲抓落实.” 安康日报, November 11. ${article.url}.`,
		);
		// Unsigned: listed under the paper's name, which is then not repeated.
		expect(chicagoCitation(cslRecord({ ...article, authors: [] }))).toBe(
			`安康日报. 2021. “以踏石留印的狠劲抓落实.” November 11. ${article.url}.`,
		);
	});

	it('writes BibTeX and RIS that citation-js reads back to the same item', () => {
		const fromBib = new Cite(bibtexOf(record)).data[0]!;
		expect(fromBib).toMatchObject({
			title: record.title,
			'container-title': '安康日报',
			issued: { 'date-parts': [[2021, 11, 11]] },
			page: '2',
			URL: article.url,
		});
		expect(fromBib.author).toEqual([{ family: '张三' }, { family: '李四' }]);

		const fromRis = new Cite(risOf(record)).data[0]!;
		expect(fromRis).toMatchObject({
			type: 'article-newspaper',
			title: record.title,
			'container-title': '安康日报',
			page: '2',
			URL: article.url,
		});
		// citation-js reads a NEWS item's authors only into its non-CSL `reporter` field, and
		// writes none from `author`; the classic A1 tags carry them for Zotero and EndNote.
		expect(risOf(record).match(/^A1 {2}- .*$/gm)).toEqual(['A1  - 张三', 'A1  - 李四']);
		// It reads only the year (PY) of a NEWS item; the full date is in Y1 for other readers.
		expect((fromRis.issued as { 'date-parts': number[][] })['date-parts'][0]).toEqual([2021]);
		expect(risOf(record)).toMatch(/^Y1 {2}- 2021\/11\/11\/$/m);
		expect(JSON.parse(cslJsonOf(record))).toEqual([record]);
	});

	it('keeps the access date out of downloads and puts it in APA for an undated page', () => {
		expect(cslRecord(profile)).not.toHaveProperty('accessed');
		expect(apaCitation(cslRecord(profile, '2026-12-05'))).toBe(
			`安康日报社. (n.d.). 朱海义. 安康日报数字档案. Retrieved December 5, 2026, from ${profile.url}`,
		);
	});
});

describe('the fast citation writers (direct APA and Chicago, BibTeX and RIS without type detection)', () => {
	// Every shape the archive cites, and a few it should hand to citeproc-js.
	const shapes: CitableItem[] = [];
	for (const authors of [
		[],
		['甲'],
		['甲', '乙'],
		['甲', '乙', '丙'],
		['甲', '乙', '丙', '丁', '戊'],
	])
		for (const title of [
			'标题',
			'标题？',
			'Title ends with a stop.',
			'“引号”标题',
			'标题“引号”',
			'“甲”和“乙”',
			'标题“引号”。',
			'标题“引号”？',
			'‘单’标题',
			'“嵌套‘单’引号”',
			'"ascii"标题',
		])
			shapes.push({ ...article, authors, title, date: '2021-01-05', page: 12 });
	// Elided years, as 1998's paper prints them: an apostrophe, not a quotation mark.
	for (const authors of [[], ['甲', '乙']])
		for (const title of [
			'’97医药科技大事',
			'回眸’97房地产',
			'斯德哥尔摩：’98欧洲文化首都',
			'’97评选揭晓“中场发动机”',
			'Expo’98',
			'1998’99',
			'’98与’99',
			'将于1…’98',
			"'97标题",
			'‘’97’标题',
			'标题’',
		])
			shapes.push({ ...article, authors, title, date: '1998-01-05', page: 5 });
	shapes.push({ ...article, date: '1998-12-31' });
	shapes.push({ ...article, subtitle: '副题' });
	shapes.push({ ...article, authors: Array.from({ length: 22 }, (_, i) => `作者${i}`) });
	shapes.push({ ...article, authors: ['Smith, J.'] });
	shapes.push({ ...article, authors: ['Tom and Jerry'] });
	shapes.push(profile);
	shapes.push({ ...profile, title: '朱海义?' });

	it('write exactly what the CSL styles write, for every shape', () => {
		for (const shape of shapes) {
			const record = cslRecord(shape, shape.medium === 'web' ? '2026-01-05' : undefined);
			expect(apaCitation(record), JSON.stringify(shape)).toBe(apaCitationCsl(record));
			expect(chicagoCitation(record), JSON.stringify(shape)).toBe(chicagoCitationCsl(record));
		}
		// citeproc-js takes milliseconds an item, more on a busy machine.
	}, 60_000);

	it('leave BibTeX and RIS as citation-js writes them through new Cite(), for every shape', () => {
		for (const shape of shapes) {
			const record = cslRecord(shape, shape.medium === 'web' ? '2026-01-05' : undefined);
			expect(bibtexOf(record), JSON.stringify(shape)).toBe(bibtexOfCite(record));
			expect(risOf(record), JSON.stringify(shape)).toBe(risOfCite(record));
		}
	});
});
