/**
 * A worker thread of the PDF import: imports its share of a whole issue's pages (text,
 * regions, page images) and posts them back. See `importPdf`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { importSheets, PdfImportError, type PdfImportOptions } from './index.ts';

const { bytes, file, sheets, options } = workerData as {
	bytes: Uint8Array;
	file: string;
	sheets: number[];
	options: PdfImportOptions;
};

try {
	const pages = await importSheets(bytes, file, sheets, options);
	// Copied, not transferred: sharp's buffers are external memory, which cannot move.
	parentPort!.postMessage({ pages });
} catch (error) {
	parentPort!.postMessage({
		error: error instanceof Error ? error.message : String(error),
		known: error instanceof PdfImportError,
	});
}
