import { readRecords } from '../../scripts/lib/jsonl.ts';
import { articleFileName, recordToArticle } from '../../scripts/lib/archive-writer/file-names.ts';
import { validateRecord } from '../../scripts/lib/archive-writer/records.ts';
import {
	replicateRecord,
	replicationShiftDays,
} from '../../scripts/lib/archive-writer/replication.ts';
import type { SourceRecord } from '../../scripts/lib/archive-writer/types.ts';
import { ArchiveWriter } from '../../scripts/lib/archive-writer/writer.ts';
import { replicaLine } from './mark-replicas.ts';

/**
 * Publishes one more day into an imported archive, the way the importer would have written
 * it: the first corpus day of the next copy (dates shifted past everything already there),
 * through the project's own writer. For measuring what a daily rebuild costs.
 */

export interface PublishedDay {
	date: string;
	articles: number;
}

export async function publishNextDay(
	corpusFile: string,
	contentDir: string,
	limit: number,
	replicate: number,
	markReplica: boolean,
): Promise<PublishedDay> {
	const records: SourceRecord[] = [];
	for await (const { value } of readRecords(corpusFile, limit)) {
		const checked = validateRecord(value);
		if (checked.ok) records.push(checked.record);
	}
	if (records.length === 0) throw new Error(`no valid records in ${corpusFile}`);
	const dates = records.map((record) => record.date).sort();
	const first = dates[0]!;
	const shift = replicationShiftDays(first, dates.at(-1)!);
	const writer = new ArchiveWriter({ outDir: contentDir });
	await writer.prepare();
	let date = first;
	for (const record of records.filter((candidate) => candidate.date === first)) {
		const shifted = replicateRecord(record, replicate, shift);
		// The same closing line as mark-replicas.ts gives every other copy.
		const copy = markReplica
			? { ...shifted, body: `${shifted.body}\n\n${replicaLine(replicate).trim()}` }
			: shifted;
		date = copy.date;
		const written = await writer.writeArticle(recordToArticle(copy), articleFileName(copy));
		if (!written.ok) throw new Error(`could not write ${copy.id}: ${written.reasons.join('; ')}`);
	}
	const summary = await writer.finish();
	return { date, articles: summary.articles };
}
