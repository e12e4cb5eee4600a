import {
	isMap,
	isPair,
	isScalar,
	isSeq,
	LineCounter,
	parseDocument,
	type Document,
	type Node,
} from 'yaml';
import type { RawEntry } from './load.ts';

/**
 * Where things are in a file's front matter. Astro reads front matter with js-yaml,
 * which keeps no positions; the `yaml` package parses the same text into a tree with
 * offsets. It is only used to point at lines, never to read values, and only for files
 * that have a problem to point at (parsing every file twice would slow big archives).
 */

/** What positions need of an entry: its front matter as written and where it starts. */
export type FrontmatterSource = Pick<RawEntry, 'frontmatterLine' | 'rawFrontmatter'>;

interface Parsed {
	doc: Document.Parsed;
	lines: LineCounter;
}

const parsedCache = new WeakMap<FrontmatterSource, Parsed>();

function parsed(entry: FrontmatterSource): Parsed {
	let result = parsedCache.get(entry);
	if (!result) {
		const lines = new LineCounter();
		const doc = parseDocument(entry.rawFrontmatter, { lineCounter: lines, uniqueKeys: false });
		result = { doc, lines };
		parsedCache.set(entry, result);
	}
	return result;
}

/** The file line of an offset in the front matter text. */
function fileLine(entry: FrontmatterSource, lines: LineCounter, offset: number): number {
	// rawFrontmatter starts right after the opening `---`, on that same line.
	return entry.frontmatterLine + lines.linePos(offset).line - 1;
}

/**
 * The 1-based line of a field (or of the nearest enclosing field that is written) in
 * the front matter: `['lots', 0, 'quantity']` → the `quantity:` line of the first lot.
 * `undefined` when the file has no front matter.
 */
export function lineOfField(
	entry: FrontmatterSource,
	path: readonly PropertyKey[],
): number | undefined {
	if (entry.frontmatterLine === 0) return undefined;
	const { doc, lines } = parsed(entry);
	let node: unknown = doc.contents;
	let offset: number | undefined;
	for (const key of path) {
		if (isMap(node)) {
			const pair = node.items.find(
				(item) => isScalar(item.key) && String(item.key.value) === String(key),
			);
			if (!pair) break;
			const keyNode = pair.key as Node;
			offset = keyNode.range?.[0] ?? offset;
			node = pair.value;
		} else if (isSeq(node) && typeof key === 'number') {
			const item = node.items[key] as Node | undefined;
			if (!item) break;
			offset = item.range?.[0] ?? offset;
			node = item;
		} else {
			break;
		}
	}
	if (offset === undefined) return entry.frontmatterLine;
	return fileLine(entry, lines, offset);
}

/** A scalar value written in the front matter, with where it is. */
export interface WrittenScalar {
	path: (string | number)[];
	/** The text as written, without quotes. */
	text: string;
	quoted: boolean;
	line: number;
	/** 1-based column of the value's first character. */
	column: number;
}

/** Every scalar value in the front matter (keys excluded), in the order written. */
export function writtenScalars(entry: RawEntry): WrittenScalar[] {
	if (entry.frontmatterLine === 0) return [];
	const { doc, lines } = parsed(entry);
	const found: WrittenScalar[] = [];
	const visit = (node: unknown, path: (string | number)[]) => {
		if (isMap(node)) {
			for (const pair of node.items) {
				if (!isPair(pair) || !isScalar(pair.key)) continue;
				visit(pair.value, [...path, String(pair.key.value)]);
			}
		} else if (isSeq(node)) {
			node.items.forEach((item, index) => visit(item, [...path, index]));
		} else if (isScalar(node) && node.range && typeof node.source === 'string') {
			const position = lines.linePos(node.range[0]);
			found.push({
				path,
				text: node.source,
				quoted: node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE',
				line: fileLine(entry, lines, node.range[0]),
				column: position.line === 1 ? position.col + 3 : position.col,
			});
		}
	};
	visit(doc.contents, []);
	return found;
}

/** The dotted field whose value is written on a front matter line, if any. */
export function fieldOnLine(entry: RawEntry, line: number): string | undefined {
	const scalar = writtenScalars(entry).find((candidate) => candidate.line === line);
	if (scalar) return scalar.path.join('.');
	const { doc, lines } = parsed(entry);
	// A line with a key and a nested value (`auction:`): name the key.
	let name: string | undefined;
	const visit = (node: unknown, path: (string | number)[]) => {
		if (isMap(node)) {
			for (const pair of node.items) {
				if (!isPair(pair) || !isScalar(pair.key)) continue;
				const keyPath = [...path, String(pair.key.value)];
				const at = pair.key.range?.[0];
				if (at !== undefined && fileLine(entry, lines, at) === line) name ??= keyPath.join('.');
				visit(pair.value, keyPath);
			}
		} else if (isSeq(node)) {
			node.items.forEach((item, index) => visit(item, [...path, index]));
		}
	};
	visit(doc.contents, []);
	return name;
}
