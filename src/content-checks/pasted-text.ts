import type { CollectionName } from '../schemas/index.ts';
import type { ContentProblem } from './problem.ts';
import { fieldAt } from './schema-fields.ts';

/**
 * Front matter typed in Word or WPS, or pasted from them: a full-width colon after a
 * field name (title：…), curly quotes where YAML needs straight ones (“…”), non-breaking
 * or full-width spaces where YAML needs plain ones, and a list separated by 、 or ，.
 * YAML itself either fails one line late in English or reads something else than what
 * the editor meant; these are found in the text as written, at their own line, each
 * with what to type instead.
 */

interface Where {
	file: string;
	collection: CollectionName;
	/** The front matter text as written (from just after the opening `---`). */
	rawFrontmatter: string;
	/** 1-based line of the opening `---`. */
	frontmatterLine: number;
}

/** A field name followed by a full-width colon: `title：…`, `  - name：…`. */
const FULLWIDTH_COLON = /^(\s*(?:-\s+)?)([A-Za-z][A-Za-z0-9_]*)[ \t\u3000]*：/;
/** `key: “…”` (or ‘…’), the whole value between curly quotes. */
const CURLY_QUOTED =
	/^(\s*(?:-\s+)?(?:[A-Za-z][A-Za-z0-9_]*:[ \t]+)?)([“‘])(.*)([”’])[ \t]*(?:#.*)?$/;
/** Spaces YAML does not take for spaces: no-break and full-width. */
const ODD_SPACE = /[\u00a0\u3000\u202f]/u;
/** `key: […]` on one line. */
const FLOW_LIST = /^(\s*)([A-Za-z][A-Za-z0-9_]*):[ \t]*\[(.*)\][ \t]*(?:#.*)?$/;
const CHINESE_SEPARATOR = /[、，；]/u;

function column(line: string, index: number): number {
	return Array.from(line.slice(0, index)).length + 1;
}

function spaceName(character: string): [zh: string, en: string] {
	switch (character) {
		case '\u00a0':
			return ['不换行空格（U+00A0）', 'a no-break space (U+00A0)'];
		case '\u202f':
			return ['窄不换行空格（U+202F）', 'a narrow no-break space (U+202F)'];
		default:
			return ['全角空格（U+3000）', 'a full-width space (U+3000)'];
	}
}

/**
 * Problems that make the front matter mean something else than what was typed, or not
 * parse at all. When there are any, the YAML parser's own error for the same text is
 * not reported: it would only repeat them, less clearly.
 */
export function findPastedPunctuation(where: Where): ContentProblem[] {
	const problems: ContentProblem[] = [];
	const lines = where.rawFrontmatter.split('\n');
	lines.forEach((rawLine, index) => {
		if (index === 0) return;
		const text = rawLine.replace(/\r$/, '');
		const line = where.frontmatterLine + index;
		const colon = FULLWIDTH_COLON.exec(text);
		if (colon) {
			const [, indent, key] = colon;
			const rest = text.slice(colon[0].length).replace(/^[ \t\u3000]+/, '');
			problems.push({
				file: where.file,
				line,
				column: column(text, colon[0].length - 1),
				field: key!,
				code: 'fullwidth-colon',
				message: `字段名 ${key} 后面是全角冒号“：”，YAML 只认半角冒号 / the field name ${key} is followed by a full-width colon “：”; YAML only takes the ASCII colon`,
				fix: `改成半角冒号加一个空格：${indent}${key}: ${rest} / type an ASCII colon and a space: ${indent}${key}: ${rest}`,
			});
			return;
		}
		const curly = CURLY_QUOTED.exec(text);
		if (curly) {
			const [, before, , inner] = curly;
			const key = /([A-Za-z][A-Za-z0-9_]*):/.exec(before!)?.[1] ?? '';
			const straight = `"${inner!.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
			problems.push({
				file: where.file,
				line,
				column: column(text, before!.length),
				field: key,
				code: 'curly-quotes',
				message: `值两边是中文弯引号 “…”（多半由 Word 或 WPS 自动替换），YAML 不把它们当引号，会连引号一起当成文字 / the value is between curly quotes “…” (Word and WPS replace straight quotes); YAML does not take them as quotes and keeps them as part of the text`,
				fix: `改成半角直引号：${before}${straight}；若引号本是文字的一部分，整体再加一层半角引号 / use straight ASCII quotes: ${before}${straight}; if the quotes belong to the text, put straight quotes around the whole`,
			});
			return;
		}
		const space = ODD_SPACE.exec(text);
		if (space) {
			const [zh, en] = spaceName(space[0]);
			problems.push({
				file: where.file,
				line,
				column: column(text, space.index),
				field: /^\s*(?:-\s+)?([A-Za-z][A-Za-z0-9_]*)\s*:/.exec(text)?.[1] ?? '',
				code: 'odd-space',
				message: `这一行有${zh}，看起来和空格一样，但 YAML 不认（多半是从 Word、WPS 或网页复制来的）/ this line holds ${en}, which looks like a space but is not one to YAML (usually pasted from Word, WPS or a web page)`,
				fix: '把它删掉，用键盘重新打一个普通空格（缩进也用普通空格）/ delete it and type an ordinary space instead (indent with ordinary spaces too)',
			});
		}
	});
	return problems;
}

/**
 * `tags: [道德模范，义诊]`: YAML only splits a list at ASCII commas, so this is one item.
 * Found in list fields only; the text of a title may well hold a 、.
 */
export function findChineseListSeparators(where: Where): ContentProblem[] {
	const problems: ContentProblem[] = [];
	const lines = where.rawFrontmatter.split('\n');
	lines.forEach((rawLine, index) => {
		const text = rawLine.replace(/\r$/, '');
		const list = FLOW_LIST.exec(text);
		if (!list || !CHINESE_SEPARATOR.test(list[3]!)) return;
		const [, indent, key, inner] = list;
		// Top-level fields only: nested lists (contacts[].phones) hold no text with 、.
		if (indent !== '' || fieldAt(where.collection, [key!])?.kind !== 'list') return;
		const items = inner!
			.split(/[、，；,]/u)
			.map((item) => item.trim())
			.filter((item) => item !== '');
		const written = `${key}: [${items.join(', ')}]`;
		problems.push({
			file: where.file,
			line: where.frontmatterLine + index,
			column: column(text, text.search(CHINESE_SEPARATOR)),
			field: key!,
			code: 'list-separator',
			message: `列表里用了中文的顿号或逗号（、，），YAML 只在半角逗号处分开，这样写会变成只有一项 / the list is separated with 、 or ，; YAML only splits at the ASCII comma, so this is one single item`,
			fix: `用半角逗号加空格分开：${written} / separate the items with an ASCII comma and a space: ${written}`,
		});
	});
	return problems;
}
