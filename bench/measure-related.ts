/**
 * What related items (src/domain/related.ts) and reprint grouping (src/domain/reprints.ts)
 * cost at archive scale: builds the related index over synthetic stories and asks for every
 * story's related list, as a full build does, then groups the stories' texts into reprints.
 *
 *   node bench/measure-related.ts [count=100000] [copies=1]
 *
 * The stories are drawn with a fixed seed and skewed like a real paper: a few places and
 * tags are on very many stories (安康, 旬阳…), most are rare; a tenth name a person.
 * With `copies` > 1 the archive is `count / copies` stories printed `copies` times on
 * shifted dates, the same text and features each time, as the bench's replicated corpus is
 * (100,000 = 3,125 × 32): every story then has `copies - 1` reprints and at least that many
 * stories sharing all its features. Prints time and the memory the index holds. Run it
 * alone: it measures this process.
 */
import { buildRelatedIndex, relatedTo, type RelatableItem } from '../src/domain/related.ts';
import { groupReprints } from '../src/domain/reprints.ts';

const count = Number(process.argv[2] ?? 100_000);
const copies = Number(process.argv[3] ?? 1);
if (!Number.isSafeInteger(copies) || copies < 1 || count % copies !== 0) {
	throw new Error(`copies must be a whole number dividing ${count}, got ${process.argv[3]}`);
}

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

const DAY_MS = 86_400_000;

function synthetic(n: number, copies: number): (RelatableItem & { body: string })[] {
	const start = Date.UTC(1998, 0, 1);
	const originals = n / copies;
	// Each copy is shifted past the last day of the one before, as the importer shifts them.
	const shiftDays = Math.ceil(originals / 40) + 1;
	const base = Array.from({ length: originals }, (_, i) => ({
		day: Math.floor(i / 40),
		places: pick('place', 400, 1 + Math.floor(next() * 4)),
		tags: pick('tag', 20_000, Math.floor(next() * 5)),
		people: next() < 0.1 ? pick('person', 5_000, 1 + Math.floor(next() * 2)) : [],
		// About 2 kB of text, different for every original (a real article's length).
		body: `第${i}篇。${'本报讯 通讯员报道 '.repeat(120)}`,
	}));
	return Array.from({ length: n }, (_, i) => {
		const copy = Math.floor(i / originals);
		const { day, body, ...features } = base[i % originals]!;
		return {
			id: `${i}`.padStart(7, '0'),
			date: new Date(start + (day + copy * shiftDays) * DAY_MS).toISOString().slice(0, 10),
			...features,
			body,
		};
	});
}

/** Heap in use once garbage is collected (with `--expose-gc`; otherwise as it stands). */
function heapUsed(): number {
	for (let i = 0; i < 3; i++) globalThis.gc?.();
	return process.memoryUsage().heapUsed;
}

const items = synthetic(count, copies);
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

// Reprints: the archive model groups every printed item's text once (src/data/archive-model.ts).
const reprintCpuStart = process.cpuUsage();
const reprintStarted = performance.now();
const reprints = groupReprints(
	items.map((item) => ({ key: item.id, date: item.date, page: 1, body: item.body })),
);
const reprintMs = performance.now() - reprintStarted;
const reprintCpu = process.cpuUsage(reprintCpuStart);
let reprintLinks = 0;
for (const others of reprints.values()) reprintLinks += others.length;
if (copies > 1 && reprints.size !== count) throw new Error('a copy was not grouped');

console.log(
	JSON.stringify(
		{
			stories: count,
			copies,
			indexMs: Math.round(built - started),
			allListsMs: Math.round(done - built),
			totalMs: Math.round(done - started),
			// CPU time of this process: less disturbed than wall time on a shared machine.
			indexCpuMs: Math.round((cpuBuilt.user + cpuBuilt.system) / 1000),
			totalCpuMs: Math.round((cpuDone.user + cpuDone.system) / 1000),
			perStoryUs: Number((((done - built) / count) * 1000).toFixed(1)),
			averageRelated: Number((listed / count).toFixed(2)),
			indexHeapMB: Number(((heapAfter - heapBefore) / 2 ** 20).toFixed(1)),
			reprintMs: Math.round(reprintMs),
			reprintCpuMs: Math.round((reprintCpu.user + reprintCpu.system) / 1000),
			storiesWithReprints: reprints.size,
			reprintLinks,
			gcExposed: typeof globalThis.gc === 'function',
		},
		null,
		'\t',
	),
);
