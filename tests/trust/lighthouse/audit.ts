import { createServer } from 'node:net';
import lighthouse from 'lighthouse';
import { launchChromium } from '../../../support/browser.ts';

/**
 * Lighthouse (accessibility, best practices, SEO, performance) on a built site served
 * from this machine, with Debian's Chromium: one browser for all pages, which Lighthouse
 * drives over the DevTools port. Lighthouse's own defaults apply (a mid-range phone on a
 * throttled connection, simulated).
 */

export const AUDITED_PAGES = [
	{ name: '首页 home', path: '/' },
	{ name: '文章 article', path: '/articles/2021-11-11/02-tashiliuyin/' },
	{ name: '人物 profile', path: '/people/zhu-haiyi/' },
	{ name: '公告 notice', path: '/notices/2021-11-11/02-shiyingshi-paimai/' },
	{ name: '搜索 search', path: `/search/?q=${encodeURIComponent('旬阳')}` },
] as const;

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

export interface PageScores {
	name: string;
	path: string;
	/** 0–100 per category. */
	scores: Record<(typeof CATEGORIES)[number], number>;
	/** Audits that did not pass, in categories other than performance. */
	failing: string[];
	/** Largest Contentful Paint and Total Blocking Time as Lighthouse reports them. */
	metrics: { lcp: string; tbt: string; cls: string };
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

/**
 * One Lighthouse run, tried again (up to three runs) when Lighthouse itself failed to load the page
 * (a `runtimeError` such as NO_FCP on a loaded machine): that run has no scores at all,
 * and reading it as zeros would fail the suite for the machine's load, not the page.
 */
async function auditOnce(url: string, port: number) {
	for (let attempt = 1; ; attempt++) {
		const run = await lighthouse(url, {
			port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: [...CATEGORIES],
		});
		if (!run) throw new Error(`Lighthouse returned nothing for ${url}`);
		if (!run.lhr.runtimeError || attempt === 3) return run;
		console.warn(`[lighthouse] ${url}: ${run.lhr.runtimeError.code}, running it again`);
	}
}

export async function auditPages(
	origin: string,
	pages: readonly { name: string; path: string }[] = AUDITED_PAGES,
): Promise<PageScores[]> {
	const port = await freePort();
	const browser = await launchChromium([`--remote-debugging-port=${port}`]);
	const results: PageScores[] = [];
	try {
		for (const page of pages) {
			const run = await auditOnce(`${origin}${page.path}`, port);
			const { categories, audits } = run.lhr;
			const scores = Object.fromEntries(
				CATEGORIES.map((id) => [id, Math.round((categories[id]?.score ?? 0) * 100)]),
			) as PageScores['scores'];
			const graded = new Set(
				CATEGORIES.filter((id) => id !== 'performance').flatMap(
					(id) =>
						categories[id]?.auditRefs.filter((ref) => ref.weight > 0).map((ref) => ref.id) ?? [],
				),
			);
			const failing = [...graded]
				.filter((id) => audits[id] && audits[id].score !== null && audits[id].score < 1)
				.map((id) => `${id}: ${audits[id]!.title}`);
			results.push({
				...page,
				scores,
				failing,
				metrics: {
					lcp: audits['largest-contentful-paint']?.displayValue ?? '',
					tbt: audits['total-blocking-time']?.displayValue ?? '',
					cls: audits['cumulative-layout-shift']?.displayValue ?? '',
				},
			});
		}
	} finally {
		await browser.close();
	}
	return results;
}

export function formatScores(results: readonly PageScores[]): string {
	const rows = results.map(
		(result) =>
			`${result.name.padEnd(12)} perf ${String(result.scores.performance).padStart(3)}  a11y ${String(result.scores.accessibility).padStart(3)}  best ${String(result.scores['best-practices']).padStart(3)}  seo ${String(result.scores.seo).padStart(3)}  LCP ${result.metrics.lcp}  TBT ${result.metrics.tbt}  CLS ${result.metrics.cls}${result.failing.length > 0 ? `\n    failing: ${result.failing.join('; ')}` : ''}`,
	);
	return rows.join('\n');
}
