import type { z } from 'astro/zod';
import { calendarDate, personId, phoneNumber, zonedDateTime } from '../schemas/fields.ts';
import { collectionSchemas, type CollectionName } from '../schemas/index.ts';

/**
 * What the zod schemas say about their fields, read from the schemas themselves so that
 * the checks, `npm run new` and the editors' guide test cannot drift from them.
 */

/** What kind of value a field takes, in the terms an editor's template needs. */
export type FieldKind =
	| 'text'
	| 'number'
	| 'integer'
	| 'boolean'
	| 'date'
	| 'datetime'
	| 'person-id'
	| 'phone'
	| 'enum'
	| 'object'
	| 'list'
	| 'other';

export interface FieldInfo {
	/** The field's path as the guide writes it: `lots[].quantity`, `auction.time`. */
	path: string;
	/** The keys from the entry's top: `['lots', 'quantity']` (list items are not keys). */
	keys: string[];
	kind: FieldKind;
	/** For a list: the kind of each item. */
	itemKind?: FieldKind;
	/** Must be written (no default, not optional) whenever its parent object is. */
	required: boolean;
	/** The allowed values of an enum field (or of an enum list's items). */
	values?: string[];
	/** The object schema that declares this field (to find its JSDoc in the source). */
	owner: z.ZodType;
}

// zod 4 keeps every schema's definition on `_zod.def`; only the parts read here are typed.
interface Def {
	type: string;
	shape?: Record<string, z.ZodType>;
	innerType?: z.ZodType;
	element?: z.ZodType;
	in?: z.ZodType;
	out?: z.ZodType;
	entries?: Record<string, string>;
	checks?: { _zod: { def: { check?: string; format?: string } } }[];
}

function defOf(schema: z.ZodType): Def {
	return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips optional / default / prefault / nullable wrappers, noting whether one made it optional. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
	let current = schema;
	let optional = false;
	for (;;) {
		const def = defOf(current);
		if (['optional', 'default', 'prefault', 'nullable'].includes(def.type) && def.innerType) {
			optional = true;
			current = def.innerType;
			continue;
		}
		return { inner: current, optional };
	}
}

function kindOf(schema: z.ZodType): FieldKind {
	const { inner } = unwrap(schema);
	if (inner === calendarDate) return 'date';
	if (inner === zonedDateTime) return 'datetime';
	if (inner === personId) return 'person-id';
	if (inner === phoneNumber) return 'phone';
	const def = defOf(inner);
	switch (def.type) {
		case 'string':
			return 'text';
		case 'number':
			return (def.checks ?? []).some((check) => check._zod.def.format === 'safeint')
				? 'integer'
				: 'number';
		case 'boolean':
			return 'boolean';
		case 'enum':
			return 'enum';
		case 'object':
			return 'object';
		case 'array':
			return 'list';
		case 'pipe':
			return def.in ? kindOf(def.in) : 'other';
		default:
			return 'other';
	}
}

/** The object schema behind `schema` (through wrappers and lists), if it is one. */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
	const { inner } = unwrap(schema);
	const def = defOf(inner);
	if (def.type === 'object') return def.shape;
	if (def.type === 'array' && def.element) return objectShape(def.element);
	if (def.type === 'pipe' && def.in) return objectShape(def.in);
	return undefined;
}

/** The object schema itself behind `schema` (through wrappers and lists). */
function objectSchema(schema: z.ZodType): z.ZodType | undefined {
	const { inner } = unwrap(schema);
	const def = defOf(inner);
	if (def.type === 'object') return inner;
	if (def.type === 'array' && def.element) return objectSchema(def.element);
	if (def.type === 'pipe' && def.in) return objectSchema(def.in);
	return undefined;
}

function enumValues(schema: z.ZodType): string[] | undefined {
	const { inner } = unwrap(schema);
	const def = defOf(inner);
	if (def.type === 'enum' && def.entries) return Object.values(def.entries);
	if (def.type === 'array' && def.element) return enumValues(def.element);
	return undefined;
}

/** Every field of a schema, depth first in declaration order, nested objects and list items included. */
export function listFields(schema: z.ZodType, prefix: string[] = [], pathPrefix = ''): FieldInfo[] {
	const shape = objectShape(schema);
	const owner = objectSchema(schema);
	if (!shape || !owner) return [];
	const fields: FieldInfo[] = [];
	for (const [key, child] of Object.entries(shape)) {
		const { inner, optional } = unwrap(child);
		const kind = kindOf(child);
		const path = `${pathPrefix}${key}`;
		const info: FieldInfo = { path, keys: [...prefix, key], kind, required: !optional, owner };
		if (kind === 'list') {
			const element = defOf(inner).element;
			if (element) info.itemKind = kindOf(element);
		}
		const values = enumValues(child);
		if (values) info.values = values;
		fields.push(info);
		const isList = kind === 'list';
		fields.push(...listFields(child, [...prefix, key], `${path}${isList ? '[]' : ''}.`));
	}
	return fields;
}

const fieldsByCollection = new Map<CollectionName, FieldInfo[]>();

/** Every field of a collection's schema. */
export function collectionFields(collection: CollectionName): FieldInfo[] {
	let fields = fieldsByCollection.get(collection);
	if (!fields) {
		fields = listFields(collectionSchemas[collection]);
		fieldsByCollection.set(collection, fields);
	}
	return fields;
}

/**
 * The field names allowed in the object at `path` of an entry (list indexes skipped),
 * e.g. `['lots', 0]` in a notice → description, quantity, unit, location.
 */
export function knownKeysAt(collection: CollectionName, path: readonly PropertyKey[]): string[] {
	let schema: z.ZodType | undefined = collectionSchemas[collection];
	for (const key of path) {
		if (typeof key !== 'string') continue;
		schema = schema && objectShape(schema)?.[key];
	}
	const shape = schema && objectShape(schema);
	return shape ? Object.keys(shape) : [];
}

/** The field at a path of an entry (list indexes skipped), when the schema has one. */
export function fieldAt(
	collection: CollectionName,
	path: readonly PropertyKey[],
): FieldInfo | undefined {
	const keys = path.filter((key): key is string => typeof key === 'string');
	return collectionFields(collection).find(
		(field) => field.keys.length === keys.length && field.keys.every((key, i) => key === keys[i]),
	);
}
