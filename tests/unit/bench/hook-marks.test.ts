import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN_DIR, PROJECT_ROOT } from '../../../support/paths.ts';

/**
 * The marks go to the build's stdout, in order with Astro's own lines, so the test runs
 * the wrapper in a real Node process and reads what it printed.
 */
function runWrapped(body: string): string {
	const marks = pathToFileURL(`${PROJECT_ROOT}bench/lib/hook-marks.ts`).href;
	const script = `
		import { withHookMarks } from ${JSON.stringify(marks)};
		${body}
	`;
	return execFileSync(`${BIN_DIR}/node`, ['--input-type=module', '-e', script], {
		encoding: 'utf8',
	});
}

describe('withHookMarks', () => {
	it('prints a start and an end mark around every hook, and keeps its result', () => {
		const output = runWrapped(`
			const config = withHookMarks({
				site: 'https://example.com',
				integrations: [
					{ name: 'a', hooks: { 'astro:build:done': async () => { console.log('a runs'); } } },
					[{ name: 'b', hooks: { 'astro:config:setup': () => 'kept' } }],
				],
			});
			console.log(config.site, config.integrations.map((i) => i.name).join(','));
			const [first, a, b] = config.integrations;
			await first.hooks['astro:config:setup']();
			console.log(await b.hooks['astro:config:setup']());
			await a.hooks['astro:build:done']();
		`);
		expect(output.trim().split('\n')).toEqual([
			'https://example.com bench:phases:first,a,b,bench:phases:last',
			'[bench:mark] start astro:config:setup bench:phases:first',
			'[bench:mark] end astro:config:setup bench:phases:first',
			'[bench:mark] start astro:config:setup b',
			'[bench:mark] end astro:config:setup b',
			'kept',
			'[bench:mark] start astro:build:done a',
			'a runs',
			'[bench:mark] end astro:build:done a',
		]);
	});

	it('still marks the end of a hook that throws, and lets the error through', () => {
		const output = runWrapped(`
			const [, failing] = withHookMarks({
				integrations: [{ name: 'x', hooks: { 'astro:build:done': () => { throw new Error('boom'); } } }],
			}).integrations;
			await failing.hooks['astro:build:done']().catch((error) => console.log('caught', error.message));
		`);
		expect(output.trim().split('\n')).toEqual([
			'[bench:mark] start astro:build:done x',
			'[bench:mark] end astro:build:done x',
			'caught boom',
		]);
	});
});
