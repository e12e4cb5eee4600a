import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * A browser context that notices any script a payload manages to run and any request to
 * another site: `window.__xss(id)` reports the payload, `alert`/`confirm`/`prompt` open a
 * dialog that is reported, requests leaving 127.0.0.1 are refused and reported, and CSP
 * violations are reported. `bypassCSP` turns the page's policy off, to test the sanitiser
 * on its own rather than behind the CSP.
 */

export interface XssTrap {
	context: BrowserContext;
	/** Payload ids that ran, and dialogs that opened. */
	ran: string[];
	/** Requests that tried to leave this machine. */
	external: string[];
	/** CSP violations the pages reported (`directive blocked-uri`). */
	violations: string[];
	/** Loads a page, lets timers, focus and toggles fire, and hovers over its content. */
	visit(page: Page, url: string): Promise<void>;
	close(): Promise<void>;
}

export async function openXssTrap(
	browser: Browser,
	{ bypassCSP }: { bypassCSP: boolean },
): Promise<XssTrap> {
	const context = await browser.newContext({ bypassCSP });
	const ran: string[] = [];
	const external: string[] = [];
	const violations: string[] = [];
	await context.exposeFunction('__xssReport', (id: string) => ran.push(String(id)));
	await context.exposeFunction('__cspReport', (text: string) => violations.push(String(text)));
	await context.addInitScript(() => {
		const report = (window as unknown as { __xssReport: (id: string) => void }).__xssReport;
		Object.defineProperty(window, '__xss', { value: (id: string) => report(id), writable: false });
		document.addEventListener('securitypolicyviolation', (event) => {
			(window as unknown as { __cspReport: (text: string) => void }).__cspReport(
				`${event.violatedDirective} ${event.blockedURI}`,
			);
		});
	});
	await context.route('**/*', async (route) => {
		const url = new URL(route.request().url());
		if (url.hostname === '127.0.0.1') {
			await route.continue();
		} else {
			external.push(url.href);
			await route.abort();
		}
	});
	context.on('page', (page) =>
		page.on('dialog', (dialog) => {
			ran.push(`dialog: ${dialog.message()}`);
			void dialog.dismiss();
		}),
	);
	return {
		context,
		ran,
		external,
		violations,
		async visit(page, url) {
			await page.goto(url, { waitUntil: 'load' });
			await page.mouse.move(10, 10);
			await page.mouse.move(400, 400, { steps: 5 });
			await page.keyboard.press('Tab');
			await page.waitForTimeout(50);
		},
		close: () => context.close(),
	};
}
