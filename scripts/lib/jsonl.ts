/**
 * Streaming JSONL import: reads one record per line, never the whole file, and hands
 * each valid record to an `ArchiveWriter`. Messages are for editors: Chinese first,
 * English beside.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { articleFileName, recordToArticle } from './archive-writer/file-names.ts';
import { validateRecord } from './archive-writer/records.ts';
import { replicateRecord, replicationShiftDays } from './archive-writer/replication.ts';
import { ArchiveWriter, type ArchiveSummary } from './archive-writer/writer.ts';

export interface NumberedLine {
	/** 1-based line number in the file. */
	number: number;
	text: string;
}

/** The lines of a UTF-8 text file, one at a time, without a leading byte-order mark. */
export async function* readLines(file: string): AsyncGenerator<NumberedLine> {
	const input = createReadStream(file, { encoding: 'utf8' });
	const lines = createInterface({ input, crlfDelay: Infinity });
	let number = 0;
	try {
		for await (const text of lines) {
			number++;
			yield { number, text: number === 1 ? text.replace(/^\uFEFF/, '') : text };
		}
	} finally {
		lines.close();
		input.destroy();
	}
}

/**
 * The non-blank lines of a JSONL file, parsed, up to `limit` of them. A line that is
 * not JSON comes back with `error` instead of `value`.
 */
export async function* readRecords(
	file: string,
	limit = Infinity,
): AsyncGenerator<{ line: number; value?: unknown; error?: string }> {
	let count = 0;
	for await (const { number, text } of readLines(file)) {
		if (text.trim() === '') continue;
		if (count >= limit) return;
		count++;
		try {
			yield { line: number, value: JSON.parse(text) as unknown };
		} catch (error) {
			const detail = error instanceof Error ? error.message : String(error);
			yield { line: number, error: `不是有效的 JSON / not valid JSON (${detail})` };
		}
	}
}

export interface JsonlImportOptions {
	file: string;
	outDir: string;
	/** Read only the first `limit` records (non-blank lines) of the file. */
	limit?: number;
	/** Write the records this many times, each copy moved forward in time (default 1). */
	replicate?: number;
	concurrency?: number;
	/** A line that could not be imported, with its reasons. */
	onBadLine?: (line: number, reasons: string[]) => void;
	/** Anything else worth telling (renamed files, duplicate ids, odd ids, empty bodies). */
	onNotice?: (message: string) => void;
}

export interface JsonlImportResult extends ArchiveSummary {
	/** Records read in one pass over the file (within `limit`). */
	records: number;
	badLines: number;
	/** Days each copy is moved from the previous one; 0 when not replicated. */
	shiftDays: number;
	firstDate?: string;
	lastDate?: string;
}

/** First and last valid date among the records read (the replication span). */
async function dateRange(file: string, limit: number): Promise<{ first?: string; last?: string }> {
	let first: string | undefined;
	let last: string | undefined;
	for await (const { value } of readRecords(file, limit)) {
		const checked = validateRecord(value);
		if (!checked.ok) continue;
		const { date } = checked.record;
		if (first === undefined || date < first) first = date;
		if (last === undefined || date > last) last = date;
	}
	return { ...(first === undefined ? {} : { first }), ...(last === undefined ? {} : { last }) };
}

/**
 * Imports a JSONL file into `outDir`: one article file per valid record, one issue file
 * per date, and empty folders for the other collections. Bad lines are reported through
 * `onBadLine` and skipped; valid ones are always written.
 *
 * With `replicate: n`, the file is read n times; copy k (from 0) is moved forward by
 * k × (the records' date span rounded up to whole weeks), so copies never share a date
 * and weekdays stay realistic.
 */
export async function importJsonl(options: JsonlImportOptions): Promise<JsonlImportResult> {
	const limit = options.limit ?? Infinity;
	const copies = options.replicate ?? 1;
	const onBadLine = options.onBadLine ?? (() => {});
	const onNotice = options.onNotice ?? (() => {});

	const writer = new ArchiveWriter({
		outDir: options.outDir,
		...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
		onNotice,
	});
	await writer.prepare();

	const range = copies > 1 ? await dateRange(options.file, limit) : {};
	const shiftDays =
		range.first !== undefined && range.last !== undefined
			? replicationShiftDays(range.first, range.last)
			: 0;

	let records = 0;
	let badLines = 0;
	let firstDate: string | undefined;
	let lastDate: string | undefined;
	const seenIds = new Set<string>();

	for (let copy = 0; copy < copies; copy++) {
		const firstPass = copy === 0;
		for await (const { line, value, error } of readRecords(options.file, limit)) {
			if (firstPass) records++;
			if (error !== undefined) {
				if (firstPass) {
					badLines++;
					onBadLine(line, [error]);
				}
				continue;
			}
			const checked = validateRecord(value);
			if (!checked.ok) {
				if (firstPass) {
					badLines++;
					onBadLine(line, checked.reasons);
				}
				continue;
			}
			if (firstPass) {
				for (const warning of checked.warnings)
					onNotice(`第 ${line} 行 / line ${line}: ${warning}`);
				if (seenIds.has(checked.record.id)) {
					onNotice(
						`第 ${line} 行 / line ${line}: id ${checked.record.id} 重复出现 / the id ${checked.record.id} appears more than once`,
					);
				}
				seenIds.add(checked.record.id);
			}
			const record = replicateRecord(checked.record, copy, shiftDays);
			const result = await writer.writeArticle(recordToArticle(record), articleFileName(record));
			if (!result.ok) {
				// validateRecord already ran the schema; this only fires for a replica moved
				// to an impossible date (beyond year 9999).
				badLines++;
				onBadLine(line, result.reasons);
				continue;
			}
			if (firstDate === undefined || record.date < firstDate) firstDate = record.date;
			if (lastDate === undefined || record.date > lastDate) lastDate = record.date;
		}
	}

	const summary = await writer.finish();
	return {
		...summary,
		records,
		badLines,
		shiftDays: copies > 1 ? shiftDays : 0,
		...(firstDate === undefined ? {} : { firstDate }),
		...(lastDate === undefined ? {} : { lastDate }),
	};
}
