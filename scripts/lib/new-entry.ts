/**
 * The file `npm run new` writes: every field of the collection's schema, either filled
 * in or written as a comment with its meaning and an example from the editors' guide.
 * The field list comes from the zod schemas themselves, so a new schema field shows up
 * in every new file without anyone touching this code. Pure functions.
 */
import { collectionFields, type FieldInfo } from '../../src/content-checks/schema-fields.ts';
import type { CollectionName } from '../../src/schemas/index.ts';
import type { GuideRow } from './field-guide.ts';

export interface TemplateInput {
	collection: CollectionName;
	/** Values to fill in, by dotted path (`title`, `auction.time`); lists as arrays. */
	values: Record<string, unknown>;
	/** The guide's rows for this collection (meanings and examples). */
	guide: readonly GuideRow[];
}

const INDENT = '  ';

/** A value written the way the schemas read it back through js-yaml (Astro's reader). */
export function yamlValue(value: unknown, kind: FieldInfo['kind']): string {
	if (Array.isArray(value)) return `[${value.map((item) => yamlValue(item, 'text')).join(', ')}]`;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	const text = String(value);
	// A bare date is read as that calendar day; anything else is quoted so that YAML
	// cannot turn it into a number, a boolean or a UTC time.
	if (kind === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(text)) return text;
	return JSON.stringify(text);
}

/** Fields that the schemas require only for some kinds (superRefine rules). */
function requiredFor(collection: CollectionName, values: Record<string, unknown>): Set<string> {
	if (collection === 'notices' && (values.kind ?? '拍卖公告') === '拍卖公告') {
		return new Set(['lots', 'lots[].description', 'auction', 'registrationDeadline']);
	}
	if (collection === 'articles' && values['continuedFrom.page'] === undefined) {
		return new Set(['title']);
	}
	return new Set();
}

function valueKey(field: FieldInfo): string {
	return field.keys.join('.');
}

/** Renders the front matter lines of `fields` that sit directly below `parent`. */
function renderLevel(
	fields: readonly FieldInfo[],
	parent: string,
	depth: number,
	commented: boolean,
	input: TemplateInput,
	required: Set<string>,
	lines: string[],
) {
	const prefix = parent === '' ? '' : `${parent}.`;
	const children = fields.filter(
		(field) => field.path.startsWith(prefix) && !field.path.slice(prefix.length).includes('.'),
	);
	const guide = new Map(input.guide.map((row) => [row.path, row]));
	children.forEach((field, index) => {
		const name = field.keys.at(-1)!;
		const row = guide.get(field.path);
		const needed = field.required || required.has(field.path);
		const given = input.values[valueKey(field)];
		const isItem = parent.endsWith('[]');
		// The first field of a list item carries the `- `.
		const lead = `${INDENT.repeat(depth)}${isItem && index === 0 ? '- ' : isItem ? INDENT : ''}`;
		const hideThis = commented || (!needed && given === undefined);
		// Inside an unused group a required field is required only once the group is used.
		const label = !needed
			? ''
			: commented
				? '用上一级时必填 / required when its group is used'
				: '必填 / required';
		// An empty required field shows how its value is written.
		const example =
			needed && !hideThis && given === undefined && row?.example ? `例 / e.g. ${row.example}` : '';
		const meaning = [label, [row?.meaning, example].filter(Boolean).join('；')]
			.filter(Boolean)
			.join(': ');
		const note = meaning === '' ? '' : `  # ${meaning}`;
		const mark = (text: string) =>
			hideThis ? `${lead.replace(/^( *)/, '$1# ')}${text}` : `${lead}${text}`;
		const nested =
			field.kind === 'object' || (field.kind === 'list' && field.itemKind === 'object');
		if (nested) {
			lines.push(mark(`${name}:${note}`));
			const childParent = field.kind === 'list' ? `${field.path}[]` : field.path;
			renderLevel(fields, childParent, depth + (isItem ? 2 : 1), hideThis, input, required, lines);
			return;
		}
		let value: string;
		// A field left for the editor shows the guide's example when it is commented out,
		// and an empty value that `npm run check` refuses when it is required.
		if (given !== undefined) value = yamlValue(given, field.kind);
		else if (hideThis) value = row?.example || (field.kind === 'list' ? '[]' : '""');
		else value = field.kind === 'list' ? '[]' : '""';
		lines.push(mark(`${name}: ${value}${note}`));
	});
}

/** The whole new file: a header comment and the front matter; the body is left to the editor. */
export function renderTemplate(input: TemplateInput): string {
	const fields = collectionFields(input.collection);
	const required = requiredFor(input.collection, input.values);
	const lines: string[] = [];
	renderLevel(fields, '', 0, false, input, required, lines);
	return [
		'---',
		'# 带 # 的行是说明或未填的字段：要用时删去行首的“# ”再填写。字段说明见 content/README.md。',
		'# Lines starting with # are notes or unused fields: delete the “# ” to use one. See content/README.md.',
		...lines,
		'---',
		'',
	].join('\n');
}
