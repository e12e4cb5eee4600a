import { defineCollection } from 'astro:content';
import { join } from 'node:path';
import { contentRoot, ENTRY_PATTERNS, entryIdFromPath } from './config/content-root.ts';
import { asWrittenGlob } from './data/as-written-loader.ts';
import {
	advertSchema,
	articleSchema,
	issueSchema,
	noticeSchema,
	personSchema,
} from './schemas/index.ts';
import type { CollectionName } from './schemas/index.ts';

const root = contentRoot();

// Ids come from the file path only (never a `slug` field), so the content checks that
// run before the build can predict every id and refuse two files that would share one.
// Fields are read as written (no YAML dates rolled over), the way the checks read them.
function loaderFor(name: CollectionName) {
	return asWrittenGlob({ base: join(root, name), pattern: ENTRY_PATTERNS, idOf: entryIdFromPath });
}

export const collections = {
	articles: defineCollection({ loader: loaderFor('articles'), schema: articleSchema }),
	people: defineCollection({ loader: loaderFor('people'), schema: personSchema }),
	notices: defineCollection({ loader: loaderFor('notices'), schema: noticeSchema }),
	adverts: defineCollection({ loader: loaderFor('adverts'), schema: advertSchema }),
	issues: defineCollection({ loader: loaderFor('issues'), schema: issueSchema }),
};
