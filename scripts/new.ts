/**
 * `npm run new` — creates a correctly named content file with every field of its schema
 * filled in or written as a comment, today's date in China time, and the next free
 * position on the page. It never overwrites a file.
 *
 * Exit codes: 0 created; 1 the file could not be written; 2 wrong usage, nothing written.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { contentRoot } from '../src/config/content-root.ts';
import { paper } from '../src/config/paper.ts';
import { collectionFields, type FieldInfo } from '../src/content-checks/schema-fields.ts';
import { closestName } from '../src/content-checks/suggest.ts';
import { calendarDateIn } from '../src/domain/dates.ts';
import { calendarDate, personId } from '../src/schemas/fields.ts';
import type { CollectionName } from '../src/schemas/index.ts';
import { loadFieldGuide } from './lib/field-guide.ts';
import { renderTemplate } from './lib/new-entry.ts';

const KINDS: Record<string, CollectionName> = {
	article: 'articles',
	文章: 'articles',
	person: 'people',
	人物: 'people',
	notice: 'notices',
	公告: 'notices',
	advert: 'adverts',
	广告: 'adverts',
	issue: 'issues',
	期: 'issues',
};

const USAGE = `用法 / Usage:
  npm run new -- <article|person|notice|advert|issue> [字段=值 field=value …] [--slug 名字]

  article 文章   content/articles/<日期>/<版次>-<名字>.md
  person  人物   content/people/<编号>.md            （须给 --id，如 --id zhu-haiyi）
  notice  公告   content/notices/<日期>/<版次>-<名字>.md
  advert  广告   content/adverts/<日期>/<版次>-<名字>.md
  issue   期     content/issues/<日期>.md

  字段可写成 title=标题 或 --title 标题；列表用逗号分隔，如 tags=道德模范,旬阳；
  下一级字段用点连接，如 auction.time="2021-11-25 10:00"（自动补上 +08:00）。
  Fields: title=… or --title …; lists comma-separated (tags=a,b); nested fields
  with a dot, e.g. auction.time="2021-11-25 10:00" (+08:00 is added).

  --date YYYY-MM-DD   期的日期，默认今天（北京时间）/ issue date, default today in China
  --page N            版次，默认 1；issue 可写 --page 1,2,3 / page, default 1
  --slug 名字         文件名中版次后的部分，用小写拼音，如 tashiliuyin；默认用版内顺序号
                      the part of the file name after the page, e.g. tashiliuyin;
                      defaults to the next free position on the page
  --id 编号           人物编号（文件名），如 zhu-haiyi / a person's id (file name)
  --help              显示本说明 / show this help

  新文件写在 content/（或 ARCHIVE_CONTENT 指定的目录）下，已有同名文件时拒绝覆盖。
  该日期还没有期文件时一并创建。其余字段以注释形式列在文件里，说明见 content/README.md。
  Files go under content/ (or ARCHIVE_CONTENT); an existing file is never overwritten.
  The issue file is created too when the date has none. Every other field is listed as a
  comment in the file; content/README.md explains each.

退出码 / Exit codes: 0 已创建 created; 1 写入失败 write failed; 2 用法错误 wrong usage.`;

class UsageError extends Error {}

interface Parsed {
	kind: string | undefined;
	options: Map<string, string>;
	help: boolean;
}

function parseArguments(argv: string[]): Parsed {
	const options = new Map<string, string>();
	let kind: string | undefined;
	let help = false;
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index]!;
		if (arg === '--help' || arg === '-h') {
			help = true;
			continue;
		}
		let key: string;
		let value: string | undefined;
		if (arg.startsWith('--')) {
			const eq = arg.indexOf('=');
			key = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
			value = eq === -1 ? argv[++index] : arg.slice(eq + 1);
			if (value === undefined) throw new UsageError(`--${key} 后面缺少值 / --${key} needs a value`);
		} else if (arg.includes('=')) {
			const eq = arg.indexOf('=');
			key = arg.slice(0, eq);
			value = arg.slice(eq + 1);
		} else if (kind === undefined) {
			kind = arg;
			continue;
		} else {
			throw new UsageError(
				`看不懂 “${arg}”：字段请写成 名字=值 / cannot read “${arg}”: write fields as name=value`,
			);
		}
		options.set(key, value);
	}
	return { kind, options, help };
}

/** A value from the command line in the type its field takes. */
function convert(field: FieldInfo, raw: string): unknown {
	const wrong = (what: string) =>
		new UsageError(
			`${field.path} 的值 “${raw}” 不对：${what} / ${field.path}: “${raw}” is not valid`,
		);
	switch (field.kind) {
		case 'integer':
		case 'number': {
			const value = Number(raw);
			if (raw.trim() === '' || !Number.isFinite(value)) throw wrong('应为数字 / must be a number');
			if (field.kind === 'integer' && !Number.isInteger(value))
				throw wrong('应为整数 / must be a whole number');
			return value;
		}
		case 'boolean':
			if (raw !== 'true' && raw !== 'false') throw wrong('应为 true 或 false');
			return raw === 'true';
		case 'date':
			if (!calendarDate.safeParse(raw).success)
				throw wrong('应写成 YYYY-MM-DD / must be YYYY-MM-DD');
			return raw;
		case 'datetime': {
			const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2})?(Z|[+-]\d{2}:\d{2})?$/.exec(
				raw.trim(),
			);
			if (!match) throw wrong('应写成 "2021-11-25 10:00" / must be like "2021-11-25 10:00"');
			return `${match[1]}T${match[2]}${match[3] ?? paper.utcOffset}`;
		}
		case 'list':
			return raw
				.split(/[,，、]/)
				.map((item) => item.trim())
				.filter((item) => item !== '');
		case 'enum':
			if (!field.values?.includes(raw))
				throw wrong(`只能是 ${field.values?.join('、')} / one of ${field.values?.join(', ')}`);
			return raw;
		default:
			return raw;
	}
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** Front matter of the entries already filed for a date (their folder), to find the next free order. */
async function ordersOn(root: string, date: string, page: number): Promise<number[]> {
	const orders: number[] = [];
	for (const collection of ['articles', 'notices', 'adverts']) {
		const dir = join(root, collection, date);
		const names = await readdir(dir).catch(() => [] as string[]);
		for (const name of names.filter((candidate) => /\.mdx?$/.test(candidate))) {
			try {
				const { frontmatter } = parseFrontmatter(await readFile(join(dir, name), 'utf8'));
				if (frontmatter.page === page && typeof frontmatter.order === 'number')
					orders.push(frontmatter.order);
				else if (frontmatter.page === page) orders.push(0);
			} catch {
				// A file with broken front matter still takes its name; npm run check reports it.
			}
		}
	}
	return orders;
}

