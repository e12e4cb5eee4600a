import { describe, expect, it } from 'vitest';
import { plainSummary } from '../../src/domain/summary.ts';

describe('plainSummary', () => {
	it('keeps the reader’s text and drops Markdown syntax', () => {
		const body = '## 小标题\n\n他说：**狠抓落实**是[好事](/a/)。\n\n> 引文\n\n1\\. 不是列表 a\\_b';
		expect(plainSummary(body)).toBe('小标题他说：狠抓落实是好事。引文1. 不是列表 a_b');
	});

	it('joins Chinese lines without spaces and keeps spaces between Latin words', () => {
		expect(plainSummary('第一段\n\n第二段 and more\nwords')).toBe('第一段第二段 and more words');
	});

	it('shortens long text and marks the cut', () => {
		expect(plainSummary('字'.repeat(200), 10)).toBe(`${'字'.repeat(10)}…`);
	});

	it('gives nothing for an empty body, so the caller can fall back', () => {
		expect(plainSummary('')).toBeUndefined();
		expect(plainSummary('  \n\n ')).toBeUndefined();
		expect(plainSummary(undefined)).toBeUndefined();
	});
});
