/**
 * The search page: keeps the form and the address in step (`?q=…&kind=…&year=…
 * &section=…&status=…&sort=…`), asks the worker (`search-worker.ts`) for results as
 * the reader types, and shows them: count, filters with counts, results with their
 * excerpts, or a message naming the words that were not found. The page renders
 * without JavaScript (it says searching needs it); every other page reads without it.
 */

import type { FilterKey, ResultView } from '../engine.ts';
import {
	highlightUrl,
	paramsFromState,
	sameState,
	stateFromParams,
	type SearchState,
} from '../url-state.ts';
import { formatChineseDate } from '../../domain/dates.ts';
import { KIND_LABELS, type ItemKind } from '../../domain/routes.ts';
import {
	RESULTS_PAGE_SIZE,
	type SearchSummary,
	type WorkerRequest,
	type WorkerResponse,
} from './search-protocol.ts';

/** Wait after the last keystroke before searching: short, the index is local. */
const TYPING_PAUSE_MS = 80;

interface Elements {
	form: HTMLFormElement;
	input: HTMLInputElement;
	selects: Record<FilterKey | 'sort', HTMLSelectElement>;
	status: HTMLElement;
	list: HTMLOListElement;
	more: HTMLButtonElement;
}

const FILTER_NAMES: FilterKey[] = ['kind', 'year', 'section', 'status'];

function filterLabel(key: FilterKey, value: string): string {
	if (key === 'kind') return KIND_LABELS[value as ItemKind] ?? value;
	if (key === 'year') return `${value}年`;
	return value;
}

/** What the reader is told when there are no results. */
export function problemMessage(summary: SearchSummary): string {
	const quote = (words: string[]) => words.map((word) => `“${word}”`).join('、');
	switch (summary.problem) {
		case 'empty-query':
			return '请输入要查找的词语。';
		case 'missing-words':
			return `没有找到包含${quote(summary.missingWords)}的内容${
				summary.missingWords.length < summary.words.length ? '，因此没有同时包含所有词语的结果' : ''
			}。请检查用字，或去掉这个词再试。`;
		case 'not-together':
			return `每个词都能找到，但没有同时包含${quote(summary.words)}的内容。可以减少词语再试。`;
		case 'filtered-out':
			return `在所选的筛选条件下没有包含${quote(summary.words)}的内容。可以放宽筛选条件。`;
		default:
			return '';
	}
}

/** `您是否要找：朱海义`, each name a link to its search with the current filters. */
function suggestionNodes(suggestions: readonly string[], state: SearchState): Node[] {
	const nodes: Node[] = [document.createTextNode('您是否要找：')];
	suggestions.forEach((name, index) => {
		if (index > 0) nodes.push(document.createTextNode('、'));
		const link = document.createElement('a');
		link.href = `${window.location.pathname}?${paramsFromState({ ...state, q: name }).toString()}`;
		link.textContent = name;
		link.dataset.suggestion = name;
		nodes.push(link);
	});
	nodes.push(document.createTextNode('？'));
	return nodes;
}

function countMessage(summary: SearchSummary, shown: number): string {
	const ignored =
		summary.ignoredWords.length > 0
			? `（词语过多，未查找：${summary.ignoredWords.join('、')}）`
			: '';
	const more = summary.total > shown ? `，显示前 ${shown} 条` : '';
	// Older shards are searched when the reader asks for more (sharded-search.ts).
	const period =
		summary.complete || !summary.searchedFrom
			? ''
			: `（已查找${formatChineseDate(summary.searchedFrom)}以来的报纸，点“显示更多结果”继续查找更早的报纸）`;
	return `找到 ${summary.total} 条结果${period}${more}。${ignored}`;
}

/** Whether the “more” button has anything left to show: results, or older papers to search. */
function hasMore(summary: SearchSummary, shown: number): boolean {
	return summary.total > shown || (!summary.complete && !summary.problem);
}

