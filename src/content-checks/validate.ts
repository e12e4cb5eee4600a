import type { z } from 'astro/zod';
import { collectionSchemas, type CollectionName } from '../schemas/index.ts';
import { lineOfField, type RawEntry } from './load.ts';
import type { ContentProblem } from './problem.ts';

export interface ValidEntry<Name extends CollectionName = CollectionName> {
	raw: RawEntry;
	data: z.infer<(typeof collectionSchemas)[Name]>;
}

type ValidEntries = { [Name in CollectionName]: ValidEntry<Name>[] };

function problemAt(entry: RawEntry, path: readonly PropertyKey[], message: string): ContentProblem {
	const line = lineOfField(entry, path);
	return {
		file: entry.file,
		...(line !== undefined && { line }),
		field: path.map(String).join('.'),
		message,
	};
}

function describeIssue(issue: z.core.$ZodIssue): string {
	if (issue.code === 'unrecognized_keys') {
		const keys = issue.keys.join(', ');
		return `未知字段 ${keys}：可能是拼写错误，请对照 content/README.md / unknown field ${keys}: probably a typo, see content/README.md`;
	}
	if (issue.code === 'invalid_type' && issue.input === undefined) {
		return '缺少必填字段 / this field is required';
	}
	return issue.message;
}

/** Validates every entry against its collection's schema. */
export function validateSchemas(entries: readonly RawEntry[]): {
	valid: ValidEntries;
	problems: ContentProblem[];
} {
	const valid = {
		articles: [],
		people: [],
		notices: [],
		adverts: [],
		issues: [],
	} as unknown as ValidEntries;
	const problems: ContentProblem[] = [];
	for (const entry of entries) {
		const result = collectionSchemas[entry.collection].safeParse(entry.data);
		if (result.success) {
			(valid[entry.collection] as ValidEntry[]).push({ raw: entry, data: result.data });
			continue;
		}
		for (const issue of result.error.issues) {
			const path =
				issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
			problems.push(problemAt(entry, path, describeIssue(issue)));
		}
	}
	return { valid, problems };
}

/** Two files whose ids collide would claim one address; Astro keeps one and drops the other silently. */
export function findDuplicateIds(entries: readonly RawEntry[]): ContentProblem[] {
	const seen = new Map<string, RawEntry>();
	const problems: ContentProblem[] = [];
	for (const entry of entries) {
		const key = `${entry.collection}/${entry.id}`;
		const first = seen.get(key);
		if (first) {
			problems.push({
				file: entry.file,
				field: '',
				message: `与 ${first.file} 的地址相同（/${key}/），请改其中一个文件名 / claims the same address as ${first.file} (/${key}/): rename one of the files`,
			});
		} else {
			seen.set(key, entry);
		}
	}
	return problems;
}

/** References between entries: people, continued parts, and the issue each item was printed in. */
export function findBrokenReferences(valid: ValidEntries): ContentProblem[] {
	const problems: ContentProblem[] = [];
	const people = new Set(valid.people.map((person) => person.raw.id));
	const articles = new Set(valid.articles.map((article) => article.raw.id));
	const issues = new Map(valid.issues.map((issue) => [issue.data.date, issue]));

	for (const issue of valid.issues) {
		if (issue.raw.id !== issue.data.date) {
			problems.push(
				problemAt(
					issue.raw,
					['date'],
					`期的文件名应与日期一致：${issue.data.date}.md / an issue file must be named after its date: ${issue.data.date}.md`,
				),
			);
		}
	}

	for (const article of valid.articles) {
		article.data.people.forEach((person, index) => {
			if (!people.has(person)) {
				problems.push(
					problemAt(
						article.raw,
						['people', index],
						`找不到人物 “${person}”：content/people/ 下没有 ${person}.md / no person “${person}”: there is no content/people/${person}.md`,
					),
				);
			}
		});
		for (const field of ['continuedFrom', 'continuedOn'] as const) {
			const target = article.data[field]?.article;
			if (target !== undefined && !articles.has(target)) {
				problems.push(
					problemAt(
						article.raw,
						[field, 'article'],
						`找不到文章 “${target}”；若该版未收录，请删去 article 一行 / no article “${target}”; if that page is not archived, leave out the article line`,
					),
				);
			}
		}
	}

	const printed = [...valid.articles, ...valid.notices, ...valid.adverts];
	for (const item of printed) {
		const issue = issues.get(item.data.date);
		if (!issue) {
			problems.push(
				problemAt(
					item.raw,
					['date'],
					`没有 ${item.data.date} 这一期：请先建 content/issues/${item.data.date}.md / there is no issue for ${item.data.date}: add content/issues/${item.data.date}.md`,
				),
			);
			continue;
		}
		if (!issue.data.pages.some((page) => page.number === item.data.page)) {
			problems.push(
				problemAt(
					item.raw,
					['page'],
					`${item.data.date} 这一期没有第${item.data.page}版：请在 ${issue.raw.file} 的 pages 中加上 / the issue of ${item.data.date} lists no page ${item.data.page}: add it to pages in ${issue.raw.file}`,
				),
			);
		}
	}
	return problems;
}
