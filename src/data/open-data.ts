import { z } from 'astro/zod';
import { paper } from '../config/paper.ts';
import { DATA_SCHEMA_VERSION, itemDataPath, itemSchemaPath } from '../domain/data-routes.ts';
import { itemPath, type ItemKind } from '../domain/routes.ts';
import { calendarDate, zonedDateTime } from '../schemas/fields.ts';
import { advertSchema, articleSchema, noticeSchema, personSchema } from '../schemas/index.ts';
import type { Advert, Archive, Article, Notice, Person } from './archive-model.ts';

/**
 * Each item as open data: one JSON record per content entry, the same record in the yearly
 * JSON Lines downloads, and a JSON Schema for each kind generated from the zod schemas
 * the build validates with, so the documentation cannot drift from the data.
 * See docs/open-data.md.
 */

const SCHEMAS = {
	article: articleSchema,
	notice: noticeSchema,
	advert: advertSchema,
	person: personSchema,
} as const;

export const DATA_KINDS = Object.keys(SCHEMAS) as (keyof typeof SCHEMAS)[];

export interface ItemRecord {
	$schema: string;
	version: number;
	kind: ItemKind;
	id: string;
	/** The item's page. */
	url: string;
	/** The front matter as validated: the fields the editors' guide lists. */
	data: Record<string, unknown>;
	/** The text as filed, in Markdown. */
	body: string;
	/** For a later part of a story: the id of the story's first part, whose page shows it. */
	story?: string;
}

function absolute(path: string): string {
	return new URL(path, paper.siteUrl).href;
}

function record(
	kind: ItemKind,
	entry: { id: string; data: object; body?: string | undefined },
	extra: Partial<ItemRecord> = {},
): ItemRecord {
	return {
		$schema: absolute(itemSchemaPath(kind)),
		version: DATA_SCHEMA_VERSION,
		kind,
		id: entry.id,
		url: absolute(itemPath(kind, entry.id)),
		data: entry.data as Record<string, unknown>,
		body: entry.body ?? '',
		...extra,
	};
}

export function articleRecord(archive: Archive, article: Article): ItemRecord {
	const storyId = archive.storyOfPart.get(article.id);
	return record('article', article, storyId && storyId !== article.id ? { story: storyId } : {});
}

export const noticeRecord = (notice: Notice) => record('notice', notice);
export const advertRecord = (advert: Advert) => record('advert', advert);
export const personRecord = (person: Person) => record('person', person);

const recordsOf = new WeakMap<
	Archive,
	readonly { year: number | undefined; record: ItemRecord }[]
>();

/**
 * Every item of the archive as a record, in a fixed order: kind, then date, then id. Made
 * once per archive: the item-file bundles, every yearly download and the catalogue ask.
 */
export function allRecords(
	archive: Archive,
): readonly { year: number | undefined; record: ItemRecord }[] {
	let records = recordsOf.get(archive);
	if (!records) {
		records = makeRecords(archive);
		recordsOf.set(archive, records);
	}
	return records;
}

function makeRecords(archive: Archive): { year: number | undefined; record: ItemRecord }[] {
	const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
	const dated = <T extends { id: string; data: { date: string } }>(entries: T[]) =>
		[...entries].sort((a, b) => a.data.date.localeCompare(b.data.date) || byId(a, b));
	return [
		...dated(archive.articles).map((entry) => ({
			year: Number(entry.data.date.slice(0, 4)),
			record: articleRecord(archive, entry),
		})),
		...dated(archive.notices).map((entry) => ({
			year: Number(entry.data.date.slice(0, 4)),
			record: noticeRecord(entry),
		})),
		...dated(archive.adverts).map((entry) => ({
			year: Number(entry.data.date.slice(0, 4)),
			record: advertRecord(entry),
		})),
		...[...archive.people].sort(byId).map((entry) => ({
			year: undefined,
			record: personRecord(entry),
		})),
	];
}

