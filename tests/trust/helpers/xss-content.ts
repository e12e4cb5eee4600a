import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_CONTENT_DIR } from '../../helpers/content.ts';
import { BODY_PAYLOADS, FRONT_MATTER_PAYLOADS } from '../../fixtures/xss/payloads.ts';

/**
 * A copy of `content/` with one more issue, 2021-11-12, whose page 1 carries one article
 * per body payload and whose page 2 carries an article, a person and an advert whose
 * front-matter fields are payloads. YAML strings are written JSON-quoted, which YAML reads
 * as the same string.
 */

export const XSS_DATE = '2021-11-12';
export const FRONT_MATTER_ARTICLE = `${XSS_DATE}/02-front-matter`;
export const FRONT_MATTER_PERSON = 'xss-person';
export const FRONT_MATTER_ADVERT = `${XSS_DATE}/02-advert`;

export function bodyArticleId(payloadId: string): string {
	return `${XSS_DATE}/01-${payloadId}`;
}

const quoted = (value: string) => JSON.stringify(value);

export async function writeXssContent(dir: string): Promise<void> {
	await cp(DEFAULT_CONTENT_DIR, dir, { recursive: true });
	await mkdir(join(dir, 'articles', XSS_DATE), { recursive: true });
	await mkdir(join(dir, 'adverts', XSS_DATE), { recursive: true });
	await writeFile(
		join(dir, 'issues', `${XSS_DATE}.md`),
		['---', `date: ${XSS_DATE}`, 'pages:', '  - number: 1', '  - number: 2', '---', ''].join('\n'),
	);
	await Promise.all(
		BODY_PAYLOADS.map((payload, index) =>
			writeFile(
				join(dir, 'articles', `${bodyArticleId(payload.id)}.md`),
				[
					'---',
					`title: ${quoted(`载荷 ${payload.id}：${payload.name}`)}`,
					`date: ${XSS_DATE}`,
					'page: 1',
					`order: ${index + 1}`,
					'---',
					'',
					`前文。`,
					'',
					payload.markdown,
					'',
					`后文。`,
					'',
				].join('\n'),
			),
		),
	);
	const fm = FRONT_MATTER_PAYLOADS;
	await writeFile(
		join(dir, 'articles', `${FRONT_MATTER_ARTICLE}.md`),
		[
			'---',
			`title: ${quoted(fm.title)}`,
			`kicker: ${quoted(fm.kicker)}`,
			`subtitle: ${quoted(fm.subtitle)}`,
			`authors: [${quoted(fm.author)}]`,
			`tags: [${quoted(fm.tag)}]`,
			`places: [${quoted(fm.place)}]`,
			`people: [${FRONT_MATTER_PERSON}]`,
			`date: ${XSS_DATE}`,
			'page: 2',
			'order: 1',
			'---',
			'',
			'字段里的文字必须原样显示，不能变成代码。',
			'',
		].join('\n'),
	);
	await writeFile(
		join(dir, 'people', `${FRONT_MATTER_PERSON}.md`),
		[
			'---',
			`name: ${quoted(fm.personName)}`,
			'place:',
			`  county: ${quoted(fm.county)}`,
			`description: ${quoted(fm.personDescription)}`,
			'---',
			'',
			'人物简介正文。',
			'',
		].join('\n'),
	);
	await writeFile(
		join(dir, 'adverts', `${FRONT_MATTER_ADVERT}.md`),
		[
			'---',
			'kind: 公益宣传',
			`title: ${quoted(fm.advertTitle)}`,
			`sponsor: ${quoted(fm.sponsor)}`,
			`date: ${XSS_DATE}`,
			'page: 2',
			'order: 2',
			'---',
			'',
			'广告正文。',
			'',
		].join('\n'),
	);
}
