import { describe, expect, it } from 'vitest';
import {
	assembleArchive,
	issueSequence,
	type Archive,
	type Article,
	type Collections,
	type Issue,
	type Person,
} from '../../../src/data/archive-model.ts';
import { itemsMentioning } from '../../../src/data/people.ts';
import {
	issuePageKey,
	onThisDayPageKey,
	partRedirectKey,
	printedPageKey,
	storyPageKey,
} from '../../../src/data/page-keys.ts';
import { articleSchema, issueSchema, personSchema } from '../../../src/schemas/index.ts';

/**
 * The archive's lookups (a story by id, an issue by date, the stories naming a person) are
 * maps built once instead of scans per page. These tests check they answer exactly what
 * the scans answered, and that page cache keys change when, and only when, what a page
 * shows changes.
 */

function article(id: string, fields: Record<string, unknown>, html = `<p>${id}</p>`): Article {
	const data = articleSchema.parse({ title: `标题${id}`, page: 1, ...fields });
	return {
		id,
		collection: 'articles',
		data,
		body: `正文 ${id}`,
		rendered: { html, metadata: {} },
	} as unknown as Article;
}

function issue(date: string, pages: number[], dateInferred = false): Issue {
	const data = issueSchema.parse({
		date,
		dateInferred,
		pages: pages.map((number) => ({ number })),
	});
	return { id: date, collection: 'issues', data, body: '' } as unknown as Issue;
}

function person(id: string, name: string): Person {
	const data = personSchema.parse({ name, description: `${name}的简介` });
	return { id, collection: 'people', data, body: '' } as unknown as Person;
}

function collections(): Collections {
	return {
		articles: [
			article('2024-01-02/01-a', { date: '2024-01-02', order: 2, people: ['zhang'] }),
			article('2024-01-02/01-b', {
				date: '2024-01-02',
				order: 1,
				continuedOn: { page: 2, article: '2024-01-02/02-c' },
			}),
			article('2024-01-02/02-c', {
				date: '2024-01-02',
				page: 2,
				title: undefined,
				continuedFrom: { page: 1, article: '2024-01-02/01-b' },
				people: ['zhang', 'li'],
			}),
			article('2024-01-01/01-d', { date: '2024-01-01', people: ['zhang'] }),
			article('2024-01-03/01-e', { date: '2024-01-03' }),
		],
		people: [person('zhang', '张三'), person('li', '李四')],
		notices: [],
		adverts: [],
		// Out of order on purpose: the archive sorts issues by date.
		issues: [issue('2024-01-03', [1]), issue('2024-01-01', [1]), issue('2024-01-02', [1, 2])],
	};
}

/** What the pages did before the maps: scans of the whole archive. */
function scanStory(archive: Archive, id: string) {
	return archive.stories.find((story) => story.id === id);
}
function scanMentions(archive: Archive, personId: string) {
	return archive.stories
		.filter((story) => story.parts.some(({ part }) => part.entry.data.people.includes(personId)))
		.map((story) => story.id)
		.sort();
}

describe('assembleArchive', () => {
	const archive = assembleArchive(collections());

	it('finds every story by id as the scan did, including stories joined across pages', () => {
		expect(archive.stories.map((story) => story.id)).toEqual([
			'2024-01-01/01-d',
			'2024-01-02/01-a',
			'2024-01-02/01-b',
			'2024-01-03/01-e',
		]);
		for (const story of archive.stories) {
			expect(archive.storyById.get(story.id)).toBe(scanStory(archive, story.id));
		}
		expect(archive.storyById.get('2024-01-02/01-b')!.parts.map(({ part }) => part.id)).toEqual([
			'2024-01-02/01-b',
			'2024-01-02/02-c',
		]);
		expect(archive.storyById.has('2024-01-02/02-c')).toBe(false);
	});

	it('finds issues by date, oldest first', () => {
		expect(archive.issues.map((entry) => entry.data.date)).toEqual([
			'2024-01-01',
			'2024-01-02',
			'2024-01-03',
		]);
		for (const entry of archive.issues)
			expect(archive.issueByDate.get(entry.data.date)).toBe(entry);
		expect(archive.issueByDate.get('2024-01-04')).toBeUndefined();
	});

	it('lists the stories naming a person newest first, once per story, as the scan did', () => {
		const mentions = itemsMentioning(archive, 'zhang');
		expect(mentions.map((item) => item.kind === 'article' && item.storyId)).toEqual([
			'2024-01-02/01-a',
			'2024-01-02/01-b',
			'2024-01-01/01-d',
		]);
		expect(mentions.map((item) => item.kind === 'article' && item.storyId).sort()).toEqual(
			scanMentions(archive, 'zhang'),
		);
		expect(itemsMentioning(archive, 'li').map((item) => item.entry.id)).toEqual([
			'2024-01-02/01-b',
		]);
		expect(itemsMentioning(archive, 'nobody')).toEqual([]);
	});

	it('puts each page in print order and gives an issue one entry per story', () => {
		const pages = archive.pagesByDate.get('2024-01-02')!;
		expect(pages[0]!.items.map((item) => item.entry.id)).toEqual([
			'2024-01-02/01-b',
			'2024-01-02/01-a',
		]);
		const sequence = issueSequence(archive, '2024-01-02');
		expect(sequence.map((item) => item.href)).toEqual([
			'/articles/2024-01-02/01-b/',
			'/articles/2024-01-02/01-a/',
		]);
		// Computed once per date: every story page of the issue shares it.
		expect(issueSequence(archive, '2024-01-02')).toBe(sequence);
	});
});

