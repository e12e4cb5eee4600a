/**
 * What related items (src/domain/related.ts) cost at archive scale: builds the index over
 * synthetic stories and asks for every story's related list, as a full build does.
 *
 *   node bench/measure-related.ts [count=100000]
 *
 * The stories are drawn with a fixed seed and skewed like a real paper: a few places and
 * tags are on very many stories (安康, 旬阳…), most are rare; a tenth name a person.
 * Prints time and the memory the index holds. Run it alone: it measures this process.
 */
import { buildRelatedIndex, relatedTo, type RelatableItem } from '../src/domain/related.ts';

const count = Number(process.argv[2] ?? 100_000);

/** Mulberry32: a small seeded generator, so every run draws the same archive. */
function random(seed: number): () => number {
	return () => {
		seed = (seed + 0x6d2b79f5) | 0;
		let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const next = random(20211111);
/** Zipf-like pick among `n` values: value 0 is the most common. */
const skewed = (n: number) => Math.floor(n ** next()) - 1;
const pick = (prefix: string, n: number, howMany: number) =>
	Array.from({ length: howMany }, () => `${prefix}${skewed(n)}`);

function synthetic(n: number): RelatableItem[] {
	const start = Date.UTC(1998, 0, 1);
	return Array.from({ length: n }, (_, i) => ({
		id: `${i}`.padStart(7, '0'),
		date: new Date(start + Math.floor(i / 40) * 86_400_000).toISOString().slice(0, 10),
		places: pick('place', 400, 1 + Math.floor(next() * 4)),
		tags: pick('tag', 20_000, Math.floor(next() * 5)),
		people: next() < 0.1 ? pick('person', 5_000, 1 + Math.floor(next() * 2)) : [],
	}));
}

/** Heap in use once garbage is collected (with `--expose-gc`; otherwise as it stands). */
function heapUsed(): number {
	for (let i = 0; i < 3; i++) globalThis.gc?.();
	return process.memoryUsage().heapUsed;
}

const items = synthetic(count);
const heapBefore = heapUsed();
const cpuStart = process.cpuUsage();
const started = performance.now();
const index = buildRelatedIndex(items);
const built = performance.now();
const cpuBuilt = process.cpuUsage(cpuStart);
let listed = 0;
for (const item of items) listed += relatedTo(index, item.id).length;
const done = performance.now();
const cpuDone = process.cpuUsage(cpuStart);
const heapAfter = heapUsed();
// Keep the index alive until measured.
if (index.items.length !== count) throw new Error('index lost items');

console.log(
	JSON.stringify(
		{
			stories: count,
			indexMs: Math.round(built - started),
			allListsMs: Math.round(done - built),
			totalMs: Math.round(done - started),
			// CPU time of this process: less disturbed than wall time on a shared machine.
			indexCpuMs: Math.round((cpuBuilt.user + cpuBuilt.system) / 1000),
			totalCpuMs: Math.round((cpuDone.user + cpuDone.system) / 1000),
			perStoryUs: Number((((done - built) / count) * 1000).toFixed(1)),
			averageRelated: Number((listed / count).toFixed(2)),
			indexHeapMB: Number(((heapAfter - heapBefore) / 2 ** 20).toFixed(1)),
			gcExposed: typeof globalThis.gc === 'function',
		},
		null,
		'\t',
	),
);
