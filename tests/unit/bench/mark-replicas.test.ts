import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyOf, markReplicas, replicaLine } from '../../../bench/lib/mark-replicas.ts';

const root = mkdtempSync(join(tmpdir(), 'bench-replicas-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('copyOf', () => {
	it('tells the copy from the date: copy k is shifted k × the shift', () => {
		expect(copyOf('1998-01-01', '1998-01-01', 35)).toBe(0);
		expect(copyOf('1998-01-31', '1998-01-01', 35)).toBe(0);
		expect(copyOf('1998-02-05', '1998-01-01', 35)).toBe(1);
		expect(copyOf('1998-03-12', '1998-01-01', 35)).toBe(2);
		expect(copyOf('1998-03-12', '1998-01-01', 0)).toBe(0);
	});
});

describe('markReplicas', () => {
	it('gives every article of a later copy a closing line, and leaves copy 0 alone', async () => {
		const body = '---\ntitle: "标题"\ndate: "1998-01-01"\npage: 1\n---\n\n正文。\n';
		for (const date of ['1998-01-01', '1998-01-02', '1998-02-05', '1998-03-12']) {
			mkdirSync(join(root, 'articles', date), { recursive: true });
			writeFileSync(join(root, 'articles', date, '01-001.md'), body);
		}
		expect(await markReplicas(root, 35)).toBe(2);
		const read = (date: string) => readFileSync(join(root, 'articles', date, '01-001.md'), 'utf8');
		expect(read('1998-01-01')).toBe(body);
		expect(read('1998-01-02')).toBe(body);
		expect(read('1998-02-05')).toBe(body + replicaLine(1));
		expect(read('1998-03-12')).toBe(body + replicaLine(2));
		// A paragraph of its own after the text.
		expect(read('1998-02-05').endsWith('正文。\n\n（基准测试副本 1）\n')).toBe(true);
	});
});
