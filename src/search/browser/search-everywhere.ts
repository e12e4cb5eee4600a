/**
 * Search helpers on every page: `/` puts the cursor in the search box (the search
 * page's own box there, else the header's), and an item page opened from a search
 * result (`?highlight=朱海义`) marks the words it was found by and scrolls to the first.
 */

/**
 * The words to mark on an item page, from its address (written by `highlightUrl` in
 * `url-state.ts`). Kept here, not there: every page's header script imports this file,
 * and a module it shared with the search page's code would become a chunk of its own
 * that the search page's script, after the header's in the document, waits for before it
 * can start the search worker (src/search/README.md, "Cold speed").
 */
export function highlightWords(params: URLSearchParams): string[] {
	return [
		...new Set(
			(params.get('highlight') ?? '')
				.split(/\s+/u)
				.map((word) => word.trim())
				.filter((word) => word.length > 0),
		),
	].slice(0, 8);
}

function isTyping(target: EventTarget | null): boolean {
	if (!(target instanceof HTMLElement)) return false;
	return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function listenForSlash(): void {
	document.addEventListener('keydown', (event) => {
		if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
		if (isTyping(event.target)) return;
		const box =
			document.querySelector<HTMLInputElement>('form[data-search-form] input[name="q"]') ??
			document.querySelector<HTMLInputElement>('#site-search');
		if (!box) return;
		event.preventDefault();
		box.focus();
		box.select();
	});
}

/** Text nodes under `root` that a reader sees, in document order. */
function textNodes(root: Element): Text[] {
	const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
		acceptNode: (node) =>
			node.parentElement?.closest('script, style, mark')
				? NodeFilter.FILTER_REJECT
				: NodeFilter.FILTER_ACCEPT,
	});
	const nodes: Text[] = [];
	for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
	return nodes;
}

/**
 * Wraps every occurrence of the words in `<mark>`, also when an occurrence runs across
 * elements (`朱<a>海义</a>`): each text node's part of it is marked.
 */
export function markWords(root: Element, words: readonly string[]): HTMLElement[] {
	const nodes = textNodes(root);
	const text = nodes.map((node) => node.data).join('');
	const lower = text.toLowerCase();
	const ranges: [number, number][] = [];
	for (const word of words.map((entry) => entry.toLowerCase())) {
		for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + word.length)) {
			ranges.push([at, at + word.length]);
		}
	}
	ranges.sort((a, b) => a[0] - b[0]);
	const merged: [number, number][] = [];
	for (const range of ranges) {
		const last = merged[merged.length - 1];
		if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
		else merged.push(range);
	}
	merged.reverse();
	const marks: HTMLElement[] = [];
	const starts: number[] = [];
	let offset = 0;
	for (const node of nodes) {
		starts.push(offset);
		offset += node.data.length;
	}
	// From the end, so that splitting a node does not move the ranges still to come.
	for (const [start, end] of merged) {
		for (let index = nodes.length - 1; index >= 0; index--) {
			const node = nodes[index]!;
			const nodeStart = starts[index]!;
			const nodeEnd = nodeStart + node.data.length;
			if (nodeEnd <= start || nodeStart >= end) continue;
			const from = Math.max(start, nodeStart) - nodeStart;
			const to = Math.min(end, nodeEnd) - nodeStart;
			const range = document.createRange();
			range.setStart(node, from);
			range.setEnd(node, to);
			const mark = document.createElement('mark');
			mark.className = 'search-highlight';
			range.surroundContents(mark);
			marks.unshift(mark);
		}
	}
	return marks;
}

export function highlightFromAddress(): void {
	const words = highlightWords(new URLSearchParams(window.location.search));
	if (words.length === 0) return;
	const root = document.querySelector('main article') ?? document.querySelector('main');
	if (!root) return;
	const marks = markWords(root, words);
	if (marks.length > 0 && !window.location.hash) marks[0]!.scrollIntoView({ block: 'center' });
}
