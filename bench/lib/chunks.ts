/**
 * Why stock Pagefind loses pages as an index grows. Its word index is cut into chunks,
 * each covering a sorted range of words `[from, to]`, and the metadata file lists them.
 * For each query term, Pagefind's WebAssembly loads the one chunk whose range holds the
 * term itself (`from <= term <= to`, `try_request_indexes` in pagefind_web) and then
 * prefix-matches only the words it has loaded. A term that Pagefind's Chinese
 * segmentation cut to one character (江泽民 → 江 泽 民) has its extensions (江泽民…,
 * 江西…) spread over the following chunks once the index is large: those are never
 * loaded, and every page reached only through them is missed.
 */

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeCbor, type CborValue } from './cbor.ts';

export interface IndexChunk {
	from: string;
	to: string;
	hash: string;
}

export async function indexChunks(bundleDir: string): Promise<IndexChunk[]> {
	const name = (await readdir(bundleDir)).find((file) => file.endsWith('.pf_meta'));
	if (!name) throw new Error(`no metadata file in ${bundleDir}`);
	const bytes = gunzipSync(await readFile(join(bundleDir, name)));
	const meta = decodeCbor(bytes.subarray('pagefind_dcd'.length)) as CborValue[];
	return (meta[2] as string[][]).map(([from, to, hash]) => ({ from: from!, to: to!, hash: hash! }));
}

export interface PrefixCoverage {
	term: string;
	chunks: number;
	/** Chunks holding words that start with the term. */
	chunksWithExtensions: number;
	/** The chunks Pagefind loads for the term. */
	chunksLoaded: number;
}

/** How many chunks hold words starting with `term`, and how many of them Pagefind loads. */
export function prefixCoverage(chunks: readonly IndexChunk[], term: string): PrefixCoverage {
	const upper = `${term}\u{10FFFF}`;
	const holding = chunks.filter((chunk) => chunk.to >= term && chunk.from < upper);
	const loaded = chunks.filter((chunk) => term >= chunk.from && term <= chunk.to).slice(0, 1);
	return {
		term,
		chunks: chunks.length,
		chunksWithExtensions: holding.length,
		chunksLoaded: loaded.length,
	};
}
