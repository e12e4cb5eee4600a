import { inflateSync } from 'node:zlib';

/**
 * What a page file (PDF or image) is, read from its bytes, and whether a PDF carries
 * active content. Plain TS, no Astro: `npm run check` and its tests use it.
 */

export type MediaKind = 'pdf' | 'jpeg' | 'png' | 'webp' | 'tiff';

/** The file name extensions each kind may have. */
export const MEDIA_EXTENSIONS: Record<MediaKind, readonly string[]> = {
	pdf: ['pdf'],
	jpeg: ['jpg', 'jpeg'],
	png: ['png'],
	webp: ['webp'],
	tiff: ['tif', 'tiff'],
};

export const IMAGE_KINDS: readonly MediaKind[] = ['jpeg', 'png', 'webp', 'tiff'];

/** Names editors read in messages. */
export const MEDIA_NAMES: Record<MediaKind, string> = {
	pdf: 'PDF',
	jpeg: 'JPEG',
	png: 'PNG',
	webp: 'WebP',
	tiff: 'TIFF',
};

/** The kind a file name's extension claims, if it is one of ours. */
export function kindOfExtension(path: string): MediaKind | undefined {
	const extension = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
	if (!extension) return undefined;
	return (Object.keys(MEDIA_EXTENSIONS) as MediaKind[]).find((kind) =>
		MEDIA_EXTENSIONS[kind].includes(extension),
	);
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
	signature.every((byte, index) => bytes[at + index] === byte);

/**
 * The kind the first bytes say (magic numbers): `%PDF-`, JPEG `FF D8 FF`, PNG
 * `89 50 4E 47 0D 0A 1A 0A`, WebP `RIFF….WEBP`, TIFF `II*\0` or `MM\0*`.
 */
export function kindOfBytes(head: Uint8Array): MediaKind | undefined {
	if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf';
	if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
	if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
	if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && startsWith(head, [0x57, 0x45, 0x42, 0x50], 8))
		return 'webp';
	if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a]))
		return 'tiff';
	return undefined;
}

/** PDF names that make a reader's viewer run or open something. */
export const ACTIVE_PDF_NAMES = ['JS', 'JavaScript', 'Launch', 'EmbeddedFile', 'EmbeddedFiles'];

export interface ActiveContent {
	/** The name found, without its slash: `JavaScript`. */
	name: string;
	/** Where: `raw` bytes, or inside a compressed stream starting at this byte offset. */
	where: 'raw' | { stream: number };
}

/**
 * A PDF name token: `/` then regular characters, ended by a delimiter or white space.
 * Names may write any byte as `#xx` (`/Java#53cript`), so tokens are decoded first.
 */
const NAME_TOKEN = /\/([^\s/<>[\](){}%]*)/g;

function decodeName(token: string): string {
	return token.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) =>
		String.fromCharCode(parseInt(hex, 16)),
	);
}

function activeNamesIn(text: string): string[] {
	const found = new Set<string>();
	for (const match of text.matchAll(NAME_TOKEN)) {
		const name = decodeName(match[1]!);
		if (ACTIVE_PDF_NAMES.includes(name)) found.add(name);
	}
	return [...found];
}

const STREAM_START = /stream\r?\n/g;

/** At most this many bytes are inflated from one stream (a guard against zip bombs). */
const MAX_INFLATED = 64 * 1024 * 1024;

/**
 * Finds JavaScript (`/JS`, `/JavaScript`), launch actions (`/Launch`) and embedded files
 * (`/EmbeddedFile`, `/EmbeddedFiles`) in a PDF's bytes, names with `#xx` escapes decoded.
 *
 * Covered: every dictionary written outside streams, and every object stream
 * (`/Type /ObjStm`, where PDF 1.5 hides dictionaries) that is uncompressed or
 * Flate-compressed, which is what typesetting systems and Chromium write. Other streams
 * (page content, fonts, images) cannot hold actions and are skipped, so that binary data
 * that happens to spell `/JS` is not reported. Not covered: object streams in other
 * filters (LZW, ASCII85…) and encrypted files.
 */
export function findActivePdfContent(bytes: Buffer): ActiveContent[] {
	const found: ActiveContent[] = [];
	// latin1 keeps one character per byte, so offsets and names survive binary data.
	const text = bytes.toString('latin1');
	let outside = '';
	let cursor = 0;
	STREAM_START.lastIndex = 0;
	for (let match = STREAM_START.exec(text); match; match = STREAM_START.exec(text)) {
		const start = match.index + match[0].length;
		const end = text.indexOf('endstream', start);
		if (end < 0) break;
		// The stream's dictionary: from the `obj` that opens it to the `stream` keyword.
		const dictionary = text.slice(
			Math.max(cursor, text.lastIndexOf(' obj', match.index)),
			match.index,
		);
		outside += text.slice(cursor, match.index);
		cursor = end;
		STREAM_START.lastIndex = end;
		if (!/\/Type\s*\/ObjStm/.test(dictionary)) continue;
		let body: Buffer = bytes.subarray(start, end);
		if (dictionary.includes('/Filter')) {
			if (!/\/Filter\s*\[?\s*\/FlateDecode\s*\]?/.test(dictionary)) continue;
			try {
				body = inflateSync(body, {
					maxOutputLength: MAX_INFLATED,
					finishFlush: 2, // Z_SYNC_FLUSH: read what a truncated stream holds
				});
			} catch {
				continue;
			}
		}
		for (const name of activeNamesIn(body.toString('latin1')))
			found.push({ name, where: { stream: start } });
	}
	outside += text.slice(cursor);
	return [...activeNamesIn(outside).map((name) => ({ name, where: 'raw' as const })), ...found];
}
