import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDir, startDevServer, type DevServer } from '../../support/build-site.ts';
import { defaultSiteDir, listFiles } from '../helpers/dist.ts';

/**
 * `astro dev` serves the files beside item pages, which a build writes by unpacking
 * per-day bundles after the pages (src/integrations/item-files-dev.ts): an editor previewing
 * an article can follow its RIS, BibTeX, CSL-JSON and JSON links. Each file served must be
 * byte for byte the one the build of the same content wrote.
 */

const ITEM_FILE = /^(articles|notices|adverts|people)\/.+\.(json|ris|bib|csl\.json)$/;
const TYPES: [RegExp, string][] = [
	[/\.csl\.json$/, 'application/vnd.citationstyles.csl+json'],
	[/\.ris$/, 'application/x-research-info-systems'],
	[/\.bib$/, 'application/x-bibtex'],
	[/\.json$/, 'application/json'],
];

let server: DevServer;
let builtFiles: string[];

beforeAll(async () => {
	builtFiles = listFiles(defaultSiteDir()).filter((file) => ITEM_FILE.test(file));
	server = await startDevServer({ dir: await scratchDir('item-files-dev') });
});

afterAll(async () => {
	await server?.stop();
});

describe('item files under astro dev', () => {
	it('the built site has item files of every kind to compare with', () => {
		for (const folder of ['articles/', 'notices/', 'adverts/', 'people/']) {
			expect(builtFiles.some((file) => file.startsWith(folder))).toBe(true);
		}
		for (const extension of ['.json', '.ris', '.bib', '.csl.json']) {
			expect(builtFiles.some((file) => file.endsWith(extension))).toBe(true);
		}
	});

	it('serves every item file with the bytes and type a build writes', async () => {
		for (const file of builtFiles) {
			const response = await fetch(`${server.origin}/${file}`);
			expect(response.status, file).toBe(200);
			const type = TYPES.find(([pattern]) => pattern.test(file))![1];
			expect(response.headers.get('content-type'), file).toBe(`${type}; charset=utf-8`);
			expect(await response.text(), file).toBe(readFileSync(join(defaultSiteDir(), file), 'utf8'));
		}
	});

	it('an article page links files the dev server serves', async () => {
		const article = builtFiles.find(
			(file) => file.startsWith('articles/') && file.endsWith('.ris'),
		)!;
		const page = await (await fetch(`${server.origin}/${article.replace(/\.ris$/, '/')}`)).text();
		const links = [...page.matchAll(/href="([^"]+\.(?:ris|bib|json))"/g)].map((match) => match[1]!);
		expect(links.length).toBeGreaterThanOrEqual(4);
		for (const link of links) {
			expect((await fetch(`${server.origin}${link}`)).status, link).toBe(200);
		}
	});

	it('an item file of no item is not found', async () => {
		const response = await fetch(`${server.origin}/articles/2021-11-11/no-such-item.ris`);
		expect(response.status).toBe(404);
	});
});
