/**
 * Pagefind's own files (entry, metadata, fragments) read without Pagefind, in the browser
 * and in Node alike: once decompressed, each compressed file starts with Pagefind's
 * signature, then its content (CBOR for metadata, JSON for a fragment).
 */

import type { PagefindFragment } from './engine.ts';

/** What every decompressed Pagefind file starts with. */
export const PAGEFIND_SIGNATURE = 'pagefind_dcd';

/** The content of a decompressed Pagefind file after its signature; `what` names it in the error. */
export function afterSignature(bytes: Uint8Array, what: string): Uint8Array {
	const signature = new TextDecoder().decode(bytes.subarray(0, PAGEFIND_SIGNATURE.length));
	if (signature !== PAGEFIND_SIGNATURE) throw new Error(`not a decompressed Pagefind ${what}`);
	return bytes.subarray(PAGEFIND_SIGNATURE.length);
}

/** A page's stored data, from its decompressed fragment file. */
export function fragmentData(bytes: Uint8Array): PagefindFragment {
	return JSON.parse(
		new TextDecoder().decode(afterSignature(bytes, 'fragment')),
	) as PagefindFragment;
}

/**
 * Shape of `pagefind-entry.json`: the index of each language. The archive's pages are
 * language `und` (`record.ts`); in a worker Pagefind reads the language as `unknown`
 * and takes the index with the most pages, as `metadataFile` does.
 */
export interface PagefindEntry {
	languages: Record<string, { hash: string; wasm: string | null; page_count: number }>;
}

/** Name of the metadata file Pagefind loads for a bundle, from the bundle's entry file. */
export function metadataFile(entry: PagefindEntry): string | undefined {
	const indexes = Object.values(entry.languages).sort((a, b) => b.page_count - a.page_count);
	const index = entry.languages.unknown ?? indexes[0];
	return index && `pagefind.${index.hash}.pf_meta`;
}
