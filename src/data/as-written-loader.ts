import { glob, type Loader, type LoaderContext } from 'astro/loaders';
import { fileURLToPath } from 'node:url';
import { frontmatterAsWritten } from '../content-checks/frontmatter.ts';
import { failOnContentProblems } from '../integrations/content-verdict.ts';
import { handOverCollection } from './collections-in-memory.ts';
import {
	entryFilesBelow,
	keepUnchanged,
	literalPattern,
	MAX_LITERAL_PATTERNS,
	openEntryDigests,
	posixRelative,
	recordLoaded,
	storeWithout,
} from './unchanged-entries.ts';

/** What the glob loader uses of an entry type (Astro passes it, without a public type). */
interface EntryType {
	getEntryInfo(params: {
		fileUrl: URL;
		contents: string;
	}): { data: Record<string, unknown> } | Promise<{ data: Record<string, unknown> }>;
}

/** The loader context as Astro's content layer builds it: with the entry types by extension. */
type ContextWithEntryTypes = LoaderContext & { entryTypes: Map<string, EntryType> };

export interface AsWrittenGlobOptions {
	/** The collection's folder (absolute). */
	base: string;
	pattern: string | string[];
	/** An entry's id from its path below `base` alone, never from its fields. */
	idOf: (entry: string) => string;
}

/**
 * Astro's glob loader, with each entry's fields read as written
 * (src/content-checks/frontmatter.ts) instead of by Astro's js-yaml reader, which builds
 * Date objects and rolls an impossible `2021-11-31` over to 2021-12-01. The body, the
 * rendering and everything else stay Astro's own; only `data` is replaced.
 *
 * In a build, a file that still has the stamp it had when the last build read it is not
 * read at all, and its entry is kept as stored (`loadChanged`, src/data/unchanged-entries.ts);
 * the glob loader is given only the other files. Of those, Astro keeps an entry whose file is
 * unchanged (the same id, file and digest in its store) without looking at its fields, so
 * they are not read as written either (at 100,000 articles that was 6.6 s of a day's
 * rebuild): the test is the glob loader's own, on the same id (`idOf`, which the glob loader
 * is given too, on the same path), so an entry Astro will read always gets the fields as
 * written.
 */
export function asWrittenGlob(options: AsWrittenGlobOptions): Loader {
	const loader = globOf(options, options.pattern);
	return {
		...loader,
		load: async (context) => {
			const { entryTypes } = context as ContextWithEntryTypes;
			const wrapped = asWritten(entryTypes, (fileUrl, contents) =>
				unchangedInStore(context, options, fileUrl, contents),
			);
			const resumeSaves = deferStoreSaves(context);
			try {
				// Content the checks refuse is reported as they name it (file, line, field), not as
				// the first mistake Astro meets, and never changes Astro's store: nothing is loaded
				// before their verdict (src/integrations/content-guard.ts).
				await failOnContentProblems();
				const files = context.watcher ? undefined : await entryFilesBelow(options.base);
				if (files === undefined || files.hasLinks) {
					// The dev server watches the whole folder; a folder with links is the glob's to follow.
					await loader.load({ ...context, entryTypes: wrapped } as LoaderContext);
				} else {
					await loadChanged(context, options, wrapped, files.entries);
				}
				// For the pages' bundle of this build, which then need not read the store's file.
				handOverCollection(context.collection, context.store.entries());
			} finally {
				resumeSaves();
			}
		},
	};
}

/** Astro's glob loader over the collection's folder, ids from the path alone. */
function globOf(options: AsWrittenGlobOptions, pattern: string | string[]): Loader {
	return glob({ base: options.base, pattern, generateId: ({ entry }) => options.idOf(entry) });
}

/**
 * Loads only the files that changed since the last build, through Astro's own glob loader
 * given their paths as patterns, and keeps every other entry as stored
 * (src/data/unchanged-entries.ts). With no record, or more changes than literal patterns
 * are worth, every file is read, as Astro's loader alone would.
 */
async function loadChanged(
	context: LoaderContext,
	options: AsWrittenGlobOptions,
	entryTypes: Map<string, EntryType>,
	entries: readonly string[],
): Promise<void> {
	const record = await openEntryDigests(context);
	const { kept, changed } = keepUnchanged(context, record, options.base, entries, options.idOf);
	const literal = changed.length <= MAX_LITERAL_PATTERNS;
	if (changed.length > 0) {
		const pattern = literal ? changed.map(({ entry }) => literalPattern(entry)) : options.pattern;
		await globOf(options, pattern).load({
			...context,
			store: storeWithout(context.store, kept),
			entryTypes,
		} as LoaderContext);
	} else {
		// Nothing to read: what is not kept is gone, as the glob loader deletes untouched entries.
		for (const id of context.store.keys()) if (!kept.has(id)) context.store.delete(id);
	}
	recordLoaded(context, record, options.base, changed, options.idOf);
	// Past the literal patterns' limit the glob reads every file, kept ones too.
	const unread = literal ? kept.size : 0;
	context.logger.info(
		`${context.collection}: ${unread} unchanged entries kept without reading, ${entries.length - unread} read`,
	);
	// A record not saved costs the next build a read of every file, nothing else.
	await record.save().catch(() => undefined);
}

/** A meta key of our own, set again and again while a collection loads (`deferStoreSaves`). */
const LOADING_KEY = 'archive-loading';

/**
 * Keeps Astro from saving its whole store while this collection loads; returns the function
 * that lets it save again. Astro saves the store 500 ms after its last change, and saves it
 * once more when every loader has finished. A rebuild changes the store first (the config
 * digests Astro sets before loading) and then not until its new entries, seconds later:
 * waiting for the checks' verdict and reading every unchanged file. The first save came in
 * between, a second serialisation of the whole store that the last save makes anyway: 0.8 s
 * of a day's rebuild at 15,000 articles. Setting one constant meta value more often than
 * every 500 ms moves Astro's timer on, so a build saves its store once, at the end.
 */
function deferStoreSaves(context: LoaderContext): () => void {
	const touch = () => context.meta.set(LOADING_KEY, 'true');
	touch();
	const timer = setInterval(touch, 200);
	timer.unref();
	return () => clearInterval(timer);
}

/**
 * Whether Astro's glob loader will keep this file's entry as stored: the test it makes
 * (`existingEntry.digest === digest && existingEntry.filePath`), and the stored entry is
 * this very file.
 */
function unchangedInStore(
	context: LoaderContext,
	{ base, idOf }: AsWrittenGlobOptions,
	fileUrl: URL,
	contents: string,
): boolean {
	const { store, config } = context;
	const path = fileURLToPath(fileUrl);
	const stored = store.get(idOf(posixRelative(base, path)));
	return (
		stored !== undefined &&
		stored.digest === context.generateDigest(contents) &&
		stored.filePath === posixRelative(fileURLToPath(config.root), path)
	);
}

function asWritten(
	entryTypes: Map<string, EntryType>,
	unchanged: (fileUrl: URL, contents: string) => boolean,
): Map<string, EntryType> {
	const wrapped = new Map<string, EntryType>();
	for (const [extension, entryType] of entryTypes) {
		wrapped.set(extension, {
			...entryType,
			getEntryInfo: async (params) => {
				const info = await entryType.getEntryInfo(params);
				// Astro will not look at an unchanged entry's fields: they are not read again.
				if (unchanged(params.fileUrl, params.contents)) return info;
				return { ...info, data: frontmatterAsWritten(params.contents) };
			},
		});
	}
	return wrapped;
}