/** Dates and times are validated from text (or YAML dates) but always written as text. */
function overrideDates(ctx: { zodSchema: unknown; jsonSchema: Record<string, unknown> }): void {
	const replace = (schema: Record<string, unknown>) => {
		for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
		Object.assign(ctx.jsonSchema, schema);
	};
	if (ctx.zodSchema === calendarDate)
		replace({
			type: 'string',
			pattern: '^\\d{4}-\\d{2}-\\d{2}$',
			description: 'YYYY-MM-DD, China time',
		});
	else if (ctx.zodSchema === zonedDateTime)
		replace({
			type: 'string',
			pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?(Z|[+-]\\d{2}:\\d{2})$',
			description: 'date and time with its UTC offset, e.g. 2021-11-25T10:00+08:00',
		});
}

const KIND_NAMES: Record<keyof typeof SCHEMAS, string> = {
	article: 'article (文章): one part of a story as printed on one page',
	notice: 'public notice (公告)',
	advert: 'advert or public-service notice (广告)',
	person: 'person profile (人物)',
};

/** The JSON Schema (draft 2020-12) of one kind's records, served at `itemSchemaPath(kind)`. */
export function itemJsonSchema(kind: keyof typeof SCHEMAS): Record<string, unknown> {
	const data = z.toJSONSchema(SCHEMAS[kind], {
		io: 'output',
		unrepresentable: 'any',
		override: (ctx) =>
			overrideDates(ctx as { zodSchema: unknown; jsonSchema: Record<string, unknown> }),
	}) as Record<string, unknown>;
	delete data.$schema;
	const properties: Record<string, unknown> = {
		$schema: { type: 'string', format: 'uri', description: 'This schema’s address.' },
		version: { const: DATA_SCHEMA_VERSION, description: 'Version of the record format.' },
		kind: { const: kind },
		id: { type: 'string', description: 'The entry’s path in the content folder, without .md.' },
		url: { type: 'string', format: 'uri', description: 'The item’s page.' },
		data: { ...data, description: 'The front matter as validated.' },
		body: { type: 'string', description: 'The text as filed, in Markdown.' },
	};
	const required = ['$schema', 'version', 'kind', 'id', 'url', 'data', 'body'];
	if (kind === 'article')
		properties.story = {
			type: 'string',
			description: 'For a later part of a story: the id of its first part, whose page shows it.',
		};
	return {
		$schema: 'https://json-schema.org/draft/2020-12/schema',
		$id: absolute(itemSchemaPath(kind)),
		title: `${paper.name}: ${KIND_NAMES[kind]}, record format v${DATA_SCHEMA_VERSION}`,
		type: 'object',
		properties,
		required,
		additionalProperties: false,
	};
}

/** One line of `/data/items.jsonl`: where each item and its record are, and its dates. */
export interface CatalogueLine {
	kind: ItemKind;
	id: string;
	url: string;
	json: string;
	/** The issue date it was printed in; people have none. */
	date?: string;
	/**
	 * The newest date the item's page shows: its own date, or for a person the newest story
	 * that mentions them. The sitemap's `lastmod`.
	 */
	lastmod?: string;
}

export function catalogue(archive: Archive): CatalogueLine[] {
	return allRecords(archive).map(({ record }) => {
		const line: CatalogueLine = {
			kind: record.kind,
			id: record.id,
			url: record.url,
			json: absolute(itemDataPath(record.kind, record.id)),
		};
		const date = (record.data as { date?: string }).date;
		if (date) {
			line.date = date;
			line.lastmod = date;
		} else if (record.kind === 'person') {
			const newest = archive.storiesByPerson.get(record.id)?.[0];
			if (newest) line.lastmod = newest.parts[0]!.part.date;
		}
		return line;
	});
}

/** The years that have printed items, oldest first, with how many items each holds. */
export function yearsWithItems(archive: Archive): { year: number; items: number }[] {
	const counts = new Map<number, number>();
	for (const { year } of allRecords(archive))
		if (year !== undefined) counts.set(year, (counts.get(year) ?? 0) + 1);
	return [...counts].sort(([a], [b]) => a - b).map(([year, items]) => ({ year, items }));
}
