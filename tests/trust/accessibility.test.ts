import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { useDefaultSiteInChromium } from '../helpers/chromium-site.ts';
import {
	defaultSiteDir,
	fileOfUrl,
	listHtmlFiles,
	pageExists,
	urlOfFile,
} from '../helpers/dist.ts';

/**
 * axe-core finds no WCAG 2.2 A/AA violation on any page of the built site, in the light and
 * the dark colour scheme, nor on the search page once a reader has typed a query and
 * applied a filter (the state the stock Pagefind UI fails, see docs/stack-facts.md).
 */

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
const SCHEMES = ['light', 'dark'] as const;

const web = useDefaultSiteInChromium();

/**
 * The full WCAG rule set in the light scheme; in the dark one only colour contrast, the
 * one thing a colour scheme changes (and a full run of every page twice costs CI ~25 s).
 */
async function violationsOn(page: Page, scheme: (typeof SCHEMES)[number]): Promise<string[]> {
	const builder = new AxeBuilder({ page }).withTags(WCAG_TAGS);
	if (scheme === 'dark') builder.withRules(['color-contrast']);
	const results = await builder.analyze();
	return results.violations.flatMap((violation) =>
		violation.nodes.map(
			(node) =>
				`${violation.id} (${violation.impact ?? ''}): ${node.target.join(' ')} — ${violation.help}`,
		),
	);
}

/** Every page except forwarding stubs, which send the reader on before anyone reads them. */
function readerPages(): string[] {
	const site = defaultSiteDir();
	return listHtmlFiles(site)
		.map(urlOfFile)
		.filter((url) => !/http-equiv="refresh"/.test(readFileText(site, url)));
}

/** The first page of each kind: its first path segment and how many segments it has. */
function onePerKind(urls: readonly string[]): string[] {
	const seen = new Map<string, string>();
	for (const url of urls) {
		const segments = url.split('/').filter(Boolean);
		const kind = `${segments[0] ?? ''}:${segments.length}`;
		if (!seen.has(kind)) seen.set(kind, url);
	}
	return [...seen.values()];
}

function readFileText(site: string, url: string): string {
	return readFileSync(join(site, fileOfUrl(url)), 'utf8');
}

describe.each(SCHEMES)('axe, %s colour scheme', (scheme) => {
	test(
		scheme === 'light'
			? 'finds no violation on any page'
			: 'finds no contrast failure on any kind of page',
		async () => {
			// Colours come from each kind of page's template, so in the dark scheme one page of
			// each kind is enough (`/people/<id>/` and `/people/<facet>/<value>/` are two kinds).
			const urls = scheme === 'light' ? readerPages() : onePerKind(readerPages());
			expect(urls.length).toBeGreaterThan(scheme === 'light' ? 20 : 10);
			const context = await web.browser.newContext({ colorScheme: scheme });
			const page = await context.newPage();
			const found: string[] = [];
			try {
				for (const url of urls) {
					await page.goto(`${web.origin}${url}`);
					for (const violation of await violationsOn(page, scheme))
						found.push(`${url} ${violation}`);
				}
			} finally {
				await context.close();
			}
			console.info(`[axe ${scheme}] ${urls.length} pages, ${found.length} violations`);
			expect(found).toEqual([]);
		},
	);

	test('finds no violation on the search page with a query typed and a filter applied', async () => {
		expect(pageExists(defaultSiteDir(), '/search/')).toBe(true);
		const context = await web.browser.newContext({ colorScheme: scheme });
		const page = await context.newPage();
		try {
			await page.goto(`${web.origin}/search/`);
			await page.getByRole('searchbox', { name: '关键词' }).fill('旬阳');
			await page.keyboard.press('Enter');
			await page.locator('[data-search-results] li').first().waitFor();
			const typed = await violationsOn(page, scheme);
			await page.getByRole('combobox', { name: '类型' }).selectOption('article');
			await page.waitForURL(/kind=article/);
			await page.locator('[data-search-results] li').first().waitFor();
			const filtered = await violationsOn(page, scheme);
			expect({ typed, filtered }).toEqual({ typed: [], filtered: [] });
		} finally {
			await context.close();
		}
	});
});
