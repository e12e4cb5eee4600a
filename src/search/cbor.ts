/**
 * A minimal CBOR reader, enough for Pagefind's metadata file (`pagefind.*.pf_meta`):
 * integers, byte and text strings, arrays, maps, and simple values.
 */

export type CborValue =
	| number
	| string
	| Uint8Array
	| boolean
	| null
	| undefined
	| CborValue[]
	| Map<CborValue, CborValue>;

export function decodeCbor(bytes: Uint8Array): CborValue {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const decoder = new TextDecoder();
	let offset = 0;
	const length = (info: number): number => {
		if (info < 24) return info;
		if (info === 24) return view.getUint8(offset++);
		if (info === 25) return ((offset += 2), view.getUint16(offset - 2));
		if (info === 26) return ((offset += 4), view.getUint32(offset - 4));
		if (info === 27) return ((offset += 8), Number(view.getBigUint64(offset - 8)));
		throw new Error(`unsupported CBOR length ${info} at ${offset}`);
	};
	const read = (): CborValue => {
		const initial = view.getUint8(offset++);
		const major = initial >> 5;
		const info = initial & 31;
		switch (major) {
			case 0:
				return length(info);
			case 1:
				return -1 - length(info);
			case 2: {
				const size = length(info);
				offset += size;
				return bytes.subarray(offset - size, offset);
			}
			case 3: {
				const size = length(info);
				offset += size;
				return decoder.decode(bytes.subarray(offset - size, offset));
			}
			case 4:
				return Array.from({ length: length(info) }, read);
			case 5: {
				const map = new Map<CborValue, CborValue>();
				for (let count = length(info); count > 0; count--) map.set(read(), read());
				return map;
			}
			case 7:
				if (info === 20) return false;
				if (info === 21) return true;
				if (info === 22) return null;
				return undefined;
			default:
				throw new Error(`unsupported CBOR type ${major} at ${offset}`);
		}
	};
	return read();
}
