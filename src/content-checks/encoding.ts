/**
 * The offset of the first byte that is not part of well-formed UTF-8, or `undefined`
 * when the whole buffer is UTF-8. Overlong forms, surrogates and code points above
 * U+10FFFF count as invalid, as they do for `TextDecoder` with `fatal: true`.
 */
export function firstInvalidUtf8Byte(bytes: Uint8Array): number | undefined {
	let index = 0;
	while (index < bytes.length) {
		const lead = bytes[index]!;
		if (lead < 0x80) {
			index++;
			continue;
		}
		let length: number;
		let min: number;
		let max = 0xbf;
		if (lead >= 0xc2 && lead <= 0xdf) {
			length = 2;
			min = 0x80;
		} else if (lead >= 0xe0 && lead <= 0xef) {
			length = 3;
			min = lead === 0xe0 ? 0xa0 : 0x80;
			if (lead === 0xed) max = 0x9f;
		} else if (lead >= 0xf0 && lead <= 0xf4) {
			length = 4;
			min = lead === 0xf0 ? 0x90 : 0x80;
			if (lead === 0xf4) max = 0x8f;
		} else {
			return index;
		}
		if (index + length > bytes.length) return index;
		const second = bytes[index + 1]!;
		if (second < min || second > max) return index;
		for (let offset = 2; offset < length; offset++) {
			const next = bytes[index + offset]!;
			if (next < 0x80 || next > 0xbf) return index;
		}
		index += length;
	}
	return undefined;
}