function renderResult(view: ResultView, words: string[]): HTMLLIElement {
	const item = document.createElement('li');
	item.className = 'result';
	const meta = document.createElement('p');
	meta.className = 'result-meta';
	const kind = document.createElement('span');
	kind.className = 'result-kind';
	kind.textContent = KIND_LABELS[view.kind as ItemKind] ?? '';
	meta.append(kind);
	const details: (string | HTMLElement)[] = [];
	if (view.date) {
		const time = document.createElement('time');
		time.dateTime = view.date;
		time.textContent = formatChineseDate(view.date);
		details.push(time);
	}
	if (view.page) details.push(`第${view.page}版`);
	if (view.section) details.push(view.section);
	if (view.status) details.push(view.status);
	for (const detail of details) meta.append(' · ', detail);
	const heading = document.createElement('h2');
	heading.className = 'result-title';
	const link = document.createElement('a');
	link.href = highlightUrl(view.url, words);
	link.textContent = view.title;
	heading.append(link);
	const excerpt = document.createElement('p');
	excerpt.className = 'result-excerpt';
	for (const part of view.excerpt) {
		if (part.match) {
			const mark = document.createElement('mark');
			mark.textContent = part.text;
			excerpt.append(mark);
		} else {
			excerpt.append(part.text);
		}
	}
	item.append(heading, meta, excerpt);
	return item;
}

/** Fills one filter's options with the values that occur and their counts, keeping the choice. */
function renderFilter(
	select: HTMLSelectElement,
	key: FilterKey,
	counts: Record<string, number> | undefined,
	chosen: string | undefined,
): void {
	const allOption = select.options[0]!;
	const values = new Map(Object.entries(counts ?? {}).filter(([, count]) => count > 0));
	if (chosen && !values.has(chosen)) values.set(chosen, 0);
	const kindOrder = Object.keys(KIND_LABELS);
	const sorted = [...values].sort(([a], [b]) => {
		if (key === 'kind') return kindOrder.indexOf(a) - kindOrder.indexOf(b);
		if (key === 'year') return b.localeCompare(a);
		return a.localeCompare(b, 'zh-Hans-CN');
	});
	const options = sorted.map(([value, count]) => {
		const option = document.createElement('option');
		option.value = value;
		option.textContent = `${filterLabel(key, value)}（${count}）`;
		return option;
	});
	select.replaceChildren(allOption, ...options);
	select.value = chosen ?? '';
}

function readForm(elements: Elements): SearchState {
	const params = new URLSearchParams();
	params.set('q', elements.input.value);
	for (const [name, select] of Object.entries(elements.selects)) {
		if (select.value) params.set(name, select.value);
	}
	return stateFromParams(params);
}

function writeForm(elements: Elements, state: SearchState): void {
	elements.input.value = state.q;
	for (const key of FILTER_NAMES) {
		const select = elements.selects[key];
		const value = state.filters[key] ?? '';
		if (value && ![...select.options].some((option) => option.value === value)) {
			const option = document.createElement('option');
			option.value = value;
			option.textContent = filterLabel(key, value);
			select.append(option);
		}
		select.value = value;
	}
	elements.selects.sort.value = paramsFromState(state).get('sort') ?? '';
}

function findElements(): Elements | undefined {
	const form = document.querySelector<HTMLFormElement>('form[data-search-form]');
	const status = document.querySelector<HTMLElement>('[data-search-status]');
	const list = document.querySelector<HTMLOListElement>('[data-search-results]');
	const more = document.querySelector<HTMLButtonElement>('[data-search-more]');
	const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
	if (!form || !status || !list || !more || !input) return undefined;
	const select = (name: string) => form.querySelector<HTMLSelectElement>(`select[name="${name}"]`);
	const selects = {
		kind: select('kind'),
		year: select('year'),
		section: select('section'),
		status: select('status'),
		sort: select('sort'),
	};
	if (Object.values(selects).some((element) => !element)) return undefined;
	return { form, input, status, list, more, selects: selects as Elements['selects'] };
}

