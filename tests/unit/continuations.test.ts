import { describe, expect, it } from 'vitest';
import { continuationMarker, stitchContinuations } from '../../src/domain/continuations.ts';
import { chineseNumeral } from '../../src/domain/dates.ts';
import { storyTitle } from '../../src/domain/story-title.ts';
import {
	assembleArchive,
	describePrinted,
	type Article,
	type Issue,
} from '../../src/data/archive-model.ts';

describe('stitchContinuations', () => {
	it('joins parts filed on different pages into one story in reading order', () => {
		const stories = stitchContinuations([
			{ id: 'd/02-b', date: '2021-11-11', page: 2, continuedFrom: { page: 1, article: 'd/01-a' } },
			{ id: 'd/01-a', date: '2021-11-11', page: 1, continuedOn: { page: 2, article: 'd/02-b' } },
			{ id: 'd/03-c', date: '2021-11-11', page: 3 },
		]);
		expect(stories.map((story) => story.id)).toEqual(['d/01-a', 'd/03-c']);
		const [joined] = stories;
		expect(joined!.parts.map(({ part }) => part.id)).toEqual(['d/01-a', 'd/02-b']);
		expect(joined!.parts.every((part) => !part.previousPartMissing && !part.nextPartMissing)).toBe(
			true,
		);
		expect(joined!.parts[1]!.continuedFromPage).toBe(1);
	});

	it('joins a part that only one side links', () => {
		const stories = stitchContinuations([
			{ id: 'a', date: '2021-11-11', page: 1 },
			{ id: 'b', date: '2021-11-11', page: 4, continuedFrom: { page: 1, article: 'a' } },
		]);
		expect(stories).toHaveLength(1);
		expect(stories[0]!.parts.map(({ part }) => part.id)).toEqual(['a', 'b']);
	});

	it('says a part is missing when its other half is not archived, without inventing it', () => {
		const [story] = stitchContinuations([
			{ id: 'x', date: '2021-11-11', page: 2, continuedFrom: { page: 1 } },
		]);
		expect(story!.parts).toHaveLength(1);
		expect(story!.parts[0]).toMatchObject({
			previousPartMissing: true,
			continuedFromPage: 1,
			nextPartMissing: false,
		});
	});

	it('treats a link to an article that is not loaded as missing', () => {
		const [story] = stitchContinuations([
			{ id: 'x', date: '2021-11-11', page: 2, continuedOn: { page: 5, article: 'nope' } },
		]);
		expect(story!.parts[0]).toMatchObject({ nextPartMissing: true, continuedOnPage: 5 });
	});

	it('prints markers the way the paper does', () => {
		expect(continuationMarker('from', 1, chineseNumeral)).toBe('上接一版');
		expect(continuationMarker('on', 2, chineseNumeral)).toBe('下转二版');
	});

	it('labels a continuation printed without its headline instead of inventing one', () => {
		expect(storyTitle({ title: '以踏石留印的狠劲抓落实' })).toEqual({
			text: '以踏石留印的狠劲抓落实',
			isPrinted: true,
		});
		expect(storyTitle({ continuedFrom: { page: 1 } })).toEqual({
			text: '（标题刊于一版，本档案未收录）',
			isPrinted: false,
		});
	});

	it('gives a continuation the headline of its archived first part, marked （续）', () => {
		expect(storyTitle({ continuedFrom: { page: 1 } }, '以踏石留印的狠劲抓落实')).toEqual({
			text: '以踏石留印的狠劲抓落实（续）',
			isPrinted: false,
		});
		// A part that prints a headline of its own keeps it.
		expect(storyTitle({ title: '二版标题', continuedFrom: { page: 1 } }, '一版标题').text).toBe(
			'二版标题',
		);
	});

	it('lists and page views show the continuation under its story’s headline', () => {
		const entry = (id: string, data: Record<string, unknown>) =>
			({
				id,
				collection: 'articles',
				data: { people: [], ...data },
				body: '在湖北打工的朱卫国，一天晚上突发疾病。',
			}) as unknown as Article;
		const first = entry('2021-11-11/01-tashiliuyin', {
			title: '以踏石留印的狠劲抓落实',
			date: '2021-11-11',
			page: 1,
			continuedOn: { page: 2, article: '2021-11-11/02-tashiliuyin' },
		});
		const second = entry('2021-11-11/02-tashiliuyin', {
			date: '2021-11-11',
			page: 2,
			continuedFrom: { page: 1, article: '2021-11-11/01-tashiliuyin' },
		});
		const orphan = entry('2021-11-11/02-other', {
			date: '2021-11-11',
			page: 2,
			continuedFrom: { page: 1 },
		});
		const issue = {
			id: '2021-11-11',
			collection: 'issues',
			data: { date: '2021-11-11', pages: [{ number: 1 }, { number: 2 }] },
		} as unknown as Issue;
		const archive = assembleArchive({
			articles: [second, first, orphan],
			people: [],
			notices: [],
			adverts: [],
			issues: [issue],
		});
		// What the issue and page views list, page by page.
		const titles = new Map(
			archive.pagesByDate
				.get('2021-11-11')!
				.flatMap((page) => page.items)
				.map((item) => [item.entry.id, describePrinted(item)]),
		);
		expect(titles.get(second.id)!.title).toBe('以踏石留印的狠劲抓落实（续）');
		expect(titles.get(second.id)!.href).toBe(
			'/articles/2021-11-11/01-tashiliuyin/#part-2021-11-11-02-tashiliuyin',
		);
		expect(titles.get(first.id)!.title).toBe('以踏石留印的狠劲抓落实');
		// A part whose headline ran on a page the archive lacks: its opening words, marked 续.
		expect(titles.get(orphan.id)!.title).toBe('续：在湖北打工的朱卫国……');
	});
});
