/**
 * Pagefind's own files (metadata, fragments) read without Pagefind, in the browser and in
 * Node alike: once decompressed, each starts with Pagefind's signature, then its content
 * (CBOR for metadata, JSON for a fragment).
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
