/**
 * What the item-file bundle route's response body costs, as a string (before 2026-12-06)
 * and as bytes (now): rebuilds every bundle found under a folder (a build's output before
 * unpacking, or the incremental cache, `<cacheDir>/dist/`) from its files both ways, puts
 * it in a `Response` and reads it back as Astro's build does (`arrayBuffer()`), eight
 * rounds, interleaved, and prints the CPU seconds of each way for all bundles.
 *
 *   node bench/measure-bundle-body.ts <folder with *.item-files>
 *
 * Run it alone: it measures this process.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
	ITEM_FILES_EXTENSION,
	ITEM_FILES_MAGIC,
	itemFilesBundleBytes,
	parseItemFiles,
} from '../src/domain/item-files.ts';

/** The route's body before 2026-12-06: the same bundle as one string (`bytes` is now). */
function bundleText(files: readonly (readonly [path: string, text: string])[]): string {
	const index = files.map(([path, text]) => [path, Buffer.byteLength(text, 'utf8')]);
	return `${ITEM_FILES_MAGIC}\n${JSON.stringify(index)}\n${files.map(([, text]) => text).join('')}`;
}

const folder = process.argv[2];
if (!folder) throw new Error('usage: node bench/measure-bundle-body.ts <folder with *.item-files>');

const bundles: [string, string][][] = [];
for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
	if (!entry.isFile() || !entry.name.endsWith(`.${ITEM_FILES_EXTENSION}`)) continue;
	const file = join(entry.parentPath, entry.name);
	bundles.push(
		parseItemFiles(readFileSync(file), file).map(([path, bytes]) => [
			path,
			Buffer.from(bytes).toString('utf8'),
		]),
	);
}
if (bundles.length === 0) throw new Error(`no .${ITEM_FILES_EXTENSION} file under ${folder}`);

/** Each way's body through a `Response`, read back as bytes; returns the bytes read. */
const ways: Record<string, () => Promise<number>> = {
	string: async () => {
		let read = 0;
		for (const files of bundles)
			read += (await new Response(bundleText(files)).arrayBuffer()).byteLength;
		return read;
	},
	bytes: async () => {
		let read = 0;
		for (const files of bundles)
			read += (await new Response(itemFilesBundleBytes(files)).arrayBuffer()).byteLength;
		return read;
	},
};

const ROUNDS = 8;
const seconds: Record<string, number[]> = { string: [], bytes: [] };
const sizes = new Set<number>();
for (let round = 0; round < ROUNDS; round++) {
	const order = round % 2 === 0 ? ['string', 'bytes'] : ['bytes', 'string'];
	for (const name of order) {
		const before = process.cpuUsage();
		sizes.add(await ways[name]!());
		const used = process.cpuUsage(before);
		seconds[name]!.push((used.user + used.system) / 1e6);
	}
}
if (sizes.size !== 1)
	throw new Error(`the two ways gave different sizes: ${[...sizes].join(', ')}`);
console.log(`${bundles.length} bundles, ${[...sizes][0]} bytes; CPU seconds for all of them:`);
for (const [name, list] of Object.entries(seconds)) {
	const sorted = [...list].sort((a, b) => a - b);
	console.log(
		`${name.padEnd(6)} median ${sorted[ROUNDS / 2]!.toFixed(3)}, range ${sorted[0]!.toFixed(3)}–${sorted.at(-1)!.toFixed(3)}`,
	);
}
