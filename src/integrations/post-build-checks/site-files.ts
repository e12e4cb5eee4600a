import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export interface PostBuildOptions {
	/** The built site. */
	distDir: string;
	/** The content folder the site was built from. */
	contentDir: string;
	/** The site's public address: absolute links to it are internal links. */
	site: string;
}

/** The built site's files, listed once for every check. */
export interface Site {
	files: string[];
	fileSet: Set<string>;
	htmlFiles: string[];
}

export async function listSite(distDir: string): Promise<Site> {
	const entries = await readdir(distDir, { recursive: true, withFileTypes: true });
	const files = entries
		.filter((entry) => entry.isFile())
		.map((entry) => relative(distDir, join(entry.parentPath, entry.name)).split(sep).join('/'))
		.sort();
	return { files, fileSet: new Set(files), htmlFiles: files.filter((f) => f.endsWith('.html')) };
}

/**
 * Reads the files one by one, in order, with the synchronous call: for many small files it
 * is several times faster than promises on the thread pool (15,000 pages: 0.3 s against
 * 0.8 s here), and nothing else runs during the checks.
 */
export function forEachFile(
	dir: string,
	files: readonly string[],
	use: (file: string, content: Buffer) => void,
): void {
	for (const file of files) use(file, readFileSync(join(dir, file)));
}

export function decodePath(value: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		return value;
	}
}
