import { join } from 'node:path';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../support/paths.ts';
import { defaultSiteDir, listHtmlFiles } from '../helpers/dist.ts';

/**
 * Every page of the built site is valid HTML by html-validate's recommended rules
 * (`.htmlvalidate.json` says which two are tuned, and why in docs/headers.md).
 */

describe('the built site', () => {
	test('has zero html-validate errors on every page', async () => {
		const site = defaultSiteDir();
		const files = listHtmlFiles(site);
		expect(files.length).toBeGreaterThan(20);
		const validator = new HtmlValidate(
			new FileSystemConfigLoader({
				extends: [join(PROJECT_ROOT, '.htmlvalidate.json')],
				root: true,
			}),
		);
		const errors: string[] = [];
		for (const file of files) {
			const report = await validator.validateFile(join(site, file));
			for (const result of report.results) {
				for (const message of result.messages) {
					if (message.severity === 2) {
						errors.push(
							`${file}:${message.line}:${message.column} [${message.ruleId}] ${message.message}`,
						);
					}
				}
			}
		}
		console.info(`[html-validate] ${files.length} pages, ${errors.length} errors`);
		expect(errors).toEqual([]);
	});
});
