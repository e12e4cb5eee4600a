/**
 * Turns the items found on a page into draft entry files: front matter (with `# 待核 /
 * needs review` comments where a required field could not be read) and a Markdown body
 * that shows exactly the printed text. Pure functions.
 */
import { Document } from 'yaml';
import { escapeMarkdownLine, YAML_OPTIONS } from '../archive-writer/markdown.ts';
import { readAdvert, readNotice } from './fields.ts';
import type { BodyBlock, PageItem } from './segment.ts';

export type DraftCollection = 'articles' | 'notices' | 'adverts';

export interface Draft {
	collection: DraftCollection;
	/** Relative to the drafts root: `articles/2021-11-11/02-001.md`. */
	path: string;
	/** Front matter fields, in the order written. */
	data: Record<string, unknown>;
	/** Markdown body. */
	body: string;
	/** Fields an editor must fill in or check, with why. */
	review: { field: string; message: string }[];
	/** Input line where the item starts. */
	line: number;
	item: PageItem;
}

/** Markdown for body blocks: subheads as `##`, lines of one block joined by hard breaks. */
export function renderBlocks(blocks: readonly BodyBlock[]): string {
	return blocks
		.map((block) =>
			block.type === 'heading'
				? `## ${escapeMarkdownLine(block.lines.join(' '))}`
				: block.lines.map(escapeMarkdownLine).join('\\\n'),
		)
		.join('\n\n');
}

