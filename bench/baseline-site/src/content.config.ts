import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

// The starter's one collection, pointed at the archive's article files: the same files our
// site builds (`ARCHIVE_CONTENT`), read with the fields a blog post needs.
const base = `${process.env.ARCHIVE_CONTENT ?? './src/content'}/articles`;

const blog = defineCollection({
	loader: glob({ base, pattern: '**/*.{md,mdx}' }),
	schema: z.object({
		title: z.string(),
		date: z.coerce.date(),
		page: z.number().int(),
		order: z.number().int().optional(),
	}),
});

export const collections = { blog };
