import type { z } from 'astro/zod';
import { collectionSchemas, type CollectionName } from '../schemas/index.ts';
import type { RawEntry } from './load.ts';
import { lineOfField, type FrontmatterSource } from './positions.ts';
import type { ContentProblem } from './problem.ts';
import { fieldAt, knownKeysAt, type FieldInfo } from './schema-fields.ts';
import { closestName } from './suggest.ts';

export interface ValidEntry<Name extends CollectionName = CollectionName> {
	raw: RawEntry;
	data: z.infer<(typeof collectionSchemas)[Name]>;
}

export type ValidEntries = { [Name in CollectionName]: ValidEntry<Name>[] };

/** A problem about one field of an entry, pointing at the field's line. */
export function problemAt(
	entry: FrontmatterSource & Pick<RawEntry, 'file'>,
	path: readonly PropertyKey[],
	problem: Omit<ContentProblem, 'file' | 'field' | 'line'>,
): ContentProblem {
	const line = lineOfField(entry, path);
	return {
		file: entry.file,
		...(line !== undefined && { line }),
		field: path.map(String).join('.'),
		...problem,
	};
}

/** Field names editors write in Chinese, and the field each means. */
const CHINESE_FIELD_NAMES: Record<string, string> = {
	标题: 'title',
	主题: 'title',
	引题: 'kicker',
	副题: 'subtitle',
	日期: 'date',
	版次: 'page',
	版: 'page',
	版名: 'section',
	顺序: 'order',
	作者: 'authors',
	记者: 'authors',
	地点: 'places',
	标签: 'tags',
	关键词: 'tags',
	人物: 'people',
	上接: 'continuedFrom',
	下转: 'continuedOn',
	类型: 'kind',
	姓名: 'name',
	名字: 'name',
	简介: 'description',
	荣誉: 'honours',
	委托方: 'principal',
	发布方: 'issuer',
	拍卖公司: 'issuer',
	标的: 'lots',
	展示: 'viewing',
	拍卖: 'auction',
	保证金: 'deposits',
	报名截止: 'registrationDeadline',
	截止时间: 'registrationDeadline',
	联系方式: 'contacts',
	联系人: 'contacts',
	落款日期: 'signedDate',
	广告主: 'sponsor',
	口号: 'slogans',
	标语: 'slogans',
	版面: 'pages',
	期号: 'number',
	旧网址: 'redirectFrom',
	原网址: 'redirectFrom',
};

function suggestField(name: string, known: string[]): string | undefined {
	const alias = CHINESE_FIELD_NAMES[name.trim()];
	if (alias && known.includes(alias)) return alias;
	return closestName(name, known);
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
	let value = data;
	for (const key of path) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<PropertyKey, unknown>)[key as string];
	}
	return value;
}

const HAN = /[\u3400-\u9fff]/u;

const EXPECTED_TYPE: Record<string, string> = {
	string: '文字 / text',
	number: '数字 / a number',
	boolean: 'true 或 false / true or false',
	array: '列表（[a, b] 或每行一个 - ）/ a list ([a, b] or one “- ” line per item)',
	object: '一组下一级字段（换行缩进书写）/ a group of indented fields',
	date: '日期 / a date',
};

/** How to write a value of this field (or of one item, for a list item), for the fix line. */
function howToWrite(field: FieldInfo | undefined, item = false): string | undefined {
	const kind = item && field?.kind === 'list' ? field.itemKind : field?.kind;
	switch (kind) {
		case 'date':
			return '写成 2021-11-11 这样的日期 / write a date like 2021-11-11';
		case 'datetime':
			return '写成带引号和时区的时间，如 "2021-11-25T10:00+08:00" / write a quoted time with its offset, e.g. "2021-11-25T10:00+08:00"';
		case 'integer':
			return '写阿拉伯数字，不加引号，如 2 / write a whole number without quotes, e.g. 2';
		case 'number':
			return '写阿拉伯数字，不加引号、不带单位，如 680.29 / write a number without quotes or unit, e.g. 680.29';
		case 'boolean':
			return '写 true 或 false / write true or false';
		case 'enum':
			return `只能写其中之一：${field?.values?.join('、')} / use one of: ${field?.values?.join(', ')}`;
		case 'person-id':
			return '写 content/people/ 下人物文件的文件名（不带 .md），如 zhu-haiyi / write the file name of the person under content/people/ without .md, e.g. zhu-haiyi';
		case 'phone':
			return '只写数字、括号、连字符和空格，如 "0915-3216489"；用半角数字 / digits, brackets, hyphens and spaces only, e.g. "0915-3216489"; use half-width digits';
		case 'list':
			return '写成列表，如 [旬阳, 紫阳] / write a list, e.g. [旬阳, 紫阳]';
		case 'text':
			return '写上文字；含冒号、# 或以引号开头的文字请整体加引号 / write the text; quote it when it contains a colon or # or starts with a quote';
		default:
			return undefined;
	}
}

