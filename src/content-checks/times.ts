import { paper } from '../config/paper.ts';
import type { RawEntry } from './load.ts';
import { writtenScalars } from './positions.ts';
import type { ContentProblem } from './problem.ts';
import { fieldAt } from './schema-fields.ts';

/**
 * A time written without its time zone, found in the text as written. YAML reads an
 * unquoted `2021-11-11 09:00` as 09:00 UTC, 17:00 in China: eight hours off, and for
 * `2021-11-11 00:00` silently accepted as a date. Only the raw text shows what the
 * editor meant, so this looks at it rather than at the parsed value.
 */

const DATE_TIME =
	/^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?[ \t]*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
/** Cheap test before the front matter is parsed for positions. */
const MAYBE_DATE_TIME = /\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|[ \t]+)\d{1,2}:\d{2}/;

const pad = (value: string) => value.padStart(2, '0');

export function findTimesWithoutZone(entries: readonly RawEntry[]): ContentProblem[] {
	const problems: ContentProblem[] = [];
	for (const entry of entries) {
		if (!entry.readable || !MAYBE_DATE_TIME.test(entry.rawFrontmatter)) continue;
		for (const scalar of writtenScalars(entry)) {
			const match = DATE_TIME.exec(scalar.text.trim());
			if (!match || match[7] !== undefined) continue;
			const kind = fieldAt(entry.collection, scalar.path)?.kind;
			if (kind !== 'date' && kind !== 'datetime') continue;
			const [, year, month, day, hour, minute] = match as unknown as string[];
			const date = `${year}-${pad(month!)}-${pad(day!)}`;
			const zoned = `"${date}T${pad(hour!)}:${minute}${paper.utcOffset}"`;
			const base = {
				file: entry.file,
				line: scalar.line,
				field: scalar.path.join('.'),
				code: 'time-without-zone' as const,
			};
			problems.push(
				kind === 'date'
					? {
							...base,
							message: `“${scalar.text}” 带了时刻却没有时区：YAML 会当作世界时（UTC），比北京时间差 8 小时；这个字段只要日期 / “${scalar.text}” has a time but no time zone: YAML reads it as UTC, 8 hours off China time; this field takes a date only`,
							fix: `只写日期：${date} / write the date only: ${date}`,
						}
					: {
							...base,
							message: `“${scalar.text}” 没有时区：YAML 会当作世界时（UTC），比北京时间差 8 小时 / “${scalar.text}” has no time zone: YAML reads it as UTC, 8 hours off China time`,
							fix: `加引号并写明时区：${zoned} / quote it and add the offset: ${zoned}`,
						},
			);
		}
	}
	return problems;
}
