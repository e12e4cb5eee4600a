import { describe, expect, it } from 'vitest';
import { archiveCalendar, neighbours } from '../../src/domain/archive-calendar.ts';
import { formatYuan } from '../../src/domain/money.ts';
import { noticeEvent, noticeEventLabels, noticeFacts } from '../../src/domain/notice-facts.ts';
import {
	formatPlace,
	highestLevel,
	matchesFilter,
	PEOPLE_FILTERS,
} from '../../src/domain/people-filters.ts';
import { compareNewestFirst, comparePrintOrder } from '../../src/domain/print-order.ts';

describe('print order', () => {
	it('puts items in printed order, unordered items last by id', () => {
		const items = [
			{ id: 'c', date: '2021-11-11', page: 2 },
			{ id: 'b', date: '2021-11-11', page: 2, order: 2 },
			{ id: 'a', date: '2021-11-11', page: 2 },
			{ id: 'z', date: '2021-11-11', page: 2, order: 1 },
		];
		expect(items.sort(comparePrintOrder).map((item) => item.id)).toEqual(['z', 'b', 'a', 'c']);
	});

	it('lists newest issues first, then by page', () => {
		const items = [
			{ id: 'old', date: '2021-11-10', page: 1 },
			{ id: 'p2', date: '2021-11-11', page: 2 },
			{ id: 'p1', date: '2021-11-11', page: 1 },
		];
		expect(items.sort(compareNewestFirst).map((item) => item.id)).toEqual(['p1', 'p2', 'old']);
	});
});

describe('archive calendar', () => {
	it('groups issue dates into years, months and days, newest first', () => {
		const years = archiveCalendar([
			'2021-11-11',
			'1998-01-02',
			'1998-01-01',
			'2021-10-01',
			'2021-11-11',
		]);
		expect(years.map((year) => year.year)).toEqual([2021, 1998]);
		expect(years[0]!.months.map((month) => [month.month, month.dates])).toEqual([
			[11, ['2021-11-11']],
			[10, ['2021-10-01']],
		]);
		expect(years[1]!.months[0]!.dates).toEqual(['1998-01-01', '1998-01-02']);
	});

	it('finds neighbours for previous and next links', () => {
		expect(neighbours(['a', 'b', 'c'], 1)).toEqual({ previous: 'a', next: 'c' });
		expect(neighbours(['a'], 0)).toEqual({});
	});
});

describe('notice facts', () => {
	it('turns an auction notice into the rows a bidder reads', () => {
		const facts = noticeFacts(
			{
				principal: '旬阳市自然资源局',
				issuer: '陕西昌盛永恒拍卖有限公司',
				lots: [{ description: '石英石矿', quantity: 680.29, unit: '吨', location: '316国道旁' }],
				viewing: { until: '2021-11-24', place: '标的所在地' },
				auction: { time: '2021-11-25T10:00+08:00', venue: '201开标室' },
				deposits: [
					{ name: '竞买保证金', amountYuan: 20000 },
					{ name: '履约保证金', amountYuan: 6000 },
				],
				registrationDeadline: '2021-11-24T16:00+08:00',
				contacts: [{ phones: ['0915-3216489'], person: '梁女士', address: '西大街11号' }],
				signedDate: '2021-11-10',
			},
			'Asia/Shanghai',
		);
		const table = Object.fromEntries(facts.map((fact) => [fact.label, fact.values.join(' | ')]));
		expect(table).toMatchObject({
			委托方: '旬阳市自然资源局',
			标的: '石英石矿，680.29吨',
			展示时间: '公告发布之日至2021年11月24日',
			拍卖时间: '2021年11月25日 10:00',
			保证金: '竞买保证金 2万元 | 履约保证金 6000元',
			报名及交款截止: '2021年11月24日 16:00',
			联系电话: '0915-3216489 梁女士',
			落款日期: '2021年11月10日',
		});
	});

	it('turns a tender notice into rows under its own labels, never 拍卖时间', () => {
		const facts = noticeFacts(
			{
				kind: '招标公告',
				principal: '旬阳市交通运输局',
				issuer: '陕西某招标代理有限公司',
				lots: [{ description: '县道养护工程' }],
				bidOpening: { time: '2021-12-02T09:30+08:00', place: '安康市公共资源交易中心开标室' },
				tenderDocuments: { from: '2021-11-12', until: '2021-11-18', place: '交易中心网站' },
				qualifications: ['具有公路工程施工总承包三级及以上资质', '近三年无行贿犯罪记录'],
				deposits: [{ name: '投标保证金', amountYuan: 20000 }],
				contacts: [],
			},
			'Asia/Shanghai',
		);
		const table = Object.fromEntries(facts.map((fact) => [fact.label, fact.values.join(' | ')]));
		expect(table).toEqual({
			招标人: '旬阳市交通运输局',
			发布方: '陕西某招标代理有限公司',
			招标内容: '县道养护工程',
			投标人资格要求: '具有公路工程施工总承包三级及以上资质 | 近三年无行贿犯罪记录',
			招标文件获取时间: '2021年11月12日至2021年11月18日',
			招标文件获取地点: '交易中心网站',
			开标时间: '2021年12月2日 09:30',
			开标地点: '安康市公共资源交易中心开标室',
			投标保证金: '投标保证金 2万元',
		});
	});

	it('names each kind’s event from one place, for the fact table and calendars', () => {
		expect(noticeEventLabels('招标公告')).toEqual({
			name: '开标',
			time: '开标时间',
			place: '开标地点',
		});
		expect(noticeEventLabels('拍卖公告')).toEqual({
			name: '拍卖会',
			time: '拍卖时间',
			place: '拍卖地点',
		});
		expect(
			noticeEvent({
				kind: '招标公告',
				bidOpening: { time: '2021-12-02T09:30+08:00', place: '开标室' },
			}),
		).toMatchObject({ name: '开标', start: '2021-12-02T09:30+08:00', venue: '开标室' });
		expect(noticeEvent({ kind: '遗失声明' })).toBeUndefined();
	});

	it('formats yuan amounts as printed', () => {
		expect(formatYuan(20000)).toBe('2万元');
		expect(formatYuan(6000)).toBe('6000元');
		expect(formatYuan(125000)).toBe('12.5万元');
		expect(formatYuan(0.5)).toBe('0.5元');
	});
});

describe('people directory', () => {
	const person = {
		honours: [
			{ level: '县级' as const },
			{ level: '全国' as const, category: '见义勇为' as const },
		],
	};

	it('filters by honour level and category', () => {
		const national = PEOPLE_FILTERS.find((filter) => filter.value === '全国')!;
		const city = PEOPLE_FILTERS.find((filter) => filter.value === '市级')!;
		const bravery = PEOPLE_FILTERS.find((filter) => filter.value === '见义勇为')!;
		expect(matchesFilter(person, national)).toBe(true);
		expect(matchesFilter(person, city)).toBe(false);
		expect(matchesFilter(person, bravery)).toBe(true);
		expect(highestLevel(person)).toBe('全国');
		expect(highestLevel({ honours: [] })).toBeUndefined();
	});

	it('writes places as known', () => {
		expect(formatPlace({ county: '旬阳市', township: '神河镇', village: '神河社区' })).toBe(
			'旬阳市 · 神河镇 · 神河社区',
		);
		expect(formatPlace({})).toBe('');
	});
});
