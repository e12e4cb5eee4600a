import { describe, expect, it } from 'vitest';
import {
	countNameMentions,
	frequentNames,
	parseShardNameList,
	shardNameList,
} from '../../../src/search/frequent-names.ts';

function mentions(text: string): Map<string, number> {
	const counts = new Map<string, number>();
	countNameMentions(text, counts);
	return counts;
}

describe('names the text sets off after a title', () => {
	it('takes a name between a title and what follows a name', () => {
		expect([...mentions('国家主席江泽民发表新年讲话。').keys()]).toEqual(['江泽民']);
		expect([...mentions('国务院总理李鹏会见了代表团。').keys()]).toEqual(['李鹏']);
		expect([...mentions('（新华社记者尹鸿祝摄）').keys()]).toEqual(['尹鸿祝']);
		expect([...mentions('市长王建设说，今年要办好十件实事。').keys()]).toEqual(['王建设']);
		expect([...mentions('副市长张宁同志出席。').keys()]).toEqual(['张宁']);
	});

	it('counts every mention', () => {
		expect(mentions('记者王波、记者王波和记者李涛报道。')).toEqual(
			new Map([
				['王波', 2],
				['李涛', 1],
			]),
		);
	});

	it('leaves out what only looks like a name', () => {
		// Not a surname first: a phrase after a title.
		expect(mentions('接受记者采访时说，大会主席团会议上')).toEqual(new Map());
		// A verb, or a body, at the end of the run.
		expect(mentions('总书记江泽民强调，在党中央和国务院')).toEqual(new Map([['江泽民', 1]]));
		// No title before it.
		expect(mentions('王建设说，今年要办好十件实事。')).toEqual(new Map());
		// Nothing a name is followed by after it.
		expect(mentions('市长王建设的讲话')).toEqual(new Map());
	});
});

describe('shard lists and the archive’s frequent names', () => {
	it('a shard’s list reads back as written', () => {
		const counts = new Map([
			['李鹏', 2],
			['江泽民', 5],
		]);
		const text = shardNameList(counts);
		expect(text).toBe('李鹏\t2\n江泽民\t5\n');
		expect(parseShardNameList(text)).toEqual(counts);
		expect(parseShardNameList('')).toEqual(new Map());
		expect(() => parseShardNameList('李鹏\tmany\n')).toThrow(/name list/);
	});

	it('sums the shards, keeps names mentioned often enough, most mentioned first', () => {
		const shards = [
			new Map([
				['江泽民', 2],
				['李鹏', 1],
				['王波', 1],
			]),
			new Map([
				['李鹏', 3],
				['江泽民', 1],
				['吴仪', 3],
			]),
		];
		expect(frequentNames(shards)).toEqual(['李鹏', '吴仪', '江泽民']);
		expect(frequentNames([...shards].reverse())).toEqual(['李鹏', '吴仪', '江泽民']);
		expect(frequentNames(shards, 1, 2)).toEqual(['李鹏', '吴仪']);
	});
});
