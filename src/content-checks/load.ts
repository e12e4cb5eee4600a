import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { entryIdFromPath } from '../config/content-root.ts';
import { COLLECTION_NAMES, type CollectionName } from '../schemas/index.ts';
import { firstInvalidUtf8Byte } from './encoding.ts';
import { FRONTMATTER, OPENS_FRONTMATTER, parseFrontmatterText } from './frontmatter.ts';
import { findChineseListSeparators, findPastedPunctuation } from './pasted-text.ts';
import { explainYamlError, unclosedFrontmatter } from './yaml-errors.ts';
import { checkInputLimits, fileTooLarge } from './limits.ts';
import type { ContentProblem } from './problem.ts';

/** A content file read the way Astro's glob loader reads it, before validation. */
export interface RawEntry {
	collection: CollectionName;
	id: string;
	/** Path for messages, relative to the working directory. */
	file: string;
	/** Path below the collection folder, `/`-separated, e.g. `2021-11-11/02-zhu-haiyi.md`. */
	relativePath: string;
	/** The whole file as text. */
	source: string;
	/** The front matter block as written (from just after the opening `---`). */
	rawFrontmatter: string;
	/** 1-based line of the opening `---`; 0 when the file has no front matter. */
	frontmatterLine: number;
	/** 1-based line on which the body (the text after the closing `---`) starts. */
	bodyLine: number;
	data: Record<string, unknown>;
	body: string;
	/**
	 * False when the file could not be read as UTF-8 or its front matter is not YAML: it
	 * still claims its address (so references to it are not reported missing), but its
	 * fields are not checked.
	 */
	readable: boolean;
}

/** Whether a path below a collection folder is an entry the site publishes. */
export function isPublishedEntryPath(relativePath: string): boolean {
	const segments = relativePath.split(/[\\/]/);
	if (segments.some((segment) => segment.startsWith('_') || segment.startsWith('.'))) return false;
	return /\.(md|mdx)$/i.test(relativePath);
}

function countNewlines(text: string, end = text.length): number {
	let count = 0;
	for (
		let index = text.indexOf('\n');
		index !== -1 && index < end;
		index = text.indexOf('\n', index + 1)
	)
		count++;
	return count;
}

/** The lines where the front matter opens and the body starts. */
function frontmatterLines(source: string): {
	frontmatterLine: number;
	bodyLine: number;
	bodyOffset: number;
	rawFrontmatter: string;
} {
	const match = FRONTMATTER.exec(source);
	if (!match) return { frontmatterLine: 0, bodyLine: 1, bodyOffset: 0, rawFrontmatter: '' };
	const openAt = source.indexOf('---', match.index);
	const frontmatterLine = countNewlines(source, openAt) + 1;
	const closeAt = openAt + 3 + match[1]!.length;
	return {
		frontmatterLine,
		bodyLine: countNewlines(source, closeAt) + 1,
		bodyOffset: closeAt + 3,
		rawFrontmatter: match[1]!,
	};
}

export interface FileToRead {
	collection: CollectionName;
	relativePath: string;
	absolute: string;
	file: string;
}

/** Every entry file below the content root, in collection then code-point order. */
export async function listEntryFiles(root: string, cwd = process.cwd()): Promise<FileToRead[]> {
	const files: FileToRead[] = [];
	for (const collection of COLLECTION_NAMES) {
		const base = join(root, collection);
		const names = await readdir(base, { recursive: true }).catch(() => [] as string[]);
		for (const name of names.filter(isPublishedEntryPath).sort()) {
			const absolute = join(base, name);
			files.push({
				collection,
				relativePath: name.split(/[\\/]/).join('/'),
				absolute,
				file: relative(cwd, absolute) || absolute,
			});
		}
	}
	return files;
}

