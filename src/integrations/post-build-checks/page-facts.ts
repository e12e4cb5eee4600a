import { digestOf } from '../../cache/code-digest.ts';
import { builtFileOfUrl, urlOfBuiltFile } from '../../domain/built-files.ts';
import type { CheckCache } from '../../cache/check-results.ts';
import { scanPage } from '../built-html-scan.ts';
import type { PagesRead } from './page-links.ts';
import { decodePath, forEachFile, type PostBuildOptions, type Site } from './site-files.ts';

/**
 * The quick way through the pages on a rebuild: what each page holds is kept by the digest
 * of its bytes, so only changed pages are scanned. The facts can only show that nothing is
 * wrong; any doubt returns `undefined`, and the pages are then read in full.
 */

/**
 * What the checks need of one page, and whether anything on the page alone is wrong: the
 * part of `readPagesFully` that depends on nothing but the page's bytes, its address and
 * the site, so it can be kept by the page's digest.
 */
export interface PageFacts {
	/** Something in the page itself is wrong: a repeated id, not one CSP, a bad or script URL, a missing anchor of its own. */
	faulty: boolean;
	links: number;
	indexed: boolean;
	redirect: boolean;
	/** The page's one CSP (empty when faulty). */
	csp: string;
	/** Its ids, for anchors other pages link to. */
	ids: string[];
	/** Files of this site it links to, each once. */
	targets: string[];
	/** Anchors it links to in other pages, `file#anchor`, each once. */
	anchors: string[];
}

export function pageFacts(file: string, html: string, site: string): PageFacts {
	const origin = new URL(site).origin;
	const url = urlOfBuiltFile(file);
	const page = scanPage(html);
	const ids = new Set(page.ids);
	let faulty = ids.size !== page.ids.length || page.csp.length !== 1;
	const targets = new Set<string>();
	const anchors = new Set<string>();
	const base = new URL(url, site);
	for (const link of page.links) {
		let target: URL;
		try {
			target = new URL(link.url, base);
		} catch {
			faulty = true;
			continue;
		}
		const scheme = target.protocol.toLowerCase();
		if (
			['javascript:', 'vbscript:'].includes(scheme) ||
			(scheme === 'data:' && link.from !== 'img src')
		) {
			faulty = true;
			continue;
		}
		if (target.origin !== origin) continue;
		const targetFile = builtFileOfUrl(decodePath(target.pathname));
		targets.add(targetFile);
		const anchor = decodePath(target.hash.slice(1));
		if (anchor === '' || !targetFile.endsWith('.html')) continue;
		if (targetFile === file) {
			if (!ids.has(anchor)) faulty = true;
			continue;
		}
		anchors.add(`${targetFile}#${anchor}`);
	}
	return {
		faulty,
		links: page.links.length,
		indexed: page.indexed,
		redirect: page.refreshTo !== undefined,
		csp: faulty ? '' : page.csp[0]!,
		ids: [...ids],
		targets: [...targets],
		anchors: [...anchors],
	};
}

/**
 * The pages read through their facts, cached by digest; `undefined` as soon as anything is
 * wrong, for the full reading to find and list it.
 */
export function readPagesQuickly(
	options: PostBuildOptions,
	{ fileSet, htmlFiles }: Site,
	cache: CheckCache<PageFacts>,
): PagesRead | undefined {
	const read: PagesRead = {
		links: 0,
		markedForIndex: new Set(),
		redirects: new Set(),
		policy: undefined,
	};
	const factsOf = new Map<string, PageFacts>();
	let clean = true;
	forEachFile(options.distDir, htmlFiles, (file, content) => {
		const digest = digestOf(content);
		let facts = cache.get(file, digest);
		if (!facts) {
			facts = pageFacts(file, content.toString('utf8'), options.site);
			cache.set(file, digest, facts);
		}
		factsOf.set(file, facts);
		// Every page is still read and kept, so that the next build finds it in the cache.
		if (!clean) return;
		const url = urlOfBuiltFile(file);
		read.links += facts.links;
		if (facts.indexed) read.markedForIndex.add(url);
		if (facts.redirect) read.redirects.add(url);
		read.policy ??= { csp: facts.csp, page: url };
		clean =
			!facts.faulty &&
			facts.csp === read.policy.csp &&
			facts.targets.every((target) => fileSet.has(target));
	});
	if (!clean) return undefined;
	for (const facts of factsOf.values()) {
		for (const wanted of facts.anchors) {
			const at = wanted.indexOf('#');
			const target = factsOf.get(wanted.slice(0, at));
			if (!target?.ids.includes(wanted.slice(at + 1))) return undefined;
		}
	}
	return read;
}
