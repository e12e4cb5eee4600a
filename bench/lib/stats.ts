/** The middle value (the mean of the two middle ones for an even count); 0 for none. */
export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	if (sorted.length === 0) return 0;
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The arithmetic mean; NaN for none (a score over no queries is not 0). */
export function mean(values: readonly number[]): number {
	return values.length === 0
		? Number.NaN
		: values.reduce((sum, value) => sum + value, 0) / values.length;
}
