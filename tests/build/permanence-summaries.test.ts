import { readdirSync, readFileSync } from 'node:fs';
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { paper } from '../../src/config/paper.ts';
import {
	forgetCheckedEntries,
	rememberCheckedEntries,
} from '../../src/content-checks/checked-entries.ts';
import { checkContentReport } from '../../src/content-checks/index.ts';
import { keepAddresses, type PermanenceReport } from '../../src/integrations/permanence.ts';
import { scratchDir } from '../../support/build-site.ts';
import { defaultSiteDir } from '../helpers/dist.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';

/**
 * The permanence step takes the entries' addresses and old addresses from the content
 * guard's summaries of the same build (src/content-checks/checked-entries.ts) instead of
 * reading every entry file again. Both ways must write the same thing: the forwarding
 * pages, `_redirects` and `published-urls.txt`, on the built default site with two old
 * addresses added to its content.
 */

const REDIRECTS: [file: string, from: string][] = [
	['notices/2021-11-11/02-shiyingshi-paimai.md', '/notices/2020-01-01/01-paimai/'],
	['articles/2021-11-11/02-zhu-haiyi.md', '/articles/2020-01-01/01-zhu/'],
];

let runDir: string;

/** Every file of a folder, by its path inside it, with its bytes. */
function filesOf(dir: string): Map<string, string> {
	const files = new Map<string, string>();
	for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const file = join(entry.parentPath, entry.name);
		files.set(relative(dir, file), readFileSync(file, 'latin1'));
	}
	return files;
}

async function prepare(name: string): Promise<{ root: string; distDir: string }> {
	const root = join(runDir, name, 'content');
	const distDir = join(runDir, name, 'site');
	await cp(DEFAULT_CONTENT_DIR, root, { recursive: true });
	await cp(defaultSiteDir(), distDir, { recursive: true });
	for (const [file, from] of REDIRECTS) {
		const source = await readFile(join(root, file), 'utf8');
		const close = source.indexOf('\n---', 3);
		await writeFile(
			join(root, file),
			`${source.slice(0, close)}\nredirectFrom: ['${from}']${source.slice(close)}`,
		);
	}
	return { root, distDir };
}

let fromFiles: {
	report: PermanenceReport;
	site: Map<string, string>;
	content: Map<string, string>;
};
let fromSummaries: typeof fromFiles;

beforeAll(async () => {
	runDir = await scratchDir('permanence-summaries');
	const files = await prepare('files');
	forgetCheckedEntries(files.root);
	const filesReport = await keepAddresses({ ...files, site: paper.siteUrl });
	fromFiles = { report: filesReport, site: filesOf(files.distDir), content: filesOf(files.root) };

	const summaries = await prepare('summaries');
	const checked = await checkContentReport(summaries.root);
	expect(checked.problems).toEqual([]);
	rememberCheckedEntries(summaries.root, checked.summaries);
	try {
		const report = await keepAddresses({ ...summaries, site: paper.siteUrl });
		fromSummaries = {
			report,
			site: filesOf(summaries.distDir),
			content: filesOf(summaries.root),
		};
	} finally {
		forgetCheckedEntries(summaries.root);
	}
}, 120_000);

afterAll(async () => {
	if (runDir) await rm(runDir, { recursive: true, force: true });
});

describe('permanence from the content guard’s summaries', () => {
	test('forwards the old addresses and lists them, as from the files', () => {
		expect(fromFiles.report.redirects).toBe(REDIRECTS.length);
		expect(fromFiles.report.added).toEqual(REDIRECTS.map(([, from]) => from).sort());
		expect(fromSummaries.report).toEqual(fromFiles.report);
	});

	test('writes the same site and the same list, byte for byte', () => {
		for (const [, from] of REDIRECTS)
			expect(fromSummaries.site.has(join(from.slice(1), 'index.html'))).toBe(true);
		expect([...fromSummaries.site.keys()].sort()).toEqual([...fromFiles.site.keys()].sort());
		for (const [file, bytes] of fromFiles.site)
			expect(fromSummaries.site.get(file), file).toBe(bytes);
		expect(fromSummaries.content).toEqual(fromFiles.content);
	});
});
