import ICAL from 'ical.js';
import { describe, expect, test } from 'vitest';
import { noticeCalendar } from '../../src/domain/notice-calendar.ts';
import {
	EVENT_KINDS,
	noticeEvents,
	upcomingDeadlines,
	type NoticeEventSource,
} from '../../src/domain/notice-events.ts';

const HOST = 'archive.akrb.example';

const auctionNotice: NoticeEventSource = {
	id: '2021-11-11/02-shiyingshi-paimai',
	title: '罚没石英石矿石拍卖公告',
	date: '2021-11-11',
	viewing: { until: '2021-11-24', place: '标的所在地' },
	auction: { time: '2021-11-25T10:00+08:00', venue: '安康市公共资源交易中心二楼201开标室' },
	registrationDeadline: '2021-11-24T16:00+08:00',
};

function parse(text: string) {
	const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
	return calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
}

describe('noticeEvents', () => {
	test('an auction notice gives its viewing, deadline and auction, labelled from one table', () => {
		const events = noticeEvents(auctionNotice, HOST);
		expect(events.map((event) => [event.kind, event.summary])).toEqual([
			['viewing', `${EVENT_KINDS.viewing.label}：罚没石英石矿石拍卖公告`],
			['registration', `${EVENT_KINDS.registration.label}：罚没石英石矿石拍卖公告`],
			['auction', `${EVENT_KINDS.auction.label}：罚没石英石矿石拍卖公告`],
		]);
		// 自本公告发布之日起: no viewing.from, so the viewing starts on the day it was printed.
		expect(events[0]).toMatchObject({ allDay: true, start: '2021-11-11', end: '2021-11-24' });
	});

	test('uids are the notice id, the kind of event and the host: the same in every build', () => {
		expect(noticeEvents(auctionNotice, HOST).map((event) => event.uid)).toEqual([
			'notice-2021-11-11-02-shiyingshi-paimai-viewing@archive.akrb.example',
			'notice-2021-11-11-02-shiyingshi-paimai-registration@archive.akrb.example',
			'notice-2021-11-11-02-shiyingshi-paimai-auction@archive.akrb.example',
		]);
	});

	test('a notice without dates (遗失声明) has no events', () => {
		expect(noticeEvents({ id: 'a/b', title: '遗失声明', date: '2021-11-11' }, HOST)).toEqual([]);
	});
});

describe('noticeCalendar, read back with ical.js', () => {
	const stamp = new Date('2022-11-11T02:00:00Z');
	const text = noticeCalendar(noticeEvents(auctionNotice, HOST), {
		name: '公告',
		stamp,
		urlOf: () => 'https://archive.akrb.example/notices/2021-11-11/02-shiyingshi-paimai/',
	});
	const events = parse(text);

	test('moments are the Asia/Shanghai times of the notice, as UTC', () => {
		const auction = events.find((event) => event.uid.endsWith('-auction@archive.akrb.example'))!;
		expect(auction.startDate.toJSDate().getTime()).toBe(Date.parse('2021-11-25T10:00+08:00'));
		expect(auction.startDate.toString()).toBe('2021-11-25T02:00:00Z');
		expect(auction.location).toBe('安康市公共资源交易中心二楼201开标室');
		const deadline = events.find((event) => event.uid.includes('-registration@'))!;
		expect(deadline.startDate.toJSDate().getTime()).toBe(Date.parse('2021-11-24T16:00+08:00'));
	});

	test('the viewing period is whole days, its end exclusive', () => {
		const viewing = events.find((event) => event.uid.includes('-viewing@'))!;
		expect(viewing.startDate.isDate).toBe(true);
		expect(viewing.startDate.toString()).toBe('2021-11-11');
		expect(viewing.endDate.toString()).toBe('2021-11-25');
	});

	test('DTSTAMP is the build time given, not the clock', () => {
		for (const event of events) {
			expect(event.component.getFirstPropertyValue('dtstamp')?.toString()).toBe(
				'2022-11-11T02:00:00Z',
			);
		}
		expect(text).toBe(
			noticeCalendar(noticeEvents(auctionNotice, HOST), {
				name: '公告',
				stamp,
				urlOf: () => 'https://archive.akrb.example/notices/2021-11-11/02-shiyingshi-paimai/',
			}),
		);
	});
});

describe('upcomingDeadlines', () => {
	const notices = [
		{ id: 'b', events: noticeEvents({ ...auctionNotice, id: 'b' }, HOST) },
		{
			id: 'a',
			events: noticeEvents(
				{ ...auctionNotice, id: 'a', registrationDeadline: '2021-11-20T16:00+08:00' },
				HOST,
			),
		},
	];

	test('lists deadlines from now to seven days on, soonest first, and nothing else', () => {
		const found = upcomingDeadlines(notices, new Date('2021-11-18T00:00+08:00'), '+08:00');
		expect(found.map(({ notice, event }) => [notice.id, event.kind])).toEqual([
			['a', 'registration'],
			['b', 'registration'],
		]);
	});

	test('a deadline passed or more than seven days away is not listed', () => {
		expect(upcomingDeadlines(notices, new Date('2021-11-24T16:01+08:00'), '+08:00')).toEqual([]);
		expect(upcomingDeadlines(notices, new Date('2021-11-01T00:00+08:00'), '+08:00')).toEqual([]);
		const edge = upcomingDeadlines(notices, new Date('2021-11-17T16:00+08:00'), '+08:00');
		expect(edge.map(({ notice }) => notice.id)).toEqual(['a', 'b']);
	});
});
