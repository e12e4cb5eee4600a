import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { AstroIntegration } from 'astro';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contentRoot, entryIdFromPath } from '../config/content-root.ts';
import { readPublishedUrls } from '../content-checks/addresses.ts';
import { checkedEntries } from '../content-checks/checked-entries.ts';
import { listEntryFiles } from '../content-checks/load.ts';
import { ContentError, type ContentProblem } from '../content-checks/problem.ts';
import { entryUrl, formatPublishedUrls, PUBLISHED_URLS_FILE } from '../domain/published-urls.ts';
import { oldAddress } from '../schemas/fields.ts';
import { scanPage } from './built-html-scan.ts';
import { redirectPageHtml, redirectsLine } from './redirect-pages.ts';

/**
 * Permanent addresses, at the end of a build (docs/permanence.md):
 *
 * 1. every old address an entry lists in `redirectFrom` gets a page that forwards to the
 *    entry (meta refresh, canonical link, visible link) and a line in `_redirects`;
 * 2. every address in the content folder's `published-urls.txt` must now have a file in
 *    the built site, or the build fails naming it (the content check has said so before
 *    rendering; this is the same promise checked on the output);
 * 3. the list is brought up to date: new entry addresses and old addresses added, sorted,
 *    written only when its text changes. A folder without the list gets one.
 *
 * It runs after the post-build checks (list it after them in astro.config.mjs): those
 * require every page under articles/, notices/ and adverts/ to belong to an entry, which
 * an old address does not. The forwarding pages are checked here instead: each leads to a
 * page the build wrote, and none replaces one.
 */

interface Redirect {
	from: string;
	/** The entry's own page. */
	to: string;
	file: string;
}

/**
 * Every entry's page and the old addresses entries list. From the content guard's summaries
 * of this build when there are some (the files were read and parsed once, before the
 * pages); otherwise from the files, parsing front matter only where `redirectFrom` appears.
 */
async function readRedirects(
	root: string,
): Promise<{ entryUrls: string[]; redirects: Redirect[] }> {
	const entryUrls: string[] = [];
	const redirects: Redirect[] = [];
	const add = (to: string, file: string, listed: readonly unknown[]) => {
		for (const from of listed) {
			if (oldAddress.safeParse(from).success) redirects.push({ from: from as string, to, file });
		}
	};
	const checked = checkedEntries(root);
	if (checked) {
		for (const entry of checked) {
			const to = entryUrl(entry.collection, entry.id);
			if (to === undefined) continue;
			entryUrls.push(to);
			if (entry.redirectFrom)
				add(
					to,
					entry.file,
					entry.redirectFrom.map(({ path }) => path),
				);
		}
		return { entryUrls, redirects };
	}
	for (const target of await listEntryFiles(root)) {
		const to = entryUrl(target.collection, entryIdFromPath(target.relativePath));
		if (to === undefined) continue;
		entryUrls.push(to);
		const source = readFileSync(target.absolute, 'utf8');
		if (!source.includes('redirectFrom')) continue;
		const { frontmatter } = parseFrontmatter(source);
		const listed: unknown = (frontmatter as Record<string, unknown>).redirectFrom;
		if (Array.isArray(listed)) add(to, target.file, listed);
	}
	return { entryUrls, redirects };
}

/** `/a/b/` → `a/b/index.html`. */
function fileOf(path: string): string {
	const [pathname = ''] = path.split('#');
	return `${pathname.replace(/^\/+/, '')}index.html`;
}

function titleOf(html: string): string {
	return (
		/<title>([^<]*)<\/title>/
			.exec(html)?.[1]
			?.replace(/&amp;/g, '&')
			.replace(/&lt;/g, '<')
			.replace(/&gt;/g, '>')
			.replace(/&quot;/g, '"') ?? ''
	);
}

export interface PermanenceReport {
	redirects: number;
	added: string[];
	written: boolean;
}

