/** An amount in yuan as a Chinese reader expects it: 20000 → 2万元, 6000 → 6000元, 0.5 → 0.5元. */
export function formatYuan(amount: number): string {
	if (amount >= 10_000 && amount % 100 === 0) {
		return `${trimNumber(amount / 10_000)}万元`;
	}
	return `${trimNumber(amount)}元`;
}

function trimNumber(value: number): string {
	return String(Number(value.toFixed(4)));
}
