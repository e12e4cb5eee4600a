import { Cite } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import Ajv2020 from 'ajv/dist/2020.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import { paper } from '../../src/config/paper.ts';
import {
	contentFiles,
	ITEM_COLLECTIONS,
	KIND_OF_COLLECTION,
	storyLeadIds,
} from '../helpers/content.ts';
import { defaultSiteDir, listHtmlFiles, readPage, urlOfFile } from '../helpers/dist.ts';
import { byAttribute, byTag, textContent } from '../../support/html.ts';

/**
 * Open data on the default site: each item's JSON against the JSON Schema the site serves,
 * the yearly downloads, the citation files read back by citation-js, the OpenSearch
 * description, the feeds and the sitemap's dates. Reads the build of `content/`.
 */

let site: string;
beforeAll(() => {
	site = defaultSiteDir();
});

const read = (path: string) => readFileSync(join(site, path.replace(/^\//, '')));
const readText = (path: string) => read(path).toString('utf8');
const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@' });

/** Parsed XML or JSON, of a shape the assertions check. */
type Tree = { [key: string]: Tree } & { toString(): string };

function parseXml(path: string): Tree {
	const text = readText(path);
	expect(XMLValidator.validate(text), `${path} is well-formed XML`).toBe(true);
	return xml.parse(text) as Tree;
}

/** The child elements of an XML element that may occur once or more. */
function all(node: Tree | undefined): Tree[] {
	return node === undefined ? [] : [node].flat<Tree[]>();
}

const str = (node: Tree | undefined) => (node === undefined ? undefined : String(node));

function linksOf(url: string): string[] {
	return byTag(readPage(site, url).document, 'a').map((a) => a.attrs.href ?? '');
}

function schemaValidator(kind: string) {
	const schema = JSON.parse(readText(`/data/schema/v1/${kind}.json`)) as Record<string, unknown>;
	const ajv = new Ajv2020({ strict: false, allErrors: true });
	ajv.addFormat('uri', true);
	ajv.addFormat('date-time', true);
	return ajv.compile(schema);
}

describe('each item as JSON', () => {
	test.each(ITEM_COLLECTIONS)(
		'every %s entry has a .json that its schema accepts',
		(collection) => {
			const kind = KIND_OF_COLLECTION[collection];
			const validate = schemaValidator(kind);
			const files = contentFiles(collection);
			expect(files.length).toBeGreaterThan(0);
			for (const file of files) {
				const path = `/${collection}/${file.id}.json`;
				const record = JSON.parse(readText(path)) as Tree;
				expect(validate(record), `${path}: ${JSON.stringify(validate.errors)}`).toBe(true);
				expect(record).toMatchObject({
					kind,
					id: file.id,
					version: 1,
					url: new URL(`/${collection}/${file.id}/`, paper.siteUrl).href,
					$schema: new URL(`/data/schema/v1/${kind}.json`, paper.siteUrl).href,
				});
				// The front matter as filed comes through (dates as text).
				for (const [field, value] of Object.entries(file.data)) {
					expect(record.data![field], `${path} data.${field}`).toEqual(
						value instanceof Date ? value.toISOString().slice(0, 10) : value,
					);
				}
				expect(String(record.body).length).toBeGreaterThan(0);
			}
		},
	);

	test('the schema refuses a record that breaks it', () => {
		const validate = schemaValidator('notice');
		const record = JSON.parse(readText('/notices/2021-11-11/02-shiyingshi-paimai.json')) as {
			data: Record<string, unknown>;
		};
		expect(validate({ ...record, data: { ...record.data, kind: '通知' } })).toBe(false);
		expect(validate({ ...record, data: { ...record.data, date: '2021/11/11' } })).toBe(false);
		expect(validate({ ...record, extra: 1 })).toBe(false);
	});

	test('item pages link their JSON and citation files with plain <a href>', () => {
		for (const id of storyLeadIds()) {
			const links = linksOf(`/articles/${id}/`);
			for (const ext of ['json', 'ris', 'bib', 'csl.json'])
				expect(links).toContain(`/articles/${id}.${ext}`);
		}
		for (const collection of ['notices', 'adverts', 'people'] as const) {
			for (const { id } of contentFiles(collection)) {
				const links = linksOf(`/${collection}/${id}/`);
				for (const ext of ['json', 'ris', 'bib', 'csl.json'])
					expect(links, `/${collection}/${id}/`).toContain(`/${collection}/${id}.${ext}`);
			}
		}
	});
});

describe('yearly downloads', () => {
	test('the data page states the paper’s licence and links every year', () => {
		const page = readPage(site, '/data/');
		expect(page.compactText).toContain(paper.licence.statement.replace(/\s/g, ''));
		expect(page.compactText).toContain(paper.licence.name.replace(/\s/g, ''));
		const links = byTag(page.document, 'a').map((a) => a.attrs.href);
		expect(links).toContain('/data/2021.jsonl.gz');
		expect(links).toContain('/data/people.jsonl.gz');
		expect(links).toContain('/data/schema/v1/article.json');
	});

	test('a year’s file holds every dated item of that year, each line valid, with a fixed gzip header', () => {
		const bytes = read('/data/2021.jsonl.gz');
		// gzip magic, then MTIME (bytes 4–7) zero: the same records give the same bytes.
		expect([...bytes.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
		expect([...bytes.subarray(4, 8)]).toEqual([0, 0, 0, 0]);
		const lines = gunzipSync(bytes).toString('utf8').trimEnd().split('\n');
		const records = lines.map((line) => JSON.parse(line) as Tree);
		const expected = (['articles', 'notices', 'adverts'] as const).flatMap((collection) =>
			contentFiles(collection).map((file) => `${KIND_OF_COLLECTION[collection]}/${file.id}`),
		);
		expect(records.map((r) => `${String(r.kind)}/${String(r.id)}`).sort()).toEqual(expected.sort());
		const validators = new Map<string, ReturnType<typeof schemaValidator>>();
		for (const record of records) {
			const kind = String(record.kind);
			const validate = validators.get(kind) ?? schemaValidator(kind);
			validators.set(kind, validate);
			expect(validate(record)).toBe(true);
			// Same record as the item's own file.
			const collection = String(record.url).split('/')[3];
			expect(record).toEqual(JSON.parse(readText(`/${collection}/${String(record.id)}.json`)));
		}
		const people = gunzipSync(read('/data/people.jsonl.gz')).toString('utf8').trimEnd().split('\n');
		expect(people).toHaveLength(contentFiles('people').length);
	});
});

describe('citations', () => {
	test('RIS and BibTeX read back with citation-js to the item', () => {
		const notice = contentFiles('notices')[0]!;
		const url = new URL(`/notices/${notice.id}/`, paper.siteUrl).href;
		const [fromRis] = new Cite(readText(`/notices/${notice.id}.ris`)).data;
		expect(fromRis).toMatchObject({
			type: 'article-newspaper',
			title: notice.data.title,
			'container-title': paper.name,
			page: String(notice.data.page),
			URL: url,
		});
		const [fromBib] = new Cite(readText(`/notices/${notice.id}.bib`)).data;
		expect(fromBib).toMatchObject({
			title: notice.data.title,
			'container-title': paper.name,
			page: String(notice.data.page),
			URL: url,
			issued: { 'date-parts': [[2021, 11, 11]] },
			author: [{ family: notice.data.issuer }],
		});
		const csl = JSON.parse(readText(`/notices/${notice.id}.csl.json`)) as unknown;
		expect(new Cite(csl).data[0]).toMatchObject({ title: notice.data.title, URL: url });
	});

	test('the GB/T 7714 citations are in the page’s HTML, without JavaScript', () => {
		const notice = contentFiles('notices')[0]!;
		const page = readPage(site, `/notices/${notice.id}/`);
		const { title, issuer, page: printedPage } = notice.data as Record<string, string>;
		const section = byAttribute(page.document, 'data-cite')[0]!;
		const text = textContent(section);
		expect(text).toContain(`${issuer}. ${title}[N]. ${paper.name}, 2021-11-11(${printedPage}).`);
		expect(text).toMatch(
			new RegExp(
				// The page names no day of its own (a cached copy must read as a fresh one): the
				// reader's script puts their day in place of 引用日期 (tests/e2e/cite-copy.test.ts).
				`${issuer}\\. ${title}\\[N/OL\\]\\. ${paper.name}, 2021-11-11\\(${printedPage}\\)\\[引用日期\\]\\. https://`,
			),
		);
		expect(text).toContain('APA');
		expect(text).toContain('Chicago');
		// The copy buttons are added by the script: without JavaScript there is nothing to press.
		expect(byTag(section, 'button')).toEqual([]);
	});

	test('Highwire tags carry title, date, newspaper, page and authors', () => {
		const notice = contentFiles('notices')[0]!;
		const head = readPage(site, `/notices/${notice.id}/`).document;
		const meta = (name: string) =>
			byAttribute(head, 'name', name).map((element) => element.attrs.content);
		expect(meta('citation_title')).toEqual([notice.data.title]);
		expect(meta('citation_author')).toEqual([notice.data.issuer]);
		expect(meta('citation_publication_date')).toEqual(['2021/11/11']);
		expect(meta('citation_journal_title')).toEqual([paper.name]);
		expect(meta('citation_firstpage')).toEqual([String(notice.data.page)]);
		expect(meta('citation_language')).toEqual([paper.language]);
		expect(meta('DC.type')).toEqual(['newspaperArticle']);
	});
});

describe('OpenSearch', () => {
	test('the description is valid and searches the search page with ?q=', () => {
		const doc = parseXml('/opensearch.xml').OpenSearchDescription!;
		expect(str(doc['@xmlns'])).toBe('http://a9.com/-/spec/opensearch/1.1/');
		expect([...String(doc.ShortName)].length).toBeLessThanOrEqual(16);
		const html = all(doc.Url).find((url) => str(url['@type']) === 'text/html')!;
		expect(str(html['@template'])).toBe(new URL('/search/?q={searchTerms}', paper.siteUrl).href);
		expect(existsSync(join(site, 'search', 'index.html'))).toBe(true);
	});

	test('every page links it', () => {
		const files = listHtmlFiles(site).filter((file) => !file.startsWith('pagefind/'));
		expect(files.length).toBeGreaterThan(20);
		for (const file of files) {
			const page = readPage(site, urlOfFile(file));
			const links = byAttribute(page.document, 'rel', 'search');
			if (links.length === 0 && page.html.includes('http-equiv="refresh"')) continue;
			expect(
				links.map((link) => [link.attrs.type, link.attrs.href]),
				file,
			).toEqual([['application/opensearchdescription+xml', '/opensearch.xml']]);
		}
	});
});

describe('feeds', () => {
	test('the notices feed lists every notice and notice pages point to it', () => {
		const channel = parseXml('/feeds/notices.xml').rss!.channel!;
		const notices = contentFiles('notices');
		expect(
			all(channel.item)
				.map((item) => str(item.link))
				.sort(),
		).toEqual(notices.map((n) => new URL(`/notices/${n.id}/`, paper.siteUrl).href).sort());
		const alternates = byAttribute(
			readPage(site, `/notices/${notices[0]!.id}/`).document,
			'rel',
			'alternate',
		);
		expect(alternates.map((link) => link.attrs.href)).toContain('/feeds/notices.xml');
	});

	test('a person’s feed lists the stories that mention them', () => {
		const mentioning = contentFiles('articles').filter((file) =>
			(file.data.people as string[] | undefined)?.includes('zhu-haiyi'),
		);
		expect(mentioning.length).toBeGreaterThan(0);
		const channel = parseXml('/feeds/people/zhu-haiyi.xml').rss!.channel!;
		const links = all(channel.item).map((item) => str(item.link));
		for (const file of mentioning)
			expect(links).toContain(new URL(`/articles/${file.id}/`, paper.siteUrl).href);
		const alternates = byAttribute(
			readPage(site, '/people/zhu-haiyi/').document,
			'rel',
			'alternate',
		);
		expect(alternates.map((link) => link.attrs.href)).toContain('/feeds/people/zhu-haiyi.xml');
	});
});

describe('sitemap', () => {
	test('gives every item and issue page its date as lastmod', () => {
		const urls = all(parseXml('/sitemap-0.xml').urlset!.url);
		const lastmod = new Map(
			urls.map((url) => [new URL(String(url.loc)).pathname, str(url.lastmod)]),
		);
		for (const collection of ['articles', 'notices', 'adverts'] as const) {
			for (const file of contentFiles(collection)) {
				const path = `/${collection}/${file.id}/`;
				expect(lastmod.get(path), path).toMatch(/^2021-11-11/);
			}
		}
		expect(lastmod.get('/issues/2021-11-11/')).toMatch(/^2021-11-11/);
		expect(lastmod.get('/people/zhu-haiyi/')).toMatch(/^2021-11-11/);
		// Pages with no date of their own get none rather than the build time.
		expect(lastmod.get('/search/')).toBeUndefined();
	});
});
