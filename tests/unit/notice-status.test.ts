import { describe, expect, it } from 'vitest';
import { generationTime, noticeStatus } from '../../src/domain/notice-status.ts';

const auction = {
	kind: '拍卖公告',
	registrationDeadline: '2021-11-24T16:00+08:00',
	auction: { time: '2021-11-25T10:00+08:00' },
};

describe('noticeStatus', () => {
	it('is open until the registration deadline', () => {
		expect(noticeStatus(auction, new Date('2021-11-24T15:59:59+08:00'))).toBe('报名中');
	});

	it('is closed from the deadline until the auction starts', () => {
		expect(noticeStatus(auction, new Date('2021-11-24T16:00:00+08:00'))).toBe('已截止');
		expect(noticeStatus(auction, new Date('2021-11-25T09:59:00+08:00'))).toBe('已截止');
	});

	it('is auctioned from the auction time on', () => {
		expect(noticeStatus(auction, new Date('2021-11-25T10:00:00+08:00'))).toBe('已拍卖');
		expect(noticeStatus(auction, new Date('2026-01-01T00:00:00Z'))).toBe('已拍卖');
	});

	it('gives other kinds of notice no status', () => {
		expect(noticeStatus({ kind: '遗失声明' }, new Date())).toBeUndefined();
	});

	it('pins the generation time to SOURCE_DATE_EPOCH for reproducible builds', () => {
		expect(generationTime({ SOURCE_DATE_EPOCH: '1637712000' }).toISOString()).toBe(
			'2021-11-24T00:00:00.000Z',
		);
		expect(generationTime({}).getTime()).toBeGreaterThan(Date.parse('2026-01-01'));
	});
});
