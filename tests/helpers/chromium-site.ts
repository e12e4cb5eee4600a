import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from '../../support/browser.ts';
import { serveStatic, type StaticServer } from '../../support/static-server.ts';
import { defaultSiteDir } from './dist.ts';

/**
 * For a test file that drives Chromium against the default site: serves it and starts the
 * browser before the tests, and stops both after. Read `site.origin` and `site.browser`
 * inside tests.
 */
export function useDefaultSiteInChromium(): { readonly origin: string; readonly browser: Browser } {
	let server: StaticServer | undefined;
	let browser: Browser | undefined;
	beforeAll(async () => {
		server = await serveStatic(defaultSiteDir());
		browser = await launchChromium();
	});
	afterAll(async () => {
		await browser?.close();
		await server?.close();
	});
	return {
		get origin() {
			if (!server) throw new Error('the site is served only once the tests run');
			return server.origin;
		},
		get browser() {
			if (!browser) throw new Error('Chromium starts only once the tests run');
			return browser;
		},
	};
}
