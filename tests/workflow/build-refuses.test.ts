import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rm } from 'node:fs/promises';
import { checkContent, formatProblem } from '../../src/content-checks/index.ts';
import { buildSiteExpectingFailure, scratchDir } from '../../support/build-site.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';

/**
 * CI refuses what `npm run check` refuses: building the folder of deliberately broken
 * content fails, and the build log lists every problem the check reports, word for word,
 * and nothing an editor cannot act on (no stack trace unless ARCHIVE_VERBOSE=1).
 */

const FIXTURES = join(PROJECT_ROOT, 'tests/fixtures/broken-content');
// Colour codes in the build's terminal output.
// eslint-disable-next-line no-control-regex -- removing colour codes is the point
const ANSI = /\u001b\[[0-9;]*m/g;

let runDir: string;
beforeAll(async () => {
	runDir = await scratchDir('workflow-build-refuses');
});
afterAll(async () => {
	if (runDir) await rm(runDir, { recursive: true, force: true });
});

// It runs astro build: tens of seconds on 2 busy cores, whichever Vitest project runs it.
describe('astro build on the broken content', { timeout: 300_000 }, () => {
	test('fails and lists every problem npm run check reports', async () => {
		const problems = await checkContent(FIXTURES, PROJECT_ROOT);
		expect(problems.length).toBeGreaterThan(20);
		const result = await buildSiteExpectingFailure({
			contentDir: FIXTURES,
			outDir: join(runDir, 'dist'),
			env: { ARCHIVE_VERBOSE: undefined },
		});
		const output = result.output.replace(ANSI, '');
		const missing = problems.map(formatProblem).filter((line) => !output.includes(line));
		expect(missing).toEqual([]);
		// The editors' problem list only: no stack trace, code location or guessed hint.
		expect(output).not.toContain('Stack trace');
		expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
		expect(output).not.toContain('content-verdict.ts');
		expect(output).not.toContain('Browser APIs');
	});

	test('shows the stack trace when asked to, with ARCHIVE_VERBOSE=1', async () => {
		const result = await buildSiteExpectingFailure({
			contentDir: FIXTURES,
			outDir: join(runDir, 'dist-verbose'),
			env: { ARCHIVE_VERBOSE: '1' },
		});
		const output = result.output.replace(ANSI, '');
		expect(output).toContain('Stack trace');
		expect(output).toContain('content-verdict.ts');
	});
});
