import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeSearchIndex } from '../../src/integrations/pagefind.ts';
import { TMP_ROOT } from '../../support/paths.ts';

/**
 * A handful of item pages written the way Astro writes the archive's pages (the same
 * `data-pagefind-*` markup, head metadata and dateline), so that the real index build
 * (`writeSearchIndex`) and the real Pagefind bundle can be exercised in seconds.
 */

export interface FixturePage {
	url: string;
	kind: 'article' | 'person' | 'notice' | 'advert';
	title: string;
	date?: string;
	page?: number;
	section?: string;
	status?: string;
	kicker?: string;
	subtitle?: string;
	paragraphs: string[];
}

const escape = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function fixtureHtml(page: FixturePage): string {
	const metas = [
		`<meta data-pagefind-filter="kind[content]" content="${page.kind}">`,
		page.date && `<meta data-pagefind-filter="year[content]" content="${page.date.slice(0, 4)}">`,
		page.section &&
			`<meta data-pagefind-filter="section[content]" content="${escape(page.section)}">`,
		page.status && `<meta data-pagefind-filter="status[content]" content="${escape(page.status)}">`,
		page.date && `<meta data-pagefind-sort="date[content]" content="${page.date}">`,
		page.date && `<meta data-pagefind-meta="date[content]" content="${page.date}">`,
		`<meta data-pagefind-meta="kind[content]" content="${page.kind}">`,
	].filter(Boolean);
	const dateline =
		page.date && page.page
			? `<p class="dateline" data-astro-cid-x><a href="/issues/${page.date}/"><time datetime="${page.date}">${page.date}</time></a> <a href="/issues/${page.date}/${page.page}/">第${page.page}版</a></p>`
			: '';
	const weight = page.kind === 'person' ? ' data-pagefind-weight="2"' : '';
	return [
		'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
		`<title>${escape(page.title)} · 安康日报</title>`,
		`<meta property="og:title" content="${escape(page.title)}">`,
		...metas,
		'</head><body><a class="skip-link" href="#main">跳到正文</a>',
		'<header><nav><a href="/archive/">往期回顾</a></nav></header>',
		`<main id="main"><article data-pagefind-body${weight}><header>`,
		page.kicker ? `<p class="kicker">${escape(page.kicker)}</p>` : '',
		`<h1>${escape(page.title)}${page.status ? ` <span class="badge">${escape(page.status)}</span>` : ''}</h1>`,
		page.subtitle ? `<p class="subtitle">——${escape(page.subtitle)}</p>` : '',
		dateline,
		'</header>',
		...page.paragraphs.map((paragraph) => `<p>${paragraph}</p>`),
		'<p class="muted" data-pagefind-ignore>本页不索引的说明文字</p>',
		'</article></main></body></html>',
	].join('');
}

export async function writeFixtureSite(dir: string, pages: readonly FixturePage[]): Promise<void> {
	for (const page of pages) {
		const file = join(dir, ...page.url.split('/').filter(Boolean), 'index.html');
		await mkdir(dirname(file), { recursive: true });
		await writeFile(file, fixtureHtml(page));
	}
	// A page that is not an item (no data-pagefind-body) must stay out of the index.
	await mkdir(join(dir, 'archive'), { recursive: true });
	await writeFile(
		join(dir, 'archive', 'index.html'),
		'<!DOCTYPE html><html lang="zh-CN"><body><h1>往期回顾</h1><p>朱海义 经济发展</p></body></html>',
	);
}

/** The pages the engine tests search. */
export const FIXTURE_PAGES: FixturePage[] = [
	{
		url: '/people/zhu-haiyi/',
		kind: 'person',
		title: '朱海义',
		paragraphs: ['一步步从旬阳道德模范走向全国道德模范。', '地区：旬阳市'],
	},
	{
		url: '/articles/2021-11-11/02-zhu-haiyi/',
		kind: 'article',
		title: '群星璀璨耀安康',
		date: '2021-11-11',
		page: 2,
		section: '综合',
		paragraphs: [
			'在湖北打工的朱卫国说，朱海义言语平和。',
			'11月5日，<a href="/people/zhu-haiyi/">朱海义</a>在微信朋友圈发了一个信息。',
		],
	},
	{
		url: '/articles/2021-11-12/03-scattered/',
		kind: 'article',
		title: '上海来客',
		date: '2021-11-12',
		page: 3,
		section: '综合',
		paragraphs: ['朱红的灯笼挂满上海的街道，志愿者参加义务劳动。朱海在上海，海义无关。'],
	},
	{
		url: '/articles/2020-05-01/01-jingji/',
		kind: 'article',
		title: '经济发展新思路',
		date: '2020-05-01',
		page: 1,
		section: '要闻',
		paragraphs: ['全市上下谋划新的一年。'],
	},
	{
		url: '/articles/2021-03-02/01-jingji/',
		kind: 'article',
		title: '春耕备耕忙',
		date: '2021-03-02',
		page: 1,
		section: '要闻',
		paragraphs: ['农业是县域经济发展的基础，今年春耕备耕有序推进。'],
	},
	{
		url: '/articles/2022-01-05/02-jingji/',
		kind: 'article',
		title: '冬日走访',
		date: '2022-01-05',
		page: 2,
		section: '综合',
		kicker: '新春走基层',
		subtitle: '记旬阳拐枣产业园',
		paragraphs: ['经济形势总体平稳，各项事业都在发展。'],
	},
	{
		url: '/notices/2021-11-11/02-shiyingshi/',
		kind: 'notice',
		title: '罚没石英石矿石拍卖公告',
		date: '2021-11-11',
		page: 2,
		section: '综合',
		status: '报名中',
		paragraphs: ['拍卖标的：石英石矿石680.29吨。', '联系电话：0915-3212345'],
	},
];

/**
 * The fixture's pages written into a fresh folder under `.tmp/` (named after `name`) and
 * indexed by the real index writer, `shardPages` pages a shard; returns the folder.
 */
export async function indexedFixtureSite(
	name: string,
	shardPages: number,
	postingPages?: number,
): Promise<string> {
	const siteDir = await mkdtemp(join(TMP_ROOT, `${name}-`));
	await writeFixtureSite(siteDir, FIXTURE_PAGES);
	await writeSearchIndex({
		siteDir,
		shardPages,
		...(postingPages === undefined ? {} : { postingPages }),
	});
	return siteDir;
}
