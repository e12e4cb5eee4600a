import type { RawEntry } from './load.ts';
import type { ContentProblem } from './problem.ts';

/**
 * A 上接/下转 marker left in the text while `continuedFrom`/`continuedOn` is also set:
 * the site prints the marker from the field, so the reader would see it twice. It is
 * reported rather than removed silently: the editor deletes it from the text (the file
 * stays what is published), and a marker that disagrees with the field gets looked at.
 */

const NUMERAL = '[一二三四五六七八九十百〇零两\\d０-９]+';
/** `（上接一版）`, `上接第2版`, `(接第二版)` at the very start of the text. */
const FROM = new RegExp(
	`^[ \\t\\u3000]*[（(]?\\s*(?:上接|接)\\s*第?\\s*(${NUMERAL})\\s*版\\s*[)）]?`,
	'u',
);
/** `（下转二版）`, `转第3版` at the very end of the text. */
const ON = new RegExp(
	`[（(]?\\s*(?:下转|转)\\s*第?\\s*(${NUMERAL})\\s*版\\s*[)）]?[ \\t\\u3000]*$`,
	'u',
);

function record(value: unknown): Record<string, unknown> | undefined {
	return value !== null && typeof value === 'object'
		? (value as Record<string, unknown>)
		: undefined;
}

export function findLeftoverContinuationMarkers(entries: readonly RawEntry[]): ContentProblem[] {
	const problems: ContentProblem[] = [];
	for (const entry of entries) {
		if (entry.collection !== 'articles' || !entry.readable) continue;
		const lines = entry.body.split('\n').map((line) => line.replace(/\r$/, ''));
		const filled = lines.flatMap((text, index) => (text.trim() === '' ? [] : [{ text, index }]));
		const first = filled[0];
		const last = filled.at(-1);
		const report = (at: { text: string; index: number }, marker: string, field: string) => {
			const line = entry.bodyLine + at.index;
			problems.push({
				file: entry.file,
				line,
				field: 'body',
				code: 'continuation-marker',
				message: `正文里留着“${marker}”，而 ${field} 已经写了：网站会根据 ${field} 印出这一行，读者会看到两遍 / the text still holds “${marker}” while ${field} is set: the site prints the marker from ${field}, so readers would see it twice`,
				fix: `删去正文第 ${line} 行的“${marker}”，只保留 ${field} / delete “${marker}” from line ${line} of the text and keep ${field}`,
			});
		};
		const from = first && record(entry.data.continuedFrom) ? FROM.exec(first.text) : null;
		if (first && from) report(first, from[0].trim(), 'continuedFrom');
		const on = last && record(entry.data.continuedOn) ? ON.exec(last.text) : null;
		if (last && on) report(last, on[0].trim(), 'continuedOn');
	}
	return problems;
}
