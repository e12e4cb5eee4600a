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

	it('probes once without --settle, and says how long it waited', async () => {
		const probe = await fileCreationBeforeBuild(folder, false);
		expect(probe.probes).toBe(1);
		expect(probe.waitedSeconds).toBeLessThan(20);
		expect(probe.cpuMicrosPerFile).toBeGreaterThan(0);
	});
});
