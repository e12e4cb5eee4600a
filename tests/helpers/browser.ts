import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { defaultSiteDir } from './dist.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

/** Debian's Chromium: Playwright's own browser download does not work here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless, and quiet on the network: this machine's network is closed. */
export const CHROMIUM_ARGS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
	return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

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