/** One entry file read from its bytes; a file that cannot be parsed gives problems. */
export function readEntry(
	target: FileToRead,
	bytes: Buffer,
): { entry: RawEntry; problems: ContentProblem[] } {
	const { collection, relativePath, file } = target;
	const base = {
		collection,
		id: entryIdFromPath(relativePath),
		file,
		relativePath,
	};
	const unreadable = (problems: ContentProblem[], source = '') => ({
		entry: {
			...base,
			source,
			rawFrontmatter: '',
			frontmatterLine: 0,
			bodyLine: 1,
			data: {},
			body: '',
			readable: false,
		},
		problems,
	});

	const invalidAt = firstInvalidUtf8Byte(bytes);
	if (invalidAt !== undefined) {
		const utf16 =
			bytes.length >= 2 &&
			((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
		return unreadable([
			{
				file,
				line: bytes.subarray(0, invalidAt).filter((byte) => byte === 0x0a).length + 1,
				field: '',
				code: 'not-utf8',
				message: utf16
					? '文件是 UTF-16 编码，不是 UTF-8 / the file is UTF-16, not UTF-8'
					: `文件不是 UTF-8 编码（第 ${invalidAt + 1} 个字节无效，多半是 GBK）/ the file is not UTF-8 (byte ${invalidAt + 1} is invalid; probably GBK)`,
				fix: '用编辑器“另存为 UTF-8（无 BOM）”后再提交 / save it again as UTF-8 (without BOM) in your editor',
			},
		]);
	}
	const source = bytes.toString('utf8');
	// Refused before any parser sees it: pathological input is slow or crashes the tools.
	const overLimits = checkInputLimits(file, source);
	if (overLimits.length > 0) return unreadable(overLimits, source);
	const { frontmatterLine, bodyLine, bodyOffset, rawFrontmatter } = frontmatterLines(source);
	if (frontmatterLine === 0) {
		// `---` on the first line and no closing one: one message saying so, not one per field.
		if (OPENS_FRONTMATTER.test(source))
			return unreadable([unclosedFrontmatter(file, source)], source);
		return {
			entry: {
				...base,
				source,
				rawFrontmatter: '',
				frontmatterLine,
				bodyLine,
				data: {},
				body: source,
				readable: true,
			},
			problems: [
				{
					file,
					line: 1,
					field: '',
					code: 'no-front-matter',
					message:
						'文件开头没有用 --- 包起来的字段区 / the file does not start with a front matter block between --- lines',
					fix: '第一行写 ---，接着写字段（如 title: …），再用一行 --- 结束；可用 npm run new 生成 / start with a --- line, the fields, then another --- line; npm run new makes one',
				},
			],
		};
	}
	const where = { file, collection, rawFrontmatter, frontmatterLine };
	// Word's punctuation first: YAML would fail on it a line late, or read something else.
	const pasted = findPastedPunctuation(where);
	if (pasted.length > 0) return unreadable(pasted, source);
	const { data, errors, lines } = parseFrontmatterText(rawFrontmatter);
	if (errors.length > 0) {
		const explained = explainYamlError(where, errors[0]!, lines);
		// `---` left out after the fields, and a `---` rule further down in the text: YAML
		// then fails inside the text. Said as the missing line, where the text starts.
		const unclosed = unclosedFrontmatter(file, source);
		const textStarts = unclosed.line!;
		const looksLikeText = /^\s*$/.test(source.split('\n')[textStarts - 1] ?? '');
		if (looksLikeText && textStarts < bodyLine && (explained.line ?? 0) > textStarts)
			return unreadable([unclosed], source);
		return unreadable([explained], source);
	}
	return {
		entry: {
			...base,
			source,
			rawFrontmatter,
			frontmatterLine,
			bodyLine,
			data,
			// The text after the closing `---`, sliced rather than copied (big archives).
			body: source.slice(bodyOffset),
			readable: true,
		},
		problems: findChineseListSeparators(where),
	};
}

/** The entry for a file over the size limit, refused without being read. */
export function tooLarge(
	target: FileToRead,
	size: number,
): { entry: RawEntry; problems: ContentProblem[] } {
	const { entry } = readEntry(target, Buffer.alloc(0));
	return { entry: { ...entry, readable: false }, problems: [fileTooLarge(target.file, size)] };
}
