/**
 * Which of Pagefind's index chunks a search will load, read from a bundle's metadata
 * file (`pagefind.<hash>.pf_meta`) without Pagefind: the search worker fetches those
 * chunks as soon as the metadata has arrived, instead of when Pagefind's WebAssembly,
 * once compiled and started, asks for them.
 *
 * The metadata is CBOR (after gzip and the signature `pagefind_dcd`); its third field
 * lists the chunks as `[from, to, hash]`, each covering a sorted range of index words.
 * For each term of a search, Pagefind loads the first chunk whose range holds the term
 * (`from <= term <= to`, `try_request_indexes` in `pagefind_web/src/lib.rs`); only when
 * no term of the search is in any range does it load every chunk that could hold an
 * extension, which `chunksFor` leaves to Pagefind (it predicts nothing then).
 */

import { decodeCbor, type CborValue } from './cbor.ts';
import { afterSignature } from './pagefind-files.ts';

export interface IndexChunk {
	from: string;
	to: string;
	/** The chunk's file is `index/<hash>.pf_index` in the bundle. */
	hash: string;
}

/** The chunk table of a decompressed metadata file (it starts with `pagefind_dcd`). */
export function chunksFromMetadata(bytes: Uint8Array): IndexChunk[] {
	const meta = decodeCbor(afterSignature(bytes, 'metadata file'));
	const chunks = Array.isArray(meta) ? meta[2] : undefined;
	if (!Array.isArray(chunks)) throw new Error('Pagefind metadata without a chunk table');
	return chunks.map((chunk: CborValue) => {
		const [from, to, hash] = Array.isArray(chunk) ? chunk : [];
		if (typeof from !== 'string' || typeof to !== 'string' || typeof hash !== 'string') {
			throw new Error('Pagefind metadata with a malformed chunk entry');
		}
		return { from, to, hash };
	});
}

/**
 * Pagefind's order of words: Rust compares UTF-8 bytes, that is code points, where
 * JavaScript's `<` compares UTF-16 units (the two differ once a surrogate pair meets a
 * character above U+E000).
 */
export function compareCodePoints(a: string, b: string): number {
	const left = a[Symbol.iterator]();
	const right = b[Symbol.iterator]();
	for (;;) {
		const x = left.next();
		const y = right.next();
		if (x.done || y.done) return x.done && y.done ? 0 : x.done ? -1 : 1;
		const difference = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
		if (difference !== 0) return difference;
	}
}

/**
 * The chunks Pagefind loads for a search of `terms` (its index words), by hash, in the
 * order found; empty when no term is in any chunk's range (Pagefind then loads more, by
 * a looser rule, left to it).
 */
export function chunksFor(chunks: readonly IndexChunk[], terms: readonly string[]): string[] {
	const found = new Set<string>();
	for (const term of terms) {
		const chunk = chunks.find(
			(candidate) =>
				compareCodePoints(term, candidate.from) >= 0 && compareCodePoints(term, candidate.to) <= 0,
		);
		if (chunk) found.add(chunk.hash);
	}
	return [...found];
}
