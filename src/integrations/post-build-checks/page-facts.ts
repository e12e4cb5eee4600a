import { builtFileOfUrl, urlOfBuiltFile } from '../../domain/built-files.ts';
import { forEachFileResult, type CheckCache, type ResultCodec } from '../../cache/check-results.ts';
import { scanPage } from '../built-html-scan.ts';
import type { PagesRead } from './page-links.ts';
import { decodePath, type PostBuildOptions, type Site } from './site-files.ts';

/**
 * The quick way through the pages on a rebuild: what each page holds is kept by the digest
 * of its bytes, and by its stamp (`file-stamp.ts`), so only changed pages are read. The facts can only show that nothing is
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
	/** Anchors it links to in other pages, `[file, anchor]`, each once. */
	anchors: [file: string, anchor: string][];
}

/**
 * A page's facts as the cache stores them: every string (a file, an id, the CSP) by its
 * number in the store's table. An archive's pages link the same few hundred thousand files
 * (31 reprints an article at 100,000 articles), so each is kept once, not once per link.
 */
export type StoredPageFacts = [
	/** 1 faulty, 2 indexed, 4 redirect. */
	flags: number,
	links: number,
	csp: number,
	ids: number[],
	targets: number[],
	/** `[file, anchor]` pairs, flattened. */
	anchors: number[],
];

const FAULTY = 1;
const INDEXED = 2;
const REDIRECT = 4;

export const pageFactsCodec: ResultCodec<PageFacts, StoredPageFacts> = {
	encode: (facts, number) => [
		(facts.faulty ? FAULTY : 0) | (facts.indexed ? INDEXED : 0) | (facts.redirect ? REDIRECT : 0),
		facts.links,
		number(facts.csp),
		facts.ids.map(number),
		facts.targets.map(number),
		facts.anchors.flatMap(([file, anchor]) => [number(file), number(anchor)]),
	],
	decode: ([flags, links, csp, ids, targets, anchors], strings) => {
		const pairs: [string, string][] = [];
		for (let at = 0; at < anchors.length; at += 2) {
			pairs.push([strings[anchors[at]!]!, strings[anchors[at + 1]!]!]);
		}
		return {
			faulty: (flags & FAULTY) !== 0,
			links,
			indexed: (flags & INDEXED) !== 0,
			redirect: (flags & REDIRECT) !== 0,
			csp: strings[csp]!,
			ids: ids.map((n) => strings[n]!),
			targets: targets.map((n) => strings[n]!),
			anchors: pairs,
		};
	},
};

/** The cache of page facts, kept compact by `pageFactsCodec`. */
export type PageFactsCache = CheckCache<PageFacts, StoredPageFacts>;

export function pageFacts(file: string, html: string, site: string): PageFacts {
	const origin = new URL(site).origin;
	const url = urlOfBuiltFile(file);
	const page = scanPage(html);
	const ids = new Set(page.ids);
	let faulty = ids.size !== page.ids.length || page.csp.length !== 1;
	const targets = new Set<string>();
	/** Target file → anchors wanted there. */
	const anchors = new Map<string, Set<string>>();
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
		const wanted = anchors.get(targetFile) ?? new Set<string>();
		wanted.add(anchor);
		anchors.set(targetFile, wanted);
	}
	return {
		faulty,
		links: page.links.length,
		indexed: page.indexed,
		redirect: page.refreshTo !== undefined,
		csp: faulty ? '' : page.csp[0]!,
		ids: [...ids],
		targets: [...targets],
		anchors: [...anchors].flatMap(([target, wanted]) =>
			[...wanted].map((anchor): [string, string] => [target, anchor]),
		),
	};
}

/**
 * The pages read through their facts, cached by digest; `undefined` as soon as anything is
 * wrong, for the full reading to find and list it. Nothing is kept per page beyond what the
 * cache stores, and the anchors wanted in other pages (each once).
 */
export function readPagesQuickly(
	options: PostBuildOptions,
	{ fileSet, htmlFiles }: Site,
	cache: PageFactsCache,
): PagesRead | undefined {
	const read: PagesRead = {
		links: 0,
		markedForIndex: new Set(),
		redirects: new Set(),
		policy: undefined,
	};
	/** Target file → anchors other pages link to in it. */
	const anchorsWanted = new Map<string, Set<string>>();
	let clean = true;
	const factsOf = (file: string, content: Buffer) =>
		pageFacts(file, content.toString('utf8'), options.site);
	forEachFileResult(options.distDir, htmlFiles, cache, factsOf, (file, facts) => {
		// Every page is still looked up and kept, so that the next build finds it in the cache.
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
		for (const [target, anchor] of facts.anchors) {
			const wanted = anchorsWanted.get(target) ?? new Set<string>();
			wanted.add(anchor);
			anchorsWanted.set(target, wanted);
		}
	});
	if (!clean) return undefined;
	for (const [file, wanted] of anchorsWanted) {
		// Every page was looked up or set above, so its facts are the cache's current ones.
		const ids = new Set(cache.current(file)?.ids);
		for (const anchor of wanted) if (!ids.has(anchor)) return undefined;
	}
	return read;
}