function issueTemplate(date: string, pages: number[]): string {
	const list = pages.map(
		(page) => `  - number: ${page}\n    # name: ""  # 版名，如 要闻\n    # editor: ""  # 责编`,
	);
	return ['---', `date: ${date}`, '# number: 1  # 总第…期', 'pages:', ...list, '---', ''].join(
		'\n',
	);
}

async function writeNew(path: string, content: string): Promise<void> {
	await mkdir(dirname(path), { recursive: true });
	await writeFile(path, content, { flag: 'wx' });
}

async function main(argv: string[]): Promise<number> {
	let parsed: Parsed;
	try {
		parsed = parseArguments(argv);
	} catch (error) {
		console.error(`${(error as Error).message}\n\n${USAGE}`);
		return 2;
	}
	if (parsed.help || parsed.kind === undefined) {
		if (parsed.help) {
			console.log(USAGE);
			return 0;
		}
		console.error(
			`请说明要新建哪一种：article、person、notice、advert 或 issue / say what to create\n\n${USAGE}`,
		);
		return 2;
	}
	const collection = KINDS[parsed.kind];
	if (!collection) {
		console.error(
			`没有 “${parsed.kind}” 这一种；可选 article、person、notice、advert、issue / there is no kind “${parsed.kind}”\n\n${USAGE}`,
		);
		return 2;
	}
	const root = contentRoot();
	const shown = (path: string) => relative(process.cwd(), path) || path;
	const options = new Map(parsed.options);
	const take = (name: string) => {
		const value = options.get(name);
		options.delete(name);
		return value;
	};
	const slug = take('slug') ?? take('id');

	try {
		const today = calendarDateIn(new Date(), paper.timeZone);
		const date = take('date') ?? today;
		if (!calendarDate.safeParse(date).success)
			throw new UsageError(`日期应写成 YYYY-MM-DD，而不是 “${date}” / the date must be YYYY-MM-DD`);
		const pageText = take('page');

		if (collection === 'issues') {
			const pages = (pageText ?? '1').split(/[,，]/).map(Number);
			if (pages.some((page) => !Number.isInteger(page) || page < 1))
				throw new UsageError('版次应为正整数 / pages must be whole numbers from 1');
			const path = join(root, 'issues', `${date}.md`);
			await writeNew(path, issueTemplate(date, pages));
			console.log(`已创建 / created ${shown(path)}`);
			return 0;
		}

		const fields = collectionFields(collection).filter((field) => !field.path.includes('[]'));
		const values: Record<string, unknown> = {};
		for (const [key, raw] of options) {
			const field = fields.find((candidate) => candidate.keys.join('.') === key);
			if (!field || field.kind === 'object') {
				const suggestion = closestName(
					key,
					fields.map((candidate) => candidate.keys.join('.')),
				);
				throw new UsageError(
					`没有字段 “${key}”${suggestion ? `，是不是 ${suggestion}？` : ''}（列表里的字段请在文件里填写）/ there is no field “${key}”${suggestion ? `; did you mean ${suggestion}?` : ''} (fill list items in the file)`,
				);
			}
			values[key] = convert(field, raw);
		}
		// An auction notice is the common case; its template lists the bidder fields.
		if (collection === 'notices') values.kind ??= '拍卖公告';

		let path: string;
		if (collection === 'people') {
			if (slug === undefined) {
				throw new UsageError(
					'人物须给编号：--id 姓名拼音，如 --id zhu-haiyi / a person needs an id: --id zhu-haiyi',
				);
			}
			if (!personId.safeParse(slug).success) {
				throw new UsageError(
					`人物编号只能用小写字母、数字和连字符：“${slug}” / a person id uses lowercase letters, digits and hyphens`,
				);
			}
			path = join(root, 'people', `${slug}.md`);
			if (existsSync(path)) {
				let next = 2;
				while (existsSync(join(root, 'people', `${slug}-${next}.md`))) next++;
				throw new UsageError(
					`${shown(path)} 已存在，不会覆盖；若是同名的另一个人，请用 --id ${slug}-${next} / ${shown(path)} exists and is not overwritten; for a namesake use --id ${slug}-${next}`,
				);
			}
		} else {
			const page = Number(pageText ?? '1');
			if (!Number.isInteger(page) || page < 1)
				throw new UsageError(
					`版次应为正整数，而不是 “${pageText}” / the page must be a whole number from 1`,
				);
			const taken = await ordersOn(root, date, page);
			const order = Math.max(0, ...taken) + 1;
			Object.assign(values, { date, page, order: values.order ?? order });
			const dir = join(root, collection, date);
			if (slug !== undefined) {
				if (!/^[a-z0-9][a-z0-9-]*$/.test(slug)) {
					throw new UsageError(
						`--slug 只能用小写字母、数字和连字符：“${slug}” / --slug uses lowercase letters, digits and hyphens`,
					);
				}
				path = join(dir, `${pad(page, 2)}-${slug}.md`);
				if (existsSync(path))
					throw new UsageError(
						`${shown(path)} 已存在，不会覆盖；请换一个 --slug / ${shown(path)} exists and is not overwritten; choose another --slug`,
					);
			} else {
				let number = order;
				while (existsSync(join(dir, `${pad(page, 2)}-${pad(number, 3)}.md`))) number++;
				path = join(dir, `${pad(page, 2)}-${pad(number, 3)}.md`);
			}
		}

		const guide = loadFieldGuide().get(collection) ?? [];
		await writeNew(path, renderTemplate({ collection, values, guide }));
		console.log(`已创建 / created ${shown(path)}`);

		if (collection !== 'people') {
			const page = values.page as number;
			const issuePath = join(root, 'issues', `${date}.md`);
			if (!existsSync(issuePath)) {
				await writeNew(issuePath, issueTemplate(date, [page]));
				console.log(
					`已创建 / created ${shown(issuePath)}（${date} 这一期还没有期文件 / the issue had no file yet）`,
				);
			} else {
				const { frontmatter } = parseFrontmatter(await readFile(issuePath, 'utf8'));
				const pages = Array.isArray(frontmatter.pages)
					? (frontmatter.pages as { number?: unknown }[])
					: [];
				if (!pages.some((listed) => listed.number === page)) {
					console.log(
						`注意：${shown(issuePath)} 没有列出第${page}版，请在 pages 下加上 “- number: ${page}” / note: ${shown(issuePath)} does not list page ${page}; add “- number: ${page}” under pages`,
					);
				}
			}
		}
		console.log(
			`下一步 / next: 打开文件，填好标着“必填”的字段，写正文，然后运行 npm run check / open the file, fill in the fields marked 必填 (required), write the text, then run npm run check`,
		);
		return 0;
	} catch (error) {
		if (error instanceof UsageError) {
			console.error(error.message);
			return 2;
		}
		if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
			console.error(
				`文件已存在，不会覆盖 / the file exists and is not overwritten: ${(error as Error).message}`,
			);
			return 2;
		}
		throw error;
	}
}

process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
	console.error(
		`新建失败 / could not create the file: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
	);
	return 1;
});