function describeIssue(
	entry: RawEntry,
	issue: z.core.$ZodIssue,
	path: readonly PropertyKey[],
): Omit<ContentProblem, 'file' | 'field' | 'line'> {
	const field = fieldAt(entry.collection, path);
	const how = howToWrite(field, typeof path.at(-1) === 'number');
	const fix = how ? { fix: how } : {};
	const written = valueAt(entry.data, path);
	if (written === undefined) {
		const name = String(path.at(-1));
		const [howZh, howEn] = (how ?? '写法见 content/README.md / see content/README.md').split(' / ');
		return {
			code: 'missing-field',
			message: issue.code === 'custom' ? issue.message : '缺少必填字段 / this field is required',
			fix: `加上一行 ${name}: …，${howZh} / add a line “${name}: …”; ${howEn}`,
		};
	}
	if (HAN.test(issue.message)) {
		// A schema's own refinement may say how to fix it (`params.fix`).
		const own = (issue as { params?: { fix?: unknown } }).params?.fix;
		return {
			code: 'invalid-value',
			message: issue.message,
			...(typeof own === 'string' ? { fix: own } : fix),
		};
	}
	switch (issue.code) {
		case 'invalid_type':
			return {
				code: 'invalid-value',
				message: `应为${EXPECTED_TYPE[issue.expected]?.split(' / ')[0] ?? issue.expected} / must be ${EXPECTED_TYPE[issue.expected]?.split(' / ')[1] ?? issue.expected}`,
				...fix,
			};
		case 'too_small':
			return {
				code: 'invalid-value',
				message:
					issue.origin === 'array'
						? `至少要有 ${String(issue.minimum)} 项 / needs at least ${String(issue.minimum)} item(s)`
						: `不能小于 ${String(issue.minimum)} / must be at least ${String(issue.minimum)}`,
				...fix,
			};
		case 'too_big':
			return {
				code: 'invalid-value',
				message: `不能大于 ${String(issue.maximum)} / must be at most ${String(issue.maximum)}`,
				...fix,
			};
		case 'invalid_value':
			return {
				code: 'invalid-value',
				message: `只能是 ${issue.values.map(String).join('、')} 之一 / must be one of ${issue.values.map(String).join(', ')}`,
				...fix,
			};
		case 'invalid_format':
			return {
				code: 'invalid-value',
				message: `格式不对 / wrong format (${issue.message})`,
				...fix,
			};
		default:
			return {
				code: 'invalid-value',
				message: `值不合要求 / invalid value (${issue.message})`,
				...fix,
			};
	}
}

function unknownFieldProblem(
	entry: RawEntry,
	parent: readonly PropertyKey[],
	key: string,
): { problem: ContentProblem; suggestion: string | undefined } {
	const known = knownKeysAt(entry.collection, parent);
	const suggestion = suggestField(key, known);
	const path = [...parent, key];
	const problem = problemAt(entry, path, {
		code: 'unknown-field',
		message: suggestion
			? `未知字段 ${key}：是不是想写 ${suggestion}？/ unknown field ${key}: did you mean ${suggestion}?`
			: `未知字段 ${key}：这里没有这个字段 / unknown field ${key}: there is no such field here`,
		fix: suggestion
			? `把 ${key} 改成 ${suggestion} / rename ${key} to ${suggestion}`
			: `删去这一行，或改成这里允许的字段之一：${known.join('、')}（见 content/README.md）/ remove the line, or use one of the fields allowed here: ${known.join(', ')} (see content/README.md)`,
	});
	return { problem, suggestion };
}

/** Validates every readable entry against its collection's schema. */
export function validateSchemas(entries: readonly RawEntry[]): {
	valid: ValidEntries;
	problems: ContentProblem[];
} {
	const valid: ValidEntries = { articles: [], people: [], notices: [], adverts: [], issues: [] };
	const problems: ContentProblem[] = [];
	for (const entry of entries) {
		// A file without front matter is reported once as such, not once per missing field.
		if (!entry.readable || entry.frontmatterLine === 0) continue;
		const result = collectionSchemas[entry.collection].safeParse(entry.data);
		if (result.success) {
			(valid[entry.collection] as ValidEntry[]).push({ raw: entry, data: result.data });
			continue;
		}
		const entryProblems: ContentProblem[] = [];
		// `tittle:` makes `title` both unknown and missing: one problem, the typo, is enough.
		const typoFor = new Set<string>();
		for (const issue of result.error.issues) {
			if (issue.code !== 'unrecognized_keys') continue;
			for (const key of issue.keys) {
				const { problem, suggestion } = unknownFieldProblem(entry, issue.path, key);
				entryProblems.push(problem);
				if (suggestion) typoFor.add([...issue.path, suggestion].map(String).join('.'));
			}
		}
		for (const issue of result.error.issues) {
			if (issue.code === 'unrecognized_keys') continue;
			const problem = problemAt(entry, issue.path, describeIssue(entry, issue, issue.path));
			if (problem.code === 'missing-field' && typoFor.has(problem.field)) continue;
			entryProblems.push(problem);
		}
		problems.push(...entryProblems);
	}
	return { valid, problems };
}
