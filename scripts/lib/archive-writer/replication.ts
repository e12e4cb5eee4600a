/** Copies of the corpus with shifted dates, for benchmarks at larger sizes. */
import { matchingCorpusId } from './file-names.ts';
import type { SourceRecord } from './types.ts';

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
	return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

/** `date` moved by `days` days (UTC calendar arithmetic). */
export function shiftDate(date: string, days: number): string {
	return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/**
 * How far copy 1 of a replicated corpus is moved: the corpus span in days (first to
 * last date, both included) rounded up to whole weeks, so no copy overlaps another and
 * every date keeps its weekday. 1998-01-01…1998-01-31 (31 days) → 35 days.
 */
export function replicationShiftDays(firstDate: string, lastDate: string): number {
	const span = dayNumber(lastDate) - dayNumber(firstDate) + 1;
	return Math.ceil(span / 7) * 7;
}

/**
 * Copy `copy` (from 1) of a record, moved `copy * shiftDays` days forward. A corpus id
 * gets the new date in place of the old one (unique, since copies never share a date);
 * any other id gets `-r<copy>` appended.
 */
export function replicateRecord(
	record: SourceRecord,
	copy: number,
	shiftDays: number,
): SourceRecord {
	if (copy === 0) return record;
	const date = shiftDate(record.date, copy * shiftDays);
	const corpusId = matchingCorpusId(record);
	const id = corpusId
		? `${date.replaceAll('-', '')}${record.id.slice(8)}`
		: `${record.id}-r${copy}`;
	return { ...record, id, date };
}