/** Runs the search page with its worker (started by `search-start.ts`, before this module loaded). */
export function startSearchPage(worker: Worker): void {
	const elements = findElements();
	if (!elements) return;
	let nextId = 0;
	let latestSearch = -1;
	let shown = 0;
	let summary: SearchSummary | undefined;
	/** The search whose first results the list shows (they arrive in several messages). */
	let firstResultsOf = -1;
	let current: SearchState = stateFromParams(new URLSearchParams(window.location.search));
	const send = (message: WorkerRequest) => worker.postMessage(message);

	const showOutcome = (response: Extract<WorkerResponse, { type: 'results' }>) => {
		summary = response.summary;
		const { list, status, more, selects } = elements;
		list.replaceChildren(...response.views.map((view) => renderResult(view, summary!.words)));
		shown = Math.min(summary.total, RESULTS_PAGE_SIZE);
		status.textContent = summary.problem ? problemMessage(summary) : countMessage(summary, shown);
		if (summary.problem && summary.suggestions.length > 0) {
			status.append(...suggestionNodes(summary.suggestions, current));
		}
		status.dataset.searchComplete = String(summary.complete);
		for (const key of FILTER_NAMES) {
			renderFilter(selects[key], key, summary.counts[key], current.filters[key]);
		}
		more.hidden = !hasMore(summary, shown);
		list.setAttribute('aria-busy', 'false');
	};

	worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
		const response = event.data;
		if (response.type === 'first' && response.id === latestSearch) {
			// Shown at once, but the list stays busy and the status says nothing yet: the
			// final list (stage 2 of the ranking, counts) follows, and is announced once.
			// Each message holds the one before it and the results that arrived since.
			const { list } = elements;
			if (firstResultsOf !== response.id) {
				firstResultsOf = response.id;
				list.replaceChildren();
			}
			list.append(
				...response.views
					.slice(list.children.length)
					.map((view) => renderResult(view, response.words)),
			);
			// For the bench's trace of a cold query (`bench/trace-search.ts`).
			performance.mark('search:first shown');
		}
		if (response.type === 'results' && response.id === latestSearch) showOutcome(response);
		if (response.type === 'more' && summary) {
			summary = response.summary;
			elements.list.append(...response.views.map((view) => renderResult(view, summary!.words)));
			shown = Math.min(summary.total, shown + RESULTS_PAGE_SIZE);
			elements.more.hidden = !hasMore(summary, shown);
			elements.status.textContent = countMessage(summary, shown);
			elements.status.dataset.searchComplete = String(summary.complete);
		}
		if (response.type === 'error' && response.id === latestSearch) {
			elements.status.textContent = '搜索出错，请稍后再试。';
			console.error(response.message);
		}
	});

	const runSearch = (state: SearchState) => {
		current = state;
		if (!state.q.trim()) {
			latestSearch = -1;
			elements.list.replaceChildren();
			elements.more.hidden = true;
			elements.status.textContent = '请输入要查找的词语。';
			return;
		}
		latestSearch = nextId++;
		elements.list.setAttribute('aria-busy', 'true');
		send({
			id: latestSearch,
			type: 'search',
			request: { query: state.q, filters: state.filters, sort: state.sort },
		});
	};

	/** Puts the state in the address: a new history entry for a finished choice, else in place. */
	const commit = (state: SearchState, mode: 'push' | 'replace') => {
		const params = paramsFromState(state).toString();
		const url = `${window.location.pathname}${params ? `?${params}` : ''}`;
		if (
			mode === 'push' &&
			!sameState(state, stateFromParams(new URLSearchParams(window.location.search)))
		) {
			window.history.pushState(null, '', url);
		} else {
			window.history.replaceState(null, '', url);
		}
	};

	let typingTimer: ReturnType<typeof setTimeout> | undefined;
	elements.input.addEventListener('input', () => {
		clearTimeout(typingTimer);
		typingTimer = setTimeout(() => {
			const state = readForm(elements);
			commit(state, 'replace');
			runSearch(state);
		}, TYPING_PAUSE_MS);
	});
	elements.form.addEventListener('submit', (event) => {
		event.preventDefault();
		clearTimeout(typingTimer);
		const state = readForm(elements);
		commit(state, 'push');
		if (!sameState(state, current) || !summary) runSearch(state);
	});
	for (const select of Object.values(elements.selects)) {
		select.addEventListener('change', () => {
			const state = readForm(elements);
			commit(state, 'push');
			runSearch(state);
		});
	}
	elements.more.addEventListener('click', () => {
		send({ id: nextId++, type: 'more' });
	});
	window.addEventListener('popstate', () => {
		const state = stateFromParams(new URLSearchParams(window.location.search));
		writeForm(elements, state);
		runSearch(state);
	});

	// Words typed before this script ran (a slow phone, a busy machine) are the reader's
	// query, not to be wiped by the address's empty one.
	const typed = readForm(elements);
	if (!current.q.trim() && typed.q.trim()) {
		current = typed;
		commit(current, 'replace');
	}
	writeForm(elements, current);
	if (current.q.trim()) {
		runSearch(current);
	} else {
		elements.status.textContent = '请输入要查找的词语。';
		send({ id: nextId++, type: 'warm' });
	}
}
