/**
 * The search shard writer of several checkouts on the same pages, interleaved: each round
 * writes one shard with every checkout in turn (the order turned each round), so that a
 * shared machine's load falls on all alike.
 *
 *   node bench/shard-writer-ab.ts --site <dist> [--pages 5000] [--rounds 4] name=<checkout> …
 *
 * `--site` is a built site, e.g. one kept by `npm run bench -- --keep`. Prints each
 * checkout's median wall time and the median CPU time of the writer's own process (its
 * JavaScript; Pagefind's process is apart and the same for all).
 */

import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { median } from './lib/stats.ts';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: {
		site: { type: 'string' },
		pages: { type: 'string', default: '5000' },
		rounds: { type: 'string', default: '4' },
	},
});
if (!values.site || positionals.length === 0) {
	throw new Error(
		'usage: shard-writer-ab.ts --site <dist> [--pages N] [--rounds R] name=<checkout> …',
	);
}
const checkouts = positionals.map((argument) => {
	const [name, dir] = argument.split('=');
	if (!name || !dir) throw new Error(`expected name=<checkout>, not ${argument}`);
	return { name, dir: resolve(dir), runs: [] as { wallSeconds: number; cpuSeconds: number }[] };
});
const runner = new URL('./lib/shard-writer-run.ts', import.meta.url).pathname;

for (let round = 0; round < Number(values.rounds); round++) {
	const order = round % 2 === 0 ? checkouts : [...checkouts].reverse();
	for (const checkout of order) {
		const output = execFileSync(
			process.execPath,
			[runner, checkout.dir, resolve(values.site), values.pages],
			{ encoding: 'utf8' },
		);
		const run = JSON.parse(output.trim().split('\n').at(-1)!) as (typeof checkout.runs)[number];
		checkout.runs.push(run);
		console.log(
			`round ${round + 1} ${checkout.name}: ${run.wallSeconds.toFixed(1)} s, ${run.cpuSeconds.toFixed(2)} CPU-s`,
		);
	}
}
for (const { name, runs } of checkouts) {
	const wall = median(runs.map((run) => run.wallSeconds));
	const cpu = median(runs.map((run) => run.cpuSeconds));
	console.log(
		`${name}: median ${wall.toFixed(1)} s wall, ${cpu.toFixed(2)} CPU-s in the writer's process ` +
			`(CPU-s: ${runs.map((run) => run.cpuSeconds.toFixed(2)).join(', ')})`,
	);
}