describe('page cache keys', () => {
	const keysOf = (archive: Archive) => {
		const [first, second, third] = archive.issues;
		const pages = archive.pagesByDate.get('2024-01-02')!;
		const joined = archive.storyById.get('2024-01-02/01-b')!;
		return {
			day1: storyPageKey(archive, archive.storyById.get('2024-01-01/01-d')!),
			story: storyPageKey(archive, archive.storyById.get('2024-01-02/01-a')!),
			joined: storyPageKey(archive, joined),
			lonely: storyPageKey(archive, archive.storyById.get('2024-01-03/01-e')!),
			redirect: partRedirectKey(joined, '/articles/2024-01-02/01-b/#part-2024-01-02-02-c'),
			issue: issuePageKey(archive, second!, first, third),
			lastIssue: issuePageKey(archive, third!, second, undefined),
			page: printedPageKey(archive, pages[0]!, undefined, pages[1]),
			onThisDay: onThisDayPageKey(archive, '01-02', ['2024-01-02']),
		};
	};
	const before = keysOf(assembleArchive(collections()));

	it('are the same for the same archive', () => {
		expect(keysOf(assembleArchive(collections()))).toEqual(before);
		expect(new Set(Object.values(before)).size).toBe(Object.keys(before).length);
	});

	it('change for the pages that show an edited article, and only those', () => {
		const edited = collections();
		edited.articles[3] = article(
			'2024-01-01/01-d',
			{ date: '2024-01-01', people: ['zhang'] },
			'<p>改</p>',
		);
		const after = keysOf(assembleArchive(edited));
		expect(after.day1).not.toBe(before.day1);
		expect({ ...after, day1: before.day1 }).toEqual(before);

		const retitled = collections();
		retitled.articles[0] = article('2024-01-02/01-a', {
			date: '2024-01-02',
			order: 2,
			people: ['zhang'],
			title: '新标题',
		});
		const changed = keysOf(assembleArchive(retitled));
		// Its own page, the story printed before it (next link), its issue and its printed page.
		expect(changed.story).not.toBe(before.story);
		expect(changed.joined).not.toBe(before.joined);
		expect(changed.issue).not.toBe(before.issue);
		expect(changed.page).not.toBe(before.page);
		expect(changed.onThisDay).not.toBe(before.onThisDay);
		expect(changed.lonely).toBe(before.lonely);
		expect(changed.lastIssue).toBe(before.lastIssue);
	});

	it('change when a continued part, a named person or the issue around a page changes', () => {
		const part = collections();
		part.articles[2] = article(
			'2024-01-02/02-c',
			{
				date: '2024-01-02',
				page: 2,
				title: undefined,
				continuedFrom: { page: 1, article: '2024-01-02/01-b' },
				people: ['zhang', 'li'],
			},
			'<p>续文改了</p>',
		);
		expect(keysOf(assembleArchive(part)).joined).not.toBe(before.joined);

		const renamed = collections();
		renamed.people[1] = person('li', '李四四');
		const afterRename = keysOf(assembleArchive(renamed));
		expect(afterRename.joined).not.toBe(before.joined);
		expect(afterRename.lonely).toBe(before.lonely);

		const inferred = collections();
		inferred.issues[0] = issue('2024-01-03', [1], true);
		const afterInferred = keysOf(assembleArchive(inferred));
		expect(afterInferred.lonely).not.toBe(before.lonely);
		expect(afterInferred.lastIssue).not.toBe(before.lastIssue);
		expect(afterInferred.story).toBe(before.story);
	});

	it('change for the last issue when a new day is published after it', () => {
		const published = collections();
		published.issues.push(issue('2024-01-04', [1]));
		published.articles.push(article('2024-01-04/01-f', { date: '2024-01-04' }));
		const archive = assembleArchive(published);
		const [, second, third, fourth] = archive.issues;
		expect(issuePageKey(archive, third!, second, fourth)).not.toBe(before.lastIssue);
		// Story pages link within their own issue only: yesterday's stories are reused.
		expect(storyPageKey(archive, archive.storyById.get('2024-01-03/01-e')!)).toBe(before.lonely);
	});
});
