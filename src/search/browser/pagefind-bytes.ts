/**
 * A fetched Pagefind file's bytes, decompressed: Pagefind writes its files gzipped, unless a
 * host has already decompressed them; the browser inflates them (`DecompressionStream`).
 */
export async function pagefindBytes(response: Response): Promise<Uint8Array> {
	const bytes = new Uint8Array(await response.arrayBuffer());
	if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
	const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}
