import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	headerPolicyFor,
	parseCsp,
	parseHeadersFile,
	sameCsp,
} from '../../src/integrations/csp-header.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';
import { launchChromium } from '../../support/browser.ts';
import { defaultSiteDir, listHtmlFiles } from '../helpers/dist.ts';
import { serveWithHeaders } from './helpers/headers-server.ts';

/**
 * Every page carries one strict Content-Security-Policy; `public/_headers` sends the same
 * one as an HTTP header with the security headers static hosts should add; and search
 * works under the header, which needs `'wasm-unsafe-eval'` (without it, it does not).
 */

const CSP_META = /<meta http-equiv="content-security-policy" content="([^"]*)"/gi;

let browser: Browser;

beforeAll(async () => {
	browser = await launchChromium();
});

afterAll(async () => {
	await browser?.close();
});

function policies(site: string): Map<string, string[]> {
	const byPage = new Map<string, string[]>();
	for (const file of listHtmlFiles(site)) {
		const html = readFileSync(join(site, file), 'utf8');
		byPage.set(
			file,
			[...html.matchAll(CSP_META)].map((match) => match[1]!.replaceAll('&#39;', "'")),
		);
	}
	return byPage;
}

describe('the Content-Security-Policy', () => {
	test('is on every page, once, before anything it governs, and the same everywhere', () => {
		const site = defaultSiteDir();
		const byPage = policies(site);
		expect(byPage.size).toBeGreaterThan(20);
		const all = new Set<string>();
		for (const [file, found] of byPage) {
			expect(found, file).toHaveLength(1);
			all.add(found[0]!);
			const html = readFileSync(join(site, file), 'utf8');
			const meta = html.search(/<meta http-equiv="content-security-policy"/i);
			// JSON-LD is data, not script: no policy governs it.
			const firstResource = html.search(
				/<(?:script(?! type="application\/ld\+json")|link rel="stylesheet"|style)\b/i,
			);
			if (firstResource >= 0) expect(meta, file).toBeLessThan(firstResource);
		}
		expect(all.size).toBe(1);
	});

	test('is strict: nothing from other sites, no inline code without a hash, no plugins, no framing base', () => {
		const [policy] = [...policies(defaultSiteDir()).values()][0]!;
		const csp = parseCsp(policy!);
		expect(csp.get('default-src')).toEqual(["'self'"]);
		expect(csp.get('object-src')).toEqual(["'none'"]);
		expect(csp.get('base-uri')).toEqual(["'self'"]);
		expect(csp.get('form-action')).toEqual(["'self'"]);
		for (const directive of ['script-src', 'style-src']) {
			const sources = csp.get(directive)!;
			expect(sources[0]).toBe("'self'");
			for (const source of sources.slice(1))
				expect(source, directive).toMatch(/^'sha(256|384|512)-/);
		}
		expect(policy).not.toMatch(/unsafe-inline|unsafe-eval|\*|https?:|data:/);
	});

	test('is what public/_headers sends, with what only a header can say', () => {
		const [policy] = [...policies(defaultSiteDir()).values()][0]!;
		const headers = parseHeadersFile(
			readFileSync(join(PROJECT_ROOT, 'public/_headers'), 'utf8'),
		).get('/*')!;
		const sent = headers.get('content-security-policy')!;
		expect(sameCsp(sent, headerPolicyFor(policy!))).toBe(true);
		expect(parseCsp(sent).get('script-src')).toContain("'wasm-unsafe-eval'");
		expect(parseCsp(sent).get('frame-ancestors')).toEqual(["'none'"]);
		expect(headers.get('x-content-type-options')).toBe('nosniff');
		expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
		expect(headers.get('x-frame-options')).toBe('DENY');
		expect(headers.get('permissions-policy')).toMatch(/camera=\(\)/);
		// The built site ships the same file, for hosts that read it.
		expect(readFileSync(join(defaultSiteDir(), '_headers'), 'utf8')).toBe(
			readFileSync(join(PROJECT_ROOT, 'public/_headers'), 'utf8'),
		);
	});
});

/**
 * Searches `query` on the site under its headers. `旬阳` is answered from its postings (the
 * pages' fragments, inflated by the browser); `年`, a prefix the word table cannot say all
 * of, by Pagefind's index and its WebAssembly.
 */
async function searchUnder(
	server: { origin: string },
	query: string,
): Promise<{ results: number; violations: string[]; errors: string[] }> {
	const context = await browser.newContext();
	const violations: string[] = [];
	const errors: string[] = [];
	await context.exposeFunction('__cspReport', (text: string) => violations.push(text));
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) =>
			(window as unknown as { __cspReport: (text: string) => void }).__cspReport(
				`${event.violatedDirective} ${event.blockedURI}`,
			),
		);
	});
	const page = await context.newPage();
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	page.on('pageerror', (error) => errors.push(error.message));
	page.on('response', (response) => {
		if (response.status() >= 400) errors.push(`${response.status()} ${response.url()}`);
	});
	try {
		await page.goto(`${server.origin}/search/?q=${encodeURIComponent(query)}`);
		await page
			.waitForFunction(
				() =>
					document.querySelectorAll('[data-search-results] li').length > 0 ||
					/没有找到|出错|失败/.test(
						document.querySelector('[data-search-status]')?.textContent ?? '',
					),
				undefined,
				{ timeout: 10_000 },
			)
			.catch(() => undefined);
		const results = await page.locator('[data-search-results] li').count();
		return { results, violations, errors };
	} finally {
		await context.close();
	}
}

describe('search under the policy sent as an HTTP header', () => {
	test('works, with no violation and no console error', async () => {
		const server = await serveWithHeaders(defaultSiteDir());
		try {
			expect(
				server.headers['Content-Security-Policy'] ?? server.headers['content-security-policy'],
			).toBeTruthy();
			for (const query of ['旬阳', '年']) {
				const outcome = await searchUnder(server, query);
				expect(outcome.violations, query).toEqual([]);
				expect(outcome.errors, query).toEqual([]);
				expect(outcome.results, query).toBeGreaterThan(0);
			}
		} finally {
			await server.close();
		}
	});

	test("fails without 'wasm-unsafe-eval', which is why the header has it", async () => {
		const server = await serveWithHeaders(defaultSiteDir(), {
			change: (listed) =>
				Object.fromEntries(
					Object.entries(listed).map(([name, value]) => [
						name,
						value.replace(" 'wasm-unsafe-eval'", ''),
					]),
				),
		});
		try {
			// A query of rare words needs no WebAssembly (its postings); this one does.
			const outcome = await searchUnder(server, '年');
			expect(outcome.results).toBe(0);
			expect(outcome.violations.join('\n') + outcome.errors.join('\n')).toMatch(
				/wasm|WebAssembly|script-src/i,
			);
			// Its postings answer a query of rare words without the WebAssembly, even there.
			expect((await searchUnder(server, '旬阳')).results).toBeGreaterThan(0);
		} finally {
			await server.close();
		}
	});
});
