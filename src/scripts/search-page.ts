/**
 * The search page's behaviour: reads `?q=` and `?kind=` from the address, queries the
 * Pagefind index and lists the results. The page itself renders without JavaScript; only
 * searching needs it.
 */

import { KIND_LABELS, type ItemKind } from '../domain/routes.ts';

interface PagefindResultData {
	url: string;
	excerpt: string;
	meta: Record<string, string | undefined>;
}

interface PagefindResult {
	id: string;
	data: () => Promise<PagefindResultData>;
}

interface Pagefind {
	options: (options: Record<string, unknown>) => Promise<void>;
	search: (
		query: string,
		options?: { filters?: Record<string, string> },
	) => Promise<{ results: PagefindResult[] } | null>;
}

const PAGE_SIZE = 20;

let pagefind: Promise<Pagefind> | undefined;

function loadPagefind(): Promise<Pagefind> {
	// The index is written after the site is bundled, so it is loaded at run time, not imported.
	const bundle = '/pagefind/pagefind.js';
	pagefind ??= import(/* @vite-ignore */ bundle).then(async (module: Pagefind) => {
		await module.options({ excerptLength: 40 });
		return module;
	});
	return pagefind;
}

function formatDate(date: string | undefined): string {
	if (!date) return '';
	const [year, month, day] = date.split('-').map(Number);
	return `${year}年${month}月${day}日`;
}

function renderResult(data: PagefindResultData): HTMLLIElement {
	const item = document.createElement('li');
	const link = document.createElement('a');
	link.href = data.url;
	link.textContent = data.meta.title ?? data.url;
	const meta = document.createElement('p');
	meta.className = 'result-meta';
	meta.textContent = [KIND_LABELS[data.meta.kind as ItemKind] ?? '', formatDate(data.meta.date)]
		.filter(Boolean)
		.join(' · ');
	const excerpt = document.createElement('p');
	excerpt.className = 'result-excerpt';
	// Pagefind's excerpt is the indexed text, HTML-escaped, with <mark> around matches.
	excerpt.innerHTML = data.excerpt;
	item.append(link, meta, excerpt);
	return item;
}

async function runSearch(
	form: HTMLFormElement,
	list: HTMLOListElement,
	status: HTMLElement,
): Promise<void> {
	const params = new FormData(form);
	const query = String(params.get('q') ?? '').trim();
	const kind = String(params.get('kind') ?? '');
	const url = new URL(window.location.href);
	url.search = '';
	if (query) url.searchParams.set('q', query);
	if (kind) url.searchParams.set('kind', kind);
	window.history.replaceState(null, '', url);

	list.replaceChildren();
	if (!query) {
		status.textContent = '请输入要查找的词语。';
		return;
	}
	status.textContent = '正在搜索……';
	const engine = await loadPagefind();
	const response = await engine.search(query, kind ? { filters: { kind } } : {});
	const results = response?.results ?? [];
	const shown = await Promise.all(results.slice(0, PAGE_SIZE).map((result) => result.data()));
	list.replaceChildren(...shown.map(renderResult));
	status.textContent =
		results.length === 0
			? `没有找到与“${query}”相关的内容。`
			: `找到 ${results.length} 条结果${results.length > PAGE_SIZE ? `，显示前 ${PAGE_SIZE} 条` : ''}。`;
}

export function startSearchPage(): void {
	const form = document.querySelector<HTMLFormElement>('form[data-search-form]');
	const list = document.querySelector<HTMLOListElement>('[data-search-results]');
	const status = document.querySelector<HTMLElement>('[data-search-status]');
	if (!form || !list || !status) return;
	const params = new URLSearchParams(window.location.search);
	const input = form.querySelector<HTMLInputElement>('input[name="q"]');
	const select = form.querySelector<HTMLSelectElement>('select[name="kind"]');
	if (input) input.value = params.get('q') ?? '';
	if (select) select.value = params.get('kind') ?? '';
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		void runSearch(form, list, status);
	});
	select?.addEventListener('change', () => void runSearch(form, list, status));
	if (input?.value) void runSearch(form, list, status);
}
