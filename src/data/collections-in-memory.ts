/**
 * The collections as content sync left them in memory, handed from the collections' loader
 * (src/data/as-written-loader.ts) to the pages' bundle of the same build
 * (src/integrations/content-store-at-run-time.ts), so that the bundle need not read and
 * parse Astro's store file again: 418 MB at 100,000 articles, 3.5 s of every build, and a
 * second copy of every entry in memory while the pages render.
 *
 * The hand-off lives on `globalThis`: the loader runs in modules Vite loads apart from the
 * integrations' and the bundle's (the same process, other module instances). A build opens
 * it (`openHandOff`) before content sync; each collection's loader puts its entries in it
 * when it has loaded them; the bundle takes it only when it holds every collection, and
 * reads the file otherwise.
 */

/** Where the hand-off lives; the bundle's module names the same symbol. */
export const HAND_OFF_KEY = 'archive:collections-in-memory';

/** Collection name → entry id → entry, as Astro's store holds them (`ImmutableDataStore`). */
export type HandedCollections = Map<string, Map<string, unknown>> & {
	/** Set by the bundle's module when it used the hand-off. */
	taken?: boolean;
};

type WithHandOff = typeof globalThis & { [key: symbol]: HandedCollections | undefined };

const key = Symbol.for(HAND_OFF_KEY);

/** Starts an empty hand-off for this build, replacing any from an earlier build in this process. */
export function openHandOff(): HandedCollections {
	const handed: HandedCollections = new Map();
	(globalThis as WithHandOff)[key] = handed;
	return handed;
}

/** This build's hand-off, if one was opened. */
export function handOff(): HandedCollections | undefined {
	return (globalThis as WithHandOff)[key];
}

/** Puts a collection's entries, as loaded, in this build's hand-off (none open: nothing). */
export function handOverCollection(
	name: string,
	entries: Iterable<readonly [string, unknown]>,
): void {
	handOff()?.set(name, new Map(entries));
}
