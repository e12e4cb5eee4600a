/**
 * Draws the bench's figures as SVG charts for docs/benchmarks.md:
 *
 *   npm run bench:charts                      # every bench/results/*.json → docs/bench/*.svg
 *   npm run bench:charts -- <result.json>…    # only these results
 *
 * For each size and site the newest result is drawn (bench/lib/charts.ts).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCharts } from './lib/charts.ts';
import { PROJECT_ROOT } from '../support/paths.ts';
import type { BenchResult } from './lib/report.ts';

const resultsDir = join(PROJECT_ROOT, 'bench', 'results');
const outDir = join(PROJECT_ROOT, 'docs', 'bench');
const args = process.argv.slice(2);
const files =
	args.length > 0
		? args
		: readdirSync(resultsDir)
				.filter((name) => name.endsWith('.json'))
				.sort()
				.map((name) => join(resultsDir, name));
const results = files.map((file) => JSON.parse(readFileSync(file, 'utf8')) as BenchResult);
mkdirSync(outDir, { recursive: true });
for (const [name, svg] of Object.entries(renderCharts(results))) {
	writeFileSync(join(outDir, name), svg);
	console.log(`wrote docs/bench/${name}`);
}
