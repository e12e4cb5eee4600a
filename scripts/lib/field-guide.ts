/**
 * Reads the field tables of the editors' guide (content/README.md): one table per
 * collection under a `### … \`articles/\`` heading, one row per field:
 *
 *   | 字段 | 必填 | 说明 | 示例 |
 *   | `lots[].quantity` | 否 | 数量，只写数字 | `680.29` |
 *
 * `npm run new` takes its comments and examples from here, and a test checks the rows
 * against the schemas, so the guide, the templates and the schemas say the same thing.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CollectionName } from '../../src/schemas/index.ts';

export interface GuideRow {
	/** `lots[].quantity`. */
	path: string;
	/** The 必填 cell as written: starts with 是 (yes) or 否 (no). */
	required: string;
	/** What the field means, in Chinese. */
	meaning: string;
	/** An example value as it is written in a file, without the backticks; may be empty. */
	example: string;
	/** 1-based line of the row in the guide. */
	line: number;
}

export const GUIDE_FILE = fileURLToPath(new URL('../../content/README.md', import.meta.url));

const HEADING = /^###\s.*`(articles|people|notices|adverts|issues)\/`/;
const ROW = /^\|\s*`([^`]+)`\s*\|([^|]*)\|([^|]*)\|([^|]*)\|\s*$/;

/** The field rows of each collection's table in the guide's Markdown. */
export function readFieldGuide(markdown: string): Map<CollectionName, GuideRow[]> {
	const tables = new Map<CollectionName, GuideRow[]>();
	let current: GuideRow[] | undefined;
	markdown.split('\n').forEach((text, index) => {
		const heading = HEADING.exec(text);
		if (heading) {
			current = [];
			tables.set(heading[1] as CollectionName, current);
			return;
		}
		if (/^#{1,3}\s/.test(text)) {
			current = undefined;
			return;
		}
		const row = current && ROW.exec(text.trim());
		if (!row || !current) return;
		const example = row[4]!.trim();
		current.push({
			path: row[1]!,
			required: row[2]!.trim(),
			meaning: row[3]!.trim(),
			example: /^`.*`$/.test(example) ? example.slice(1, -1).replace(/\\\|/g, '|') : example,
			line: index + 1,
		});
	});
	return tables;
}

/** The guide's field tables, or empty tables when the guide cannot be read. */
export function loadFieldGuide(file = GUIDE_FILE): Map<CollectionName, GuideRow[]> {
	try {
		return readFieldGuide(readFileSync(file, 'utf8'));
	} catch {
		return new Map();
	}
}
