import { parseFrontmatter } from '@astrojs/markdown-remark';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { entryIdFromPath } from '../config/content-root.ts';
import { COLLECTION_NAMES, type CollectionName } from '../schemas/index.ts';
import type { ContentProblem } from './problem.ts';

/** A content file read the way Astro's glob loader reads it, before validation. */
export interface RawEntry {
	collection: CollectionName;
	id: string;
	/** Path for messages, relative to the working directory. */
	file: string;
	/** The front matter block as written, to find a field's line. */
	rawFrontmatter: string;
	data: Record<string, unknown>;
	body: string;
}

/** Whether a path below a collection folder is an entry the site publishes. */
export function isPublishedEntryPath(relativePath: string): boolean {
	const segments = relativePath.split(/[\\/]/);
	if (segments.some((segment) => segment.startsWith('_') || segment.startsWith('.'))) return false;
	return /\.(md|mdx)$/i.test(relativePath);
}

/** Reads every entry file under the content root; files that cannot be parsed become problems. */
export async function loadRawEntries(
	root: string,
	cwd = process.cwd(),
): Promise<{ entries: RawEntry[]; problems: ContentProblem[] }> {
	const entries: RawEntry[] = [];
	const problems: ContentProblem[] = [];
	for (const collection of COLLECTION_NAMES) {
		const base = join(root, collection);
		const files = await readdir(base, { recursive: true }).catch(() => [] as string[]);
		for (const relativePath of files.filter(isPublishedEntryPath).sort()) {
			const absolute = join(base, relativePath);
			const file = relative(cwd, absolute) || absolute;
			const source = await readFile(absolute, 'utf8');
			try {
				const { frontmatter, rawFrontmatter, content } = parseFrontmatter(source);
				entries.push({
					collection,
					id: entryIdFromPath(relativePath),
					file,
					rawFrontmatter,
					data: frontmatter,
					body: content,
				});
			} catch (error) {
				const line = (error as { mark?: { line?: number } }).mark?.line;
				problems.push({
					file,
					...(line !== undefined && { line: line + 2 }),
					field: '',
					message: `文件开头的 YAML 无法解析：${(error as Error).message.split('\n')[0]} / the front matter is not valid YAML`,
				});
			}
		}
	}
	return { entries, problems };
}

/** The 1-based line of a (top-level or nested) field in a file's front matter, when it can be found. */
export function lineOfField(
	entry: Pick<RawEntry, 'rawFrontmatter'>,
	path: readonly PropertyKey[],
): number | undefined {
	const lines = entry.rawFrontmatter.split('\n');
	const names = path.filter((key): key is string => typeof key === 'string');
	for (let depth = names.length; depth > 0; depth--) {
		const name = names[depth - 1]!;
		const index = lines.findIndex((line) =>
			new RegExp(`^\\s*(- )?${escapeRegExp(name)}\\s*:`).test(line),
		);
		// The front matter starts on line 2, after the opening `---`; rawFrontmatter begins with its newline.
		if (index >= 0) return index + 1;
	}
	return undefined;
}

function escapeRegExp(value: string): string {
	return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
