import { builtFileOfUrl, urlOfBuiltFile } from '../../domain/built-files.ts';
import { scanPage } from '../built-html-scan.ts';
import type { Problems } from './problems.ts';
import { decodePath, forEachFile, type PostBuildOptions, type Site } from './site-files.ts';

/**
 * Every page read in full: each id used once, one Content-Security-Policy shared by all
 * pages, and every link and `#anchor` leading to something this site holds. Each problem
 * is listed where it is found.
 */

/** What the pages say, gathered by either way of reading them, for the checks that follow. */
export interface PagesRead {
	links: number;
	markedForIndex: Set<string>;
	redirects: Set<string>;
	policy: { csp: string; page: string } | undefined;
}

/** Every page scanned and every link followed, each problem listed where it is found. */
export function readPagesFully(
	options: PostBuildOptions,
	{ fileSet, htmlFiles }: Site,
	problems: Problems,
): PagesRead {
	const { distDir, site } = options;
	const origin = new URL(site).origin;
	const markedForIndex = new Set<string>();
	const redirects = new Set<string>();
	/** Anchors in other pages, checked once every page has been read: target file → anchor → first page linking. */
	const anchorsWanted = new Map<string, Map<string, string>>();
	let links = 0;
	let policy: { csp: string; page: string } | undefined;

	forEachFile(distDir, htmlFiles, (file, content) => {
		const url = urlOfBuiltFile(file);
		const page = scanPage(content.toString('utf8'));
		const ids = new Set<string>();
		for (const id of page.ids) {
			if (ids.has(id))
				problems.add(url, `id “${id}” 在页面中出现不止一次 / id “${id}” is used more than once`);
			ids.add(id);
		}
		if (page.indexed) markedForIndex.add(url);
		if (page.refreshTo !== undefined) redirects.add(url);
		if (page.csp.length !== 1) {
			problems.add(
				url,
				`应有且只有一条 CSP <meta>，实有 ${page.csp.length} 条 / expected one CSP <meta>, found ${page.csp.length}`,
			);
		} else if (!policy) {
			policy = { csp: page.csp[0]!, page: url };
		} else if (page.csp[0] !== policy.csp) {
			problems.add(
				url,
				`CSP 与 ${policy.page} 不同，HTTP 头只能发送一条 / CSP differs from ${policy.page}; one HTTP header cannot serve both`,
			);
		}
		const base = new URL(url, site);
		for (const link of page.links) {
			links++;
			let target: URL;
			try {
				target = new URL(link.url, base);
			} catch {
				problems.add(url, `${link.from} “${link.url}” 不是有效地址 / is not a valid address`);
				continue;
			}
			// A data: image cannot run script; a data: document in a link or frame can.
			const scheme = target.protocol.toLowerCase();
			if (
				['javascript:', 'vbscript:'].includes(scheme) ||
				(scheme === 'data:' && link.from !== 'img src')
			) {
				problems.add(
					url,
					`${link.from} 含脚本地址 “${link.url.slice(0, 60)}” / carries a script URL`,
				);
				continue;
			}
			if (target.origin !== origin) continue;
			const targetFile = builtFileOfUrl(decodePath(target.pathname));
			if (!fileSet.has(targetFile)) {
				problems.add(url, `${link.from} “${link.url}” 指向不存在的页面 / leads to no page`);
				continue;
			}
			const anchor = decodePath(target.hash.slice(1));
			if (anchor === '' || !targetFile.endsWith('.html')) continue;
			if (targetFile === file) {
				if (!ids.has(anchor))
					problems.add(
						url,
						`${link.from} “${link.url}” 的锚点在本页不存在 / anchor not on this page`,
					);
				continue;
			}
			const wanted = anchorsWanted.get(targetFile) ?? new Map<string, string>();
			if (!wanted.has(anchor)) wanted.set(anchor, url);
			anchorsWanted.set(targetFile, wanted);
		}
	});

	forEachFile(distDir, [...anchorsWanted.keys()].sort(), (file, content) => {
		const wanted = anchorsWanted.get(file)!;
		const ids = new Set(scanPage(content.toString('utf8')).ids);
		for (const [anchor, from] of wanted) {
			if (!ids.has(anchor)) {
				problems.add(
					from,
					`链接到 ${urlOfBuiltFile(file)}#${anchor}，但该页没有这个锚点 / links to an anchor that page does not have`,
				);
			}
		}
	});

	return { links, markedForIndex, redirects, policy };
}
