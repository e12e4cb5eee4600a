import { describe, expect, it } from 'vitest';
import {
	buildRelatedIndex,
	relatedTo,
	WINDOW,
	type RelatableItem,
} from '../../src/domain/related.ts';

function item(id: string, date: string, features: Partial<RelatableItem> = {}): RelatableItem {
	return { id, date, people: [], places: [], tags: [], ...features };
}

describe('relatedTo', () => {
	const items = [
		item('a', '2021-11-11', { people: ['zhu'], places: ['旬阳'], tags: ['道德模范'] }),
		item('b', '2021-11-12', { people: ['zhu'] }),
		item('c', '2021-11-13', { tags: ['道德模范'] }),
		item('d', '2021-11-14', { places: ['旬阳'] }),
		item('e', '2021-11-15', { places: ['旬阳', '紫阳'] }),
		item('f', '2021-11-16', { people: ['zhu'], tags: ['道德模范'] }),
		item('g', '2021-11-10', { tags: ['道德模范'] }),
		item('h', '2021-11-13', { tags: ['道德模范'] }),
	];

	it('ranks by shared people, tags and places, and drops weak links', () => {
		const index = buildRelatedIndex(items);
		// f shares a person and a tag (5); b a person (3); c, g, h a tag (2); d a place (1: too weak).
		expect(relatedTo(index, 'a')).toEqual(['f', 'b', 'c', 'h', 'g']);
		expect(relatedTo(index, 'a', 2)).toEqual(['f', 'b']);
	});

	it('breaks ties by date, newest first, then by id', () => {
		const index = buildRelatedIndex(items);
		expect(relatedTo(index, 'f')).toEqual(['a', 'b', 'c', 'h', 'g']);
	});

	it('gives the same answer whatever order the items come in', () => {
		const forward = buildRelatedIndex(items);
		const backward = buildRelatedIndex([...items].reverse());
		for (const { id } of items) expect(relatedTo(backward, id)).toEqual(relatedTo(forward, id));
	});

	it('never lists the item itself, and nothing for an unknown id or an item with no features', () => {
		const index = buildRelatedIndex([...items, item('lonely', '2021-11-11')]);
		for (const { id } of items) expect(relatedTo(index, id)).not.toContain(id);
		expect(relatedTo(index, 'lonely')).toEqual([]);
		expect(relatedTo(index, 'nope')).toEqual([]);
	});

	it('counts a repeated feature once', () => {
		const index = buildRelatedIndex([
			item('x', '2021-01-01', { tags: ['t', 't'] }),
			item('y', '2021-01-02', { tags: ['t'] }),
		]);
		expect(relatedTo(index, 'x')).toEqual(['y']);
	});

	it('for a feature shared by very many items, looks only at the nearest in date', () => {
		const many = Array.from({ length: 4 * WINDOW }, (_, i) =>
			item(`n${String(i).padStart(4, '0')}`, `2021-01-01`, { tags: ['安康', `own${i}`] }),
		);
		// Same date for all: date order is id order; the middle item sees WINDOW on each side.
		const far = item('zz-far', '2030-01-01', { tags: ['安康'] });
		const index = buildRelatedIndex([...many, far]);
		const middle = many[2 * WINDOW]!.id;
		const related = relatedTo(index, middle, 1000);
		expect(related).toHaveLength(2 * WINDOW);
		expect(related).not.toContain('zz-far');
	});
});
