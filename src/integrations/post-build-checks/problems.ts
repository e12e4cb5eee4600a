/** At most this many problems are listed; the total is always given. */
const MAX_LISTED = 100;

/** The problems found so far: the first hundred listed, all counted. */
export class Problems {
	readonly listed: string[] = [];
	count = 0;
	add(where: string, message: string): void {
		this.count++;
		if (this.listed.length < MAX_LISTED) this.listed.push(`${where}: ${message}`);
	}
}

export interface PostBuildReport {
	pages: number;
	links: number;
	entries: number;
	indexed: number;
	problems: string[];
	/** All problems found, also those not listed. */
	problemCount: number;
}

export function formatPostBuildProblems(report: PostBuildReport): string {
	const more = report.problemCount - report.problems.length;
	return [
		`构建后检查发现 ${report.problemCount} 个问题 / post-build check found ${report.problemCount} problem(s):`,
		...report.problems.map((problem) => `  - ${problem}`),
		...(more > 0 ? [`  … 另有 ${more} 个 / and ${more} more`] : []),
	].join('\n');
}
