/**
 * Cold queries on several built sites, interleaved (`probeInterleaved`): each query is
 * opened on every site in turn, so that a shared machine's load falls on all alike.
 *
 *   node bench/search-ab.ts --out result.json ours=<dist> before=<dist> stock=<dist> [--queries K]
 *     [--latency MS]
 *
 * `--latency` adds that many ms to every request's round trip (Chromium's network
 * emulation, page and workers alike): the sites are served from 127.0.0.1, where requests
 * that wait for each other cost nothing more than their bytes.
 * A site named `stock` is read as the baseline (Pagefind's UI); the others as ours.
 * Prints each site's medians and maxima of first-result ms, bytes and requests to the
 * first result, for the common and the rare queries of the bench (`options.ts`).
 */

import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { COMMON_QUERIES, QUERIES, RARE_QUERIES } from './lib/options.ts';
import {
	OUR_SEARCH_PAGE,
	probeInterleaved,
	STOCK_SEARCH_PAGE,
	type QueryProbe,
} from './lib/search-probe.ts';
import { median } from './lib/stats.ts';

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { out: { type: 'string' }, queries: { type: 'string' }, latency: { type: 'string' } },
});
const sites = positionals.map((argument) => {
	const [name, dir] = argument.split('=');
	if (!name || !dir) throw new Error(`expected name=<dist>, not ${argument}`);
	return {
		name,
		distDir: resolve(dir),
		spec: name === 'stock' ? STOCK_SEARCH_PAGE : OUR_SEARCH_PAGE,
	};
});
const queries = QUERIES.slice(0, values.queries ? Number(values.queries) : QUERIES.length);
const latencyMs = values.latency ? Number(values.latency) : 0;
if (!Number.isFinite(latencyMs) || latencyMs < 0)
	throw new Error(`bad --latency ${values.latency}`);
const figures = await probeInterleaved(sites, queries, 30_000, { latencyMs });

function summary(probes: QueryProbe[]) {
	const times = probes.map((probe) => probe.firstResultMs ?? Number.NaN);
	return {
		medianMs: Math.round(median(times)),
		maxMs: Math.max(...times),
		medianKB: Math.round(median(probes.map((probe) => probe.bytesToFirstResult)) / 1024),
		maxKB: Math.round(Math.max(...probes.map((probe) => probe.bytesTotal)) / 1024),
		medianRequests: median(probes.map((probe) => probe.requestsToFirstResult)),
	};
}
const common = new Set<string>(COMMON_QUERIES);
const rare = new Set<string>(RARE_QUERIES);
for (const [name, site] of Object.entries(figures)) {
	const of = (set: Set<string>) => site.queries.filter((probe) => set.has(probe.query));
	console.log(name, 'common', summary(of(common)), 'rare', summary(of(rare)));
}
if (values.out) {
	await writeFile(
		values.out,
		`${JSON.stringify({ queries, latencyMs, sites: figures }, null, '\t')}\n`,
	);
}
