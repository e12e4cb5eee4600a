import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * How many article files contain each query literally: a yardstick for the result counts
 * the search pages report (Pagefind ANDs a query's segments without adjacency, so it may
 * find more; finding fewer means articles were missed). Counts only.
 */
export function countLiteralMatches(
	contentDir: string,
	queries: readonly string[],
): Record<string, number> {
	const counts = Object.fromEntries(queries.map((query) => [query, 0]));
	const root = join(contentDir, 'articles');
	for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
		const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
		for (const query of queries) if (text.includes(query)) counts[query]!++;
	}
	return counts;
}
