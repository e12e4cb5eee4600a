/**
 * Prints several benchmark results side by side, for the README:
 *
 *   node bench/table.ts bench/results/2026-01-01-3139.json bench/results/2026-01-01-12556.json …
 */
import { readFileSync } from 'node:fs';
import { combinedTable, type BenchResult } from './lib/report.ts';

const files = process.argv.slice(2);
if (files.length === 0) {
	console.error('用法 / usage: node bench/table.ts <result.json>…');
	process.exitCode = 2;
} else {
	const results = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as BenchResult);
	console.log(combinedTable(results));
}
