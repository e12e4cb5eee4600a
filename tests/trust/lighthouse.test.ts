import { describe, expect, test } from 'vitest';
import { defaultSiteDir } from '../helpers/dist.ts';
import { serveWithHeaders } from './helpers/headers-server.ts';
import { AUDITED_PAGES, auditPages, formatScores } from './lighthouse/audit.ts';

/**
 * Lighthouse scores 100 for accessibility, best practices and SEO on the home page, an
 * article, a profile, a notice and the search page with results, served with the site's
 * security headers. Performance is measured and printed, not asserted: it depends on how
 * busy this shared two-core machine is.
 */

describe('Lighthouse', () => {
	test('scores 100 for accessibility, best practices and SEO on every audited page', async () => {
		const server = await serveWithHeaders(defaultSiteDir());
		try {
			const results = await auditPages(server.origin);
			console.info(`[lighthouse]\n${formatScores(results)}`);
			expect(results.map((result) => result.path)).toEqual(AUDITED_PAGES.map((page) => page.path));
			for (const result of results) {
				expect({
					page: result.name,
					a11y: result.scores.accessibility,
					best: result.scores['best-practices'],
					seo: result.scores.seo,
					failing: result.failing,
				}).toEqual({ page: result.name, a11y: 100, best: 100, seo: 100, failing: [] });
				expect(result.scores.performance).toBeGreaterThan(0);
			}
		} finally {
			await server.close();
		}
	});
});