/** Writes the forwarding pages and `_redirects`, checks the list against the site, updates it. */
export async function keepAddresses(options: {
	distDir: string;
	root: string;
	site: string;
}): Promise<PermanenceReport> {
	const { distDir, root, site } = options;
	const { entryUrls, redirects } = await readRedirects(root);
	const problems: ContentProblem[] = [];
	const listFile = relative(process.cwd(), join(root, PUBLISHED_URLS_FILE)) || PUBLISHED_URLS_FILE;

	const lines: string[] = [];
	for (const redirect of [...redirects].sort((a, b) => (a.from < b.from ? -1 : 1))) {
		const oldFile = join(distDir, fileOf(redirect.from));
		const targetFile = join(distDir, fileOf(redirect.to));
		if (existsSync(oldFile)) {
			problems.push({
				file: redirect.file,
				field: 'redirectFrom',
				code: 'redirect-conflict',
				message: `${redirect.from} 是本站现有的页面，不能再转到这里 / ${redirect.from} is a page the site builds; an old address cannot replace it`,
				fix: '删去这一项 / remove this item',
			});
			continue;
		}
		if (!existsSync(targetFile)) {
			problems.push({
				file: redirect.file,
				field: 'redirectFrom',
				code: 'redirect-conflict',
				message: `本条目没有生成页面 ${redirect.to}，${redirect.from} 无处可转 / this entry has no page at ${redirect.to} to forward ${redirect.from} to`,
				fix: '请开发人员检查这个条目为什么没有页面 / ask a developer why this entry has no page',
			});
			continue;
		}
		const targetHtml = await readFile(targetFile, 'utf8');
		// A story's later part is itself a forwarding page: go straight to its place in the story.
		const onward = scanPage(targetHtml).refreshTo;
		const to = onward ?? redirect.to;
		const title = onward
			? titleOf(await readFile(join(distDir, fileOf(onward)), 'utf8'))
			: titleOf(targetHtml);
		await mkdir(dirname(oldFile), { recursive: true });
		await writeFile(oldFile, redirectPageHtml({ to, title: title.replace(/ · .*$/, ''), site }));
		lines.push(redirectsLine(redirect.from, to));
	}

	const listed = readPublishedUrls(root) ?? [];
	for (const { path, line } of listed) {
		if (existsSync(join(distDir, fileOf(path)))) continue;
		problems.push({
			file: listFile,
			line,
			field: '',
			code: 'lost-address',
			message: `${path} 曾经发布过，这次构建却没有这个页面 / ${path} was published, but this build has no page for it`,
			fix: `在新条目的字段区加上 redirectFrom: ['${path}'] / add redirectFrom: ['${path}'] to the new entry`,
		});
	}
	if (problems.length > 0) throw new ContentError(problems);

	if (lines.length > 0) {
		const file = join(distDir, '_redirects');
		const existing = existsSync(file) ? await readFile(file, 'utf8') : '';
		const heading =
			'# Old addresses of entries (redirectFrom), written by src/integrations/permanence.ts\n';
		await writeFile(
			file,
			`${existing}${existing && !existing.endsWith('\n') ? '\n' : ''}${heading}${lines.join('\n')}\n`,
		);
	}

	const listedPaths = new Set(listed.map(({ path }) => path));
	const all = [...listedPaths, ...entryUrls, ...redirects.map(({ from }) => from)];
	const added = [...new Set(all)].filter((path) => !listedPaths.has(path)).sort();
	const text = formatPublishedUrls(all);
	const listPath = join(root, PUBLISHED_URLS_FILE);
	const before = existsSync(listPath) ? await readFile(listPath, 'utf8') : undefined;
	const written = before !== text;
	if (written) await writeFile(listPath, text);
	return { redirects: lines.length, added, written };
}

export function permanence(): AstroIntegration {
	let site = '';
	return {
		name: 'archive:permanence',
		hooks: {
			'astro:config:done': ({ config }) => {
				site = config.site ?? '';
			},
			'astro:build:done': async ({ dir, logger }) => {
				const root = contentRoot();
				const report = await keepAddresses({ distDir: fileURLToPath(dir), root, site });
				logger.info(
					`${report.redirects} old address(es) forwarded; ${PUBLISHED_URLS_FILE}: ${report.written ? `${report.added.length} address(es) added` : 'up to date'}`,
				);
			},
		},
	};
}
