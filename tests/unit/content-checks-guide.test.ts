import { parseFrontmatter } from '@astrojs/markdown-remark';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, test } from 'vitest';
import type { z } from 'astro/zod';
import { readFieldGuide } from '../../scripts/lib/field-guide.ts';
import { checkContent, formatProblem, PROBLEM_CODES } from '../../src/content-checks/index.ts';
import { collectionFields, type FieldInfo } from '../../src/content-checks/schema-fields.ts';
import { COLLECTION_NAMES } from '../../src/schemas/index.ts';
import { PROJECT_ROOT, TMP_ROOT } from '../../support/paths.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';

/**
 * The editors' guide (content/README.md) against the schemas it documents: one row per
 * schema field and no other, the same required fields and allowed values, every Chinese
 * term and code the field's JSDoc names, examples the schema accepts, complete example
 * files that pass `npm run check`, and every error code explained.
 */

const GUIDE = readFileSync(join(DEFAULT_CONTENT_DIR, 'README.md'), 'utf8');
const tables = readFieldGuide(GUIDE);
const SCHEMA_DIR = join(PROJECT_ROOT, 'src/schemas');

interface Documented {
	/** JSDoc of each property of the object literal. */
	docs: Map<string, string>;
	/** Variables spread into the literal (`...printedItemFields`). */
	spreads: string[];
}

/** The JSDoc of every property of every object literal assigned (through calls) to a top-level variable. */
function readJsDoc(): Map<string, Documented> {
	const found = new Map<string, Documented>();
	for (const file of readdirSync(SCHEMA_DIR).filter((name) => name.endsWith('.ts'))) {
		const source = ts.createSourceFile(
			file,
			readFileSync(join(SCHEMA_DIR, file), 'utf8'),
			ts.ScriptTarget.Latest,
			true,
		);
		for (const statement of source.statements) {
			if (!ts.isVariableStatement(statement)) continue;
			for (const declaration of statement.declarationList.declarations) {
				const name = declaration.name.getText(source);
				// The first object literal reached from the initializer is the field list.
				const find = (node: ts.Node): ts.ObjectLiteralExpression | undefined =>
					ts.isObjectLiteralExpression(node) ? node : ts.forEachChild(node, find);
				const literal = declaration.initializer && find(declaration.initializer);
				if (!literal) continue;
				const docs = new Map<string, string>();
				const spreads: string[] = [];
				for (const property of literal.properties) {
					if (ts.isSpreadAssignment(property)) spreads.push(property.expression.getText(source));
					if (!ts.isPropertyAssignment(property)) continue;
					const text = ts
						.getJSDocCommentsAndTags(property)
						.map((doc) => ts.getTextOfJSDocComment((doc as ts.JSDoc).comment) ?? '')
						.join(' ');
					docs.set(property.name.getText(source), text);
				}
				found.set(name, { docs, spreads });
			}
		}
	}
	return found;
}

const jsDoc = readJsDoc();
const schemaNames = new Map<unknown, string>();
for (const file of readdirSync(SCHEMA_DIR).filter((name) => name.endsWith('.ts'))) {
	const module = (await import(join(SCHEMA_DIR, file))) as Record<string, unknown>;
	for (const [name, value] of Object.entries(module))
		if (!schemaNames.has(value)) schemaNames.set(value, name);
}

function jsDocOf(field: FieldInfo): string | undefined {
	const owner = schemaNames.get(field.owner);
	const key = field.keys.at(-1)!;
	const lookup = (name: string | undefined): string | undefined => {
		const documented = name === undefined ? undefined : jsDoc.get(name);
		if (!documented) return undefined;
		return documented.docs.get(key) ?? documented.spreads.map(lookup).find(Boolean);
	};
	return lookup(owner);
}

const cases = COLLECTION_NAMES.flatMap((collection) =>
	collectionFields(collection).map((field) => ({ collection, field, path: field.path })),
);

