import type { Loader, LoaderContext } from 'astro/loaders';
import { frontmatterAsWritten } from '../content-checks/frontmatter.ts';

/** What the glob loader uses of an entry type (Astro passes it, without a public type). */
interface EntryType {
	getEntryInfo(params: {
		fileUrl: URL;
		contents: string;
	}): { data: Record<string, unknown> } | Promise<{ data: Record<string, unknown> }>;
}

/** The loader context as Astro's content layer builds it: with the entry types by extension. */
type ContextWithEntryTypes = LoaderContext & { entryTypes: Map<string, EntryType> };

/**
 * Wraps a loader (Astro's glob loader) so that each entry's fields are read as written
 * (src/content-checks/frontmatter.ts) instead of by Astro's js-yaml reader, which builds
 * Date objects and rolls an impossible `2021-11-31` over to 2021-12-01. The body, the
 * rendering and everything else stay Astro's own; only `data` is replaced.
 */
export function readAsWritten(loader: Loader): Loader {
	return {
		...loader,
		load: (context) => {
			const { entryTypes } = context as ContextWithEntryTypes;
			return loader.load({ ...context, entryTypes: asWritten(entryTypes) } as LoaderContext);
		},
	};
}

function asWritten(entryTypes: Map<string, EntryType>): Map<string, EntryType> {
	const wrapped = new Map<string, EntryType>();
	for (const [extension, entryType] of entryTypes) {
		wrapped.set(extension, {
			...entryType,
			getEntryInfo: async (params) => {
				const info = await entryType.getEntryInfo(params);
				return { ...info, data: frontmatterAsWritten(params.contents) };
			},
		});
	}
	return wrapped;
}