/** The whole draft file: front matter with review comments, a blank line, the body. */
export function renderDraft(draft: Pick<Draft, 'data' | 'body' | 'review'>): string {
	const doc = new Document(draft.data);
	for (const { field, message } of draft.review) {
		const path = field.split('.');
		const node = doc.getIn(path, true) as { comment?: string } | undefined;
		const target = node ?? (doc.get(path[0]!, true) as { comment?: string } | undefined);
		const note = ` 待核 / needs review: ${message}`;
		if (target) target.comment = target.comment ? `${target.comment};${note}` : note;
		else doc.commentBefore = doc.commentBefore ? `${doc.commentBefore}\n${note}` : note;
	}
	const frontMatter = doc.toString(YAML_OPTIONS);
	return `---\n${frontMatter}---\n${draft.body === '' ? '' : `\n${draft.body}\n`}`;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

function textOf(paragraph: { lines: string[] }): string {
	return paragraph.lines.join(' ');
}

function articleDraft(item: PageItem, date: string, page: number, order: number): Draft {
	const review: Draft['review'] = [];
	const heads = item.heads.map(textOf);
	const subtitles = heads.filter((head) => /^[—–─-]{1,2}/.test(head));
	const mains = heads.filter((head) => !subtitles.includes(head));
	const data: Record<string, unknown> = {};
	const body = [...item.body];
	if (mains.length >= 2) data.kicker = mains[0];
	if (mains.length >= 1) data.title = mains.length >= 2 ? mains[1] : mains[0];
	if (subtitles.length > 0) data.subtitle = subtitles[0]!.replace(/^[—–─-]{1,2}\s*/, '');
	// More headline lines than kicker, title and subtitle: keep the rest as subheads.
	const extra = [...mains.slice(2), ...subtitles.slice(1)];
	if (extra.length > 0) {
		body.unshift(
			...extra.map((text) => ({ type: 'heading' as const, lines: [text], line: item.line })),
		);
		review.push({
			field: 'title',
			message:
				'标题上下还有几行，已放进正文开头，请核对 / more headline lines were put at the start of the body; please check',
		});
	}
	if (data.title === undefined && item.continuedFrom === undefined) {
		data.title = '';
		review.push({
			field: 'title',
			message: '没有找到标题，请照报纸填写 / no headline found: copy it from the paper',
		});
	}
	Object.assign(data, { date, page, order });
	if (item.bylines.length > 0) {
		data.authors = item.bylines.map((byline) => textOf(byline).replace(/^[□■●◆]\s*/, ''));
	}
	if (item.continuedFrom !== undefined) data.continuedFrom = { page: item.continuedFrom };
	if (item.continuedOn !== undefined) data.continuedOn = { page: item.continuedOn };
	if (item.continuedFrom !== undefined || item.continuedOn !== undefined) {
		review.push({
			field: item.continuedFrom !== undefined ? 'continuedFrom' : 'continuedOn',
			message:
				'若另一版已收录，请加上 article: 那篇文章的编号 / if the other page is archived, add article: with that part’s id',
		});
	}
	return {
		collection: 'articles',
		path: `articles/${date}/${pad(page, 2)}-${pad(order, 3)}.md`,
		data,
		body: renderBlocks(body),
		review,
		line: item.line,
		item,
	};
}

function noticeDraft(item: PageItem, date: string, page: number, order: number): Draft {
	const title = textOf(item.heads[0]!);
	const lines = item.body.flatMap((block) => block.lines);
	const { fields, unread } = readNotice(title, lines);
	const data: Record<string, unknown> = { kind: fields.kind, title, date, page, order };
	if (fields.principal) data.principal = fields.principal;
	data.issuer = fields.issuer ?? '';
	if (fields.lots.length > 0) data.lots = fields.lots;
	if (fields.viewing)
		data.viewing = {
			...fields.viewing,
			until: fields.viewing.until ?? '',
			place: fields.viewing.place ?? '',
		};
	if (fields.kind === '招标公告') {
		data.bidOpening = {
			time: fields.bidOpening?.time ?? '',
			place: fields.bidOpening?.place ?? '',
		};
		if (fields.tenderDocuments)
			data.tenderDocuments = {
				...fields.tenderDocuments,
				place: fields.tenderDocuments.place ?? '',
			};
		delete data.viewing;
	} else if (fields.auction || fields.kind === '拍卖公告') {
		data.auction = { time: fields.auction?.time ?? '', venue: fields.auction?.venue ?? '' };
	}
	if (fields.deposits.length > 0) data.deposits = fields.deposits;
	// A tender's 前 dates are for its documents and bids, not an auction's registration.
	if (fields.kind === '招标公告') delete data.registrationDeadline;
	else if (fields.registrationDeadline) data.registrationDeadline = fields.registrationDeadline;
	else if (fields.kind === '拍卖公告') data.registrationDeadline = '';
	if (fields.contacts.length > 0) data.contacts = fields.contacts;
	if (fields.signedDate) data.signedDate = fields.signedDate;
	if (fields.kind === '拍卖公告' && fields.lots.length === 0) {
		data.lots = [{ description: '' }];
	}
	const review = unread.map((field) => ({
		field: field === 'lots' ? 'lots' : field,
		message: field.endsWith('.quantity')
			? '原文的数量和单位没能拆开，请把数字写进 quantity、单位写进 unit / the quantity and unit could not be split: write the number in quantity and the unit in unit'
			: '未能从原文读出，请照原文填写 / could not be read from the text: fill it in from the print',
	}));
	return {
		collection: 'notices',
		path: `notices/${date}/${pad(page, 2)}-${pad(order, 3)}.md`,
		data,
		body: renderBlocks(item.body),
		review,
		line: item.line,
		item,
	};
}

function advertDraft(item: PageItem, date: string, page: number, order: number): Draft {
	const lines = item.body.flatMap((block) => block.lines);
	const { fields, unread } = readAdvert(lines);
	const data: Record<string, unknown> = {
		kind: fields.kind,
		title: fields.title ?? '',
		sponsor: fields.sponsor ?? '',
	};
	if (fields.slogans.length > 0) data.slogans = fields.slogans;
	Object.assign(data, { date, page, order });
	if (fields.contacts.length > 0) data.contacts = fields.contacts;
	const review = unread.map((field) => ({
		field,
		message:
			'未能从原文读出，请照原文填写 / could not be read from the text: fill it in from the print',
	}));
	if (!unread.includes('title')) {
		review.push({
			field: 'title',
			message:
				'标题取了第一行口号；请改成版面上最大的那一行 / the first slogan line was taken as the title; use the largest line on the page',
		});
	}
	return {
		collection: 'adverts',
		path: `adverts/${date}/${pad(page, 2)}-${pad(order, 3)}.md`,
		data,
		body: renderBlocks(item.body),
		review,
		line: item.line,
		item,
	};
}

/** One draft per item, in print order (`order` 1, 2, …). */
export function draftsFor(items: readonly PageItem[], date: string, page: number): Draft[] {
	return items.map((item, index) => {
		const order = index + 1;
		if (item.kind === 'notice') return noticeDraft(item, date, page, order);
		if (item.kind === 'advert') return advertDraft(item, date, page, order);
		return articleDraft(item, date, page, order);
	});
}

/** A draft that would fail the schema: a required field the import could not read. */
export function isIncomplete(draft: Draft): boolean {
	return draft.review.some((note) => {
		let value: unknown = draft.data;
		for (const key of note.field.split('.'))
			value = (value as Record<string, unknown> | undefined)?.[key];
		return value === '' || (Array.isArray(value) && value.length === 0);
	});
}
