import { gzipSync } from 'node:zlib';

/**
 * JSON Lines, gzipped with fixed settings: the header's modification time is 0 and no file
 * name is stored, so the same records give the same bytes on every build.
 */
export function gzippedJsonLines(records: readonly unknown[]): Uint8Array<ArrayBuffer> {
	const text = records.map((record) => `${JSON.stringify(record)}\n`).join('');
	const bytes = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
	const copy = new Uint8Array(bytes.byteLength);
	copy.set(bytes);
	return copy;
}
