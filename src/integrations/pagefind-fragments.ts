import { gunzipSync } from 'node:zlib';
import { PAGEFIND_SIGNATURE as SIGNATURE } from '../search/pagefind-files.ts';

/**
 * A Pagefind fragment file (`fragment/*.pf_fragment`) holds one indexed page: gzip of
 * `pagefind_dcd` followed by JSON whose first field is the page's `url`. One decoder for the
 * post-build checks, the search evaluation and the tests.
 */

/** The fragment's text after the signature (JSON), whether the file is gzipped or not. */
export function fragmentJson(bytes: Buffer): string {
	const plain =
		bytes.subarray(0, SIGNATURE.length).toString() === SIGNATURE ? bytes : gunzipSync(bytes);
	return plain.subarray(SIGNATURE.length).toString('utf8');
}

/** The page URL a fragment indexes, read without parsing the rest; `null` when it has none. */
export function fragmentUrl(bytes: Buffer): string | null {
	const url = /^\{"url":("(?:[^"\\]|\\.)*")/.exec(fragmentJson(bytes))?.[1];
	return url ? (JSON.parse(url) as string) : null;
}
