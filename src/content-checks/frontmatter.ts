import { LineCounter, parseDocument, type YAMLError } from 'yaml';

/**
 * Front matter read as written. Astro's own reader (js-yaml with its default schema)
 * turns an unquoted `2021-11-00` into a Date and rolls it over to 2021-10-31 before any
 * schema sees it. Here the YAML 1.2 core schema is used instead: it builds no Date, so
 * `2021-11-00` stays the text the editor wrote and the date field refuses it. The content
 * checks and Astro's collection loader (src/data/as-written-loader.ts) both read front
 * matter through this module, so what is checked is what is published.
 */

/** Astro's own front matter pattern (@astrojs/internal-helpers/frontmatter), `---` only. */
export const FRONTMATTER = /(?:^\uFEFF?|^\s*\n)(?:---)([\s\S]*?\n)(?:---)/;

/** A file that opens a front matter block: `---` alone on its first line. */
export const OPENS_FRONTMATTER = /^\uFEFF?---[ \t]*\r?\n/;

export interface ParsedFrontmatter {
	/** The fields, plain JSON values: strings, numbers, booleans, null, lists and maps. */
	data: Record<string, unknown>;
	/** YAML errors, first first; `data` is not to be trusted when there are any. */
	errors: YAMLError[];
	/** Turns an offset in the front matter text into its line and column there (1-based). */
	lines: LineCounter;
}

/** Parses front matter text (the part between the `---` lines) without building dates. */
export function parseFrontmatterText(raw: string): ParsedFrontmatter {
	const lines = new LineCounter();
	const doc = parseDocument(raw, {
		schema: 'core',
		uniqueKeys: true,
		lineCounter: lines,
		prettyErrors: false,
	});
	const value: unknown = doc.errors.length === 0 ? doc.toJS() : undefined;
	const data =
		value !== null && typeof value === 'object' && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: {};
	return { data, errors: doc.errors, lines };
}

/**
 * The fields of a whole file, as written; `{}` without front matter. Throws on YAML
 * errors, as Astro's reader does (the content checks explain them before Astro runs).
 */
export function frontmatterAsWritten(source: string): Record<string, unknown> {
	const match = FRONTMATTER.exec(source);
	if (!match) return {};
	const { data, errors } = parseFrontmatterText(match[1]!);
	if (errors.length > 0) throw errors[0]!;
	return data;
}
