import { describe, expect, it } from 'vitest';
import {
	advertSchema,
	articleSchema,
	issueSchema,
	noticeSchema,
	personSchema,
} from '../../src/schemas/index.ts';

function messagesOf(result: {
	success: boolean;
	error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
	return (result.error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

const article = { title: '以踏石留印的狠劲抓落实', date: '2021-11-11', page: 2 };

describe('article schema', () => {
	it('accepts a minimal article and fills defaults', () => {
		const result = articleSchema.parse(article);
		expect(result).toMatchObject({ ...article, authors: [], people: [], tags: [], places: [] });
	});

	it('keeps an unquoted YAML date as the same calendar day', () => {
		expect(articleSchema.parse({ ...article, date: new Date('2021-11-11T00:00:00Z') }).date).toBe(
			'2021-11-11',
		);
	});

	it.each([
		['missing title', { date: '2021-11-11', page: 2 }, 'title'],
		['page 0', { ...article, page: 0 }, 'page'],
		['page as text', { ...article, page: '二' }, 'page'],
		['impossible date', { ...article, date: '2021-02-30' }, 'date'],
		['a time read as UTC', { ...article, date: new Date('2021-11-11T09:00:00Z') }, 'date'],
		['a typo in a field name', { ...article, tittle: 'x' }, ''],
		['a person id with Chinese', { ...article, people: ['朱海义'] }, 'people.0'],
	])('rejects %s, naming the field and the reason', (_name, input, field) => {
		const result = articleSchema.safeParse(input);
		expect(result.success).toBe(false);
		const messages = messagesOf(result);
		expect(messages.some((message) => message.startsWith(`${field}:`))).toBe(true);
		expect(messages.join('\n')).toMatch(/[\u4e00-\u9fff]|Unrecognized key/);
	});

	it('lets a continuation part go without a headline', () => {
		expect(
			articleSchema.safeParse({ date: '2021-11-11', page: 2, continuedFrom: { page: 1 } }).success,
		).toBe(true);
	});
});

describe('notice schema', () => {
	const notice = {
		kind: '拍卖公告',
		title: '罚没石英石矿石拍卖公告',
		date: '2021-11-11',
		page: 2,
		issuer: '陕西昌盛永恒拍卖有限公司',
		lots: [{ description: '石英石矿', quantity: 680.29, unit: '吨' }],
		auction: { time: '2021-11-25T10:00+08:00', venue: '安康市公共资源交易中心' },
		registrationDeadline: '2021-11-24T16:00+08:00',
	};

	it('accepts an auction notice with zoned times', () => {
		expect(noticeSchema.safeParse(notice).success).toBe(true);
	});

	it('refuses a time without an offset, which YAML would read as UTC', () => {
		const unquoted = noticeSchema.safeParse({
			...notice,
			auction: { ...notice.auction, time: new Date('2021-11-25T10:00:00Z') },
		});
		const noOffset = noticeSchema.safeParse({
			...notice,
			registrationDeadline: '2021-11-24T16:00',
		});
		expect(messagesOf(unquoted).join()).toContain('auction.time: 时间须加引号并写明时区');
		expect(messagesOf(noOffset).join()).toContain('registrationDeadline:');
	});

	it('requires the bidder’s essentials on an auction notice but not on other kinds', () => {
		const bare = { kind: '拍卖公告', title: 't', date: '2021-11-11', page: 2, issuer: 'x' };
		expect(
			messagesOf(noticeSchema.safeParse(bare)).map((message) => message.split(':')[0]),
		).toEqual(['auction', 'registrationDeadline', 'lots']);
		expect(noticeSchema.safeParse({ ...bare, kind: '遗失声明' }).success).toBe(true);
	});

	it('has no status field: status is computed', () => {
		expect(noticeSchema.safeParse({ ...notice, status: '报名中' }).success).toBe(false);
	});
});

describe('person, advert and issue schemas', () => {
	it('accepts honours with known levels and categories and refuses others', () => {
		const person = {
			name: '朱海义',
			description: '全国道德模范',
			honours: [{ title: '全国道德模范', level: '全国', year: 2021 }],
		};
		expect(personSchema.safeParse(person).success).toBe(true);
		const wrong = personSchema.safeParse({ ...person, honours: [{ title: 'x', level: '国家级' }] });
		expect(messagesOf(wrong).join()).toContain('honours.0.level: 级别应为');
	});

	it('accepts adverts of both kinds and refuses an unknown kind', () => {
		const advert = {
			kind: '公益宣传',
			title: '共建全国文明城',
			sponsor: '安康市创文办',
			date: '2021-11-11',
			page: 2,
		};
		expect(advertSchema.safeParse(advert).success).toBe(true);
		expect(advertSchema.safeParse({ ...advert, kind: '软文' }).success).toBe(false);
	});

	it('needs at least one page in an issue', () => {
		expect(issueSchema.safeParse({ date: '2021-11-11', pages: [] }).success).toBe(false);
		expect(issueSchema.parse({ date: '2021-11-11', pages: [{ number: 2 }] })).toMatchObject({
			dateInferred: false,
			pages: [{ number: 2, missing: false }],
		});
	});
});
