import { describe, expect, it } from 'vitest';
import { continuationLabel } from '../../../src/domain/story-title.ts';

describe('an untitled continuation in search results', () => {
	it('is named by its opening words, marked as a continuation', () => {
		expect(
			continuationLabel(
				'在湖北打工的朱卫国,当知道儿子在北京领奖,还受到国家领导人会见时,难抑激动之情。',
			),
		).toBe('续：在湖北打工的朱卫国……');
	});

	it('stops at the first clause, without a trailing mark', () => {
		expect(continuationLabel('他说：好。后来的话不算')).toBe('续：他说：好……');
		expect(continuationLabel('一二三四五六七八九十一二三四五')).toBe(
			'续：一二三四五六七八九十一二……',
		);
		expect(continuationLabel('  短句，  ')).toBe('续：短句……');
	});
});
