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

/** Gzip members one after another: one gzip file (RFC 1952, section 2.2). */
export function concatenated(members: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
	const bytes = new Uint8Array(members.reduce((sum, member) => sum + member.byteLength, 0));
	let at = 0;
	for (const member of members) {
		bytes.set(member, at);
		at += member.byteLength;
	}
	return bytes;
}
