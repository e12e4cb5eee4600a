import { describe, expect, test } from 'vitest';
import { highlightWords } from '../../../src/search/browser/search-everywhere.ts';
import { highlightUrl, paramsFromState, stateFromParams } from '../../../src/search/url-state.ts';

describe('search state in the address', () => {
	test('reads every field of /search/?q=朱海义&kind=person&year=2021&sort=date', () => {
		const state = stateFromParams(
			new URLSearchParams('q=朱海义&kind=person&year=2021&section=要闻&status=报名中&sort=date'),
		);
		expect(state).toEqual({
			q: '朱海义',
			filters: { kind: 'person', year: '2021', section: '要闻', status: '报名中' },
			sort: 'newest',
		});
	});

	test('writes the same address back, leaving defaults out', () => {
		const params = 'q=%E6%9C%B1%E6%B5%B7%E4%B9%89&kind=person&year=2021&sort=date';
		expect(paramsFromState(stateFromParams(new URLSearchParams(params))).toString()).toBe(params);
		expect(
			paramsFromState({ q: ' 朱海义 ', filters: { kind: '' }, sort: 'relevance' }).toString(),
		).toBe('q=%E6%9C%B1%E6%B5%B7%E4%B9%89');
	});

	test('oldest first is sort=oldest; an unknown sort is relevance', () => {
		expect(stateFromParams(new URLSearchParams('sort=oldest')).sort).toBe('oldest');
		expect(stateFromParams(new URLSearchParams('sort=random')).sort).toBe('relevance');
	});
});

describe('highlight links', () => {
	test('adds the words to a result link, before its fragment', () => {
		expect(highlightUrl('/articles/x/#part-2', ['朱海义', 'cctv'])).toBe(
			'/articles/x/?highlight=%E6%9C%B1%E6%B5%B7%E4%B9%89%20cctv#part-2',
		);
		expect(highlightUrl('/people/zhu-haiyi/', [])).toBe('/people/zhu-haiyi/');
	});

	test('the item page reads the words back', () => {
		const url = new URL(highlightUrl('/articles/x/', ['朱海义', 'cctv']), 'https://example.org');
		expect(highlightWords(url.searchParams)).toEqual(['朱海义', 'cctv']);
	});
});
