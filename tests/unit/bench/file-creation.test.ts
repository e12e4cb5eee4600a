import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileCreationBeforeBuild, probeFileCreation } from '../../../bench/lib/file-creation.ts';

const folder = mkdtempSync(join(tmpdir(), 'file-creation-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** Every file below `dir`. */
function filesBelow(dir: string): string[] {
	return readdirSync(dir, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => join(entry.parentPath, entry.name));
}

describe('the file-creation probe', () => {
	it('makes its files on the real disk, keeps them, and reports the CPU a file took', () => {
		const before = filesBelow(folder).length;
		const micros = probeFileCreation(folder);
		// Each probe leaves 2,000 new files: deleting them would slow the next build's files.
		expect(filesBelow(folder).length - before).toBe(2000);
		expect(micros).toBeGreaterThan(0);
		// Making a small file costs microseconds to a few hundred, never whole milliseconds.
		expect(micros).toBeLessThan(5000);
	});

	// A disk never settled by the rule's measure: no file costs 0 µs. The limit leaves room
	// for a slow first probe (a loaded machine right after a deletion: over a second).
	const neverSettled = { settledMicrosPerFile: 0, pollMs: 1000, limitMs: 2500 };

	it('probes once without --settle, whatever the disk costs', async () => {
		const said: string[] = [];
		const probe = await fileCreationBeforeBuild(
			folder,
			false,
			(line) => said.push(line),
			neverSettled,
		);
		expect(probe.probes).toBe(1);
		expect(said).toEqual([]);
		expect(probe.cpuMicrosPerFile).toBeGreaterThan(0);
	});

	it('with --settle, probes again until the time limit while the disk stays slow, and says so', async () => {
		const said: string[] = [];
		const probe = await fileCreationBeforeBuild(
			folder,
			true,
			(line) => said.push(line),
			neverSettled,
		);
		expect(probe.probes).toBeGreaterThanOrEqual(2);
		expect(said).toHaveLength(probe.probes - 1);
		expect(said[0]).toMatch(/^making a file costs \d+ µs \(recent deletions\); waiting/);
		expect(probe.waitedSeconds).toBeGreaterThanOrEqual(2.5);
	}, 20_000);

	it('with --settle, stops at the first probe under the rule', async () => {
		const settledAtOnce = { ...neverSettled, settledMicrosPerFile: 1e9 };
		const probe = await fileCreationBeforeBuild(folder, true, () => {}, settledAtOnce);
		expect(probe.probes).toBe(1);
	});
});
