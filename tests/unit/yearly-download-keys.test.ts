import { describe, expect, it } from 'vitest';
import {
	assembleArchive,
	type Article,
	type Collections,
	type Issue,
	type Person,
} from '../../src/data/archive-model.ts';
import {
	itemFilePaths,
	yearlyDownloadKeys,
	yearlyDownloadMembers,
} from '../../src/data/item-files.ts';
import { allRecords } from '../../src/data/open-data.ts';
import { articleSchema, issueSchema, personSchema } from '../../src/schemas/index.ts';

/**
 * The yearly downloads' cache keys (`/data/<year>.jsonl.gz`) come from the item-file
 * bundles' keys (src/data/item-files.ts): a year's key must change whenever one of its
 * records does, and only then. The real-build check is tests/build/yearly-downloads.test.ts.
 */

function article(id: string, date: string, body = `正文 ${id}`): Article {
	const data = articleSchema.parse({ title: `标题${id}`, page: 1, date });
	return {
		id,
		collection: 'articles',
		data,
		body,
		rendered: { html: '', metadata: {} },
	} as unknown as Article;
}

function issue(date: string): Issue {
	const data = issueSchema.parse({ date, pages: [{ number: 1 }] });
	return { id: date, collection: 'issues', data, body: '' } as unknown as Issue;
}

function person(id: string, name: string, body = ''): Person {
	const data = personSchema.parse({ name, description: `${name}的简介` });
	return { id, collection: 'people', data, body } as unknown as Person;
}

function collections(): Collections {
	return {
		articles: [
			article('2023-12-31/01-a', '2023-12-31'),
			article('2024-01-01/01-b', '2024-01-01'),
			article('2024-01-02/01-c', '2024-01-02'),
		],
		people: [person('zhang', '张三')],
		notices: [],
		adverts: [],
		issues: [issue('2023-12-31'), issue('2024-01-01'), issue('2024-01-02')],
	};
}

const keysOf = (content: Collections) =>
	Object.fromEntries(yearlyDownloadKeys(assembleArchive(content)));
const before = keysOf(collections());

describe('yearly download keys', () => {
	it('name every year and the people, and stay the same for the same content', () => {
		expect(Object.keys(before).sort()).toEqual(['2023', '2024', 'people']);
		expect(keysOf(collections())).toEqual(before);
		expect(new Set(Object.values(before)).size).toBe(3);
	});

	it('change for the year of an edited record, and only for it', () => {
		const edited = collections();
		edited.articles[2] = article('2024-01-02/01-c', '2024-01-02', '改过的正文');
		const after = keysOf(edited);
		expect(after['2024']).not.toBe(before['2024']);
		expect({ ...after, 2024: before['2024'] }).toEqual(before);
	});

	it('change for a year that gains or loses a record', () => {
		const added = collections();
		added.articles.push(article('2023-12-31/02-d', '2023-12-31'));
		expect(keysOf(added)['2023']).not.toBe(before['2023']);
		expect(keysOf(added)['2024']).toBe(before['2024']);
		const removed = collections();
		removed.articles.splice(1, 1);
		expect(keysOf(removed)['2024']).not.toBe(before['2024']);
		expect(keysOf(removed)['2023']).toBe(before['2023']);
	});

	it('change for the people when a profile does', () => {
		const edited = collections();
		edited.people[0] = person('zhang', '张三', '新的介绍');
		const after = keysOf(edited);
		expect(after.people).not.toBe(before.people);
		expect({ ...after, people: before.people }).toEqual(before);
	});

	it('come from the bundles the bundle route lists, made once per archive', () => {
		const archive = assembleArchive(collections());
		yearlyDownloadKeys(archive);
		const bundles = itemFilePaths(archive);
		expect(bundles.map(({ params }) => `${params.collection}/${params.group}`)).toEqual([
			'articles/2023-12-31',
			'articles/2024-01-01',
			'articles/2024-01-02',
			'people/all',
		]);
		// The same records (not equal copies): the bundles and their keys were not made again.
		expect(itemFilePaths(archive)[0]!.props.records).toBe(bundles[0]!.props.records);
	});
});

describe('yearly download members', () => {
	const content = () => {
		const base = collections();
		base.articles.push(
			article('2024-02-01/01-d', '2024-02-01'),
			// An id whose day is not its date: its bundle (2024-01-02) holds records of two months.
			article('2024-01-02/02-e', '2024-02-03'),
		);
		return base;
	};
	const membersOf = (archive: ReturnType<typeof assembleArchive>, file: string) =>
		yearlyDownloadMembers(archive, file).map(({ name, key, records }) => ({
			name,
			key,
			ids: records.map(({ id }) => id),
		}));

	it('hold the year’s records in the download’s order, one member a kind and month', () => {
		const archive = assembleArchive(content());
		const members = membersOf(archive, '2024');
		expect(members.map(({ name }) => name)).toEqual(['article-2024-01', 'article-2024-02']);
		expect(members.flatMap(({ ids }) => ids)).toEqual(
			allRecords(archive)
				.filter(({ year }) => year === 2024)
				.map(({ record }) => record.id),
		);
		expect(membersOf(archive, 'people')).toMatchObject([{ name: 'person', ids: ['zhang'] }]);
		expect(new Set(members.map(({ key }) => key)).size).toBe(2);
	});

	it('change the key of the edited record’s member only, also across a shared bundle', () => {
		const before = membersOf(assembleArchive(content()), '2024');
		const edited = content();
		edited.articles[4] = article('2024-01-02/02-e', '2024-02-03', '改过的正文');
		const after = membersOf(assembleArchive(edited), '2024');
		// The shared bundle changed, so both of its months are made again.
		expect(after.map(({ key }) => key)).not.toContain(before[0]!.key);
		expect(after[1]!.key).not.toBe(before[1]!.key);
		const other = content();
		other.articles[3] = article('2024-02-01/01-d', '2024-02-01', '改过的正文');
		const afterOther = membersOf(assembleArchive(other), '2024');
		expect(afterOther[0]).toEqual(before[0]);
		expect(afterOther[1]!.key).not.toBe(before[1]!.key);
	});
});