describe('the field tables of content/README.md', () => {
	test.each(COLLECTION_NAMES)(
		'%s: one row per schema field, in schema order, and no other',
		(collection) => {
			const rows = tables.get(collection);
			expect(rows, `a table under a “### … \`${collection}/\`” heading`).toBeDefined();
			expect(rows!.map((row) => row.path)).toEqual(
				collectionFields(collection).map((field) => field.path),
			);
		},
	);

	test.each(cases)(
		'$collection $path: required, values, JSDoc terms and example agree',
		({ collection, field }) => {
			const row = tables.get(collection)?.find((candidate) => candidate.path === field.path);
			expect(row).toBeDefined();
			expect(
				row!.required.startsWith(field.required ? '是' : '否'),
				`必填 “${row!.required}”`,
			).toBe(true);
			const said = `${row!.meaning} ${row!.example}`;
			for (const value of field.values ?? []) expect(said).toContain(value);

			const doc = jsDocOf(field);
			expect(doc, 'the schema field has a JSDoc comment').toBeTruthy();
			for (const term of doc!.match(/[\u3400-\u9fff]+/gu) ?? [])
				expect(said, `JSDoc term “${term}”`).toContain(term);
			for (const code of doc!.match(/`[^`]+`/g) ?? [])
				expect(said, `JSDoc code ${code}`).toContain(code.slice(1, -1));

			if (row!.example !== '') {
				const { frontmatter } = parseFrontmatter(`---\nvalue: ${row!.example}\n---\n`);
				const shape = (field.owner as unknown as { shape: Record<string, z.ZodType> }).shape;
				const result = shape[field.keys.at(-1)!]!.safeParse(frontmatter.value);
				expect(
					result.success,
					`example ${row!.example}: ${JSON.stringify(result.error?.issues)}`,
				).toBe(true);
			}
		},
	);
});

describe('the rest of content/README.md', () => {
	const scratch: string[] = [];
	afterAll(async () => {
		for (const dir of scratch) await rm(dir, { recursive: true, force: true });
	});

	test('explains every error code the checks report, and no other', () => {
		const section = GUIDE.slice(GUIDE.indexOf('## 十二、错误一览'), GUIDE.indexOf('## 十三'));
		const documented = [...section.matchAll(/^\| `([a-z0-9-]+)` \|([^|]+)\|([^|]+)\|$/gm)];
		expect(documented.map((match) => match[1]).sort()).toEqual(Object.keys(PROBLEM_CODES).sort());
		for (const match of documented) {
			expect(match[2]!.trim().length, `${match[1]} meaning`).toBeGreaterThan(4);
			expect(match[3]!.trim().length, `${match[1]} fix`).toBeGreaterThan(4);
		}
	});

	test('its complete example files pass npm run check when added to the archive', async () => {
		const examples = [
			...GUIDE.matchAll(/`content\/([a-z]+\/[^`]+\.md)`[^\n]*\n\n```md\n([\s\S]*?)\n```/g),
		];
		expect(examples.map((match) => match[1]!.split('/')[0]).sort()).toEqual([
			'adverts',
			'articles',
			'issues',
			'notices',
			'people',
		]);
		const dir = await mkdtemp(join(TMP_ROOT, 'guide-examples-'));
		scratch.push(dir);
		await cp(DEFAULT_CONTENT_DIR, dir, { recursive: true });
		for (const [, path, source] of examples) {
			await mkdir(dirname(join(dir, path!)), { recursive: true });
			await writeFile(join(dir, path!), `${source}\n`, { flag: 'wx' });
		}
		const problems = await checkContent(dir, PROJECT_ROOT);
		expect(problems.map(formatProblem)).toEqual([]);
	});

	test('names the commands and how to preview', () => {
		for (const command of [
			'npm run new',
			'npm run import',
			'npm run check',
			'npm run dev',
			'npm run build && npm run preview',
			'ARCHIVE_CONTENT=',
		]) {
			expect(GUIDE).toContain(command);
		}
	});
});
