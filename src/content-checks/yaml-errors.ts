import type { LineCounter, YAMLError } from 'yaml';
import type { ProblemCode } from './codes.ts';
import type { ContentProblem } from './problem.ts';

/**
 * The YAML parser's errors, said the way an editor can act on them, in Chinese with
 * English beside, at the line the mistake is on (not where the parser noticed it).
 * The parser's own words are kept at the end of the English, for whoever knows YAML.
 */

interface Where {
	file: string;
	rawFrontmatter: string;
	frontmatterLine: number;
}

/** `title:示例`: a field name and a colon with no space after it. */
const NO_SPACE_AFTER_COLON = /^(\s*(?:-\s+)?)([A-Za-z][A-Za-z0-9_]*):(\S.*)$/;

/** The problem for the first YAML error of a file's front matter. */
export function explainYamlError(
	where: Where,
	error: YAMLError,
	lines: LineCounter,
): ContentProblem {
	const position = lines.linePos(error.pos[0]);
	const textLines = where.rawFrontmatter.split('\n');
	const lineOf = (index: number) => where.frontmatterLine + index;
	let index = position.line - 1;
	const parser = error.message.split('\n')[0] ?? '';
	const say = (
		code: ProblemCode,
		message: string,
		fix: string,
		field = '',
		at = index,
	): ContentProblem => ({
		file: where.file,
		line: lineOf(at),
		field,
		code,
		message: `${message} (YAML: ${parser})`,
		fix,
	});

	// Whatever the parser says, a field written without the space after its colon is the
	// cause when it is on this line or the one before (YAML notices it on the next line).
	for (const candidate of [index - 1, index]) {
		const match = NO_SPACE_AFTER_COLON.exec(textLines[candidate]?.replace(/\r$/, '') ?? '');
		if (!match || /^\s*(?:-\s+)?[A-Za-z][A-Za-z0-9_]*:\s*(#|$)/.test(match[0])) continue;
		if (/^\/\//.test(match[3]!)) continue; // a URL such as https://…
		const [, indent, key, value] = match;
		return say(
			'yaml-syntax',
			`字段名 ${key} 的冒号后面少了一个空格 / there is no space after the colon of ${key}`,
			`写成 ${indent}${key}: ${value} / write ${indent}${key}: ${value}`,
			key,
			candidate,
		);
	}

	// `title: 示例: 标题`: YAML reads the second colon as a field inside the value.
	const colonInValue = /^(\s*(?:-\s+)?)([A-Za-z][A-Za-z0-9_]*):[ \t]+([^"'#][^#]*?:[ \t].*)$/.exec(
		textLines[index]?.replace(/\r$/, '') ?? '',
	);
	if (colonInValue) {
		const [, indent, key, value] = colonInValue;
		const quoted = `${indent}${key}: "${value!.trim().replace(/"/g, '\\"')}"`;
		return say(
			'yaml-syntax',
			`${key} 的值里有“冒号加空格”，YAML 会把它当成下一级字段 / the value of ${key} holds a colon and a space, which YAML takes for a field inside it`,
			`把整个值加上半角引号：${quoted} / put straight quotes around the whole value: ${quoted}`,
			key,
		);
	}

	switch (error.code) {
		case 'DUPLICATE_KEY': {
			const key = /^\s*(?:-\s+)?([^:#]+?)\s*:/.exec(textLines[index] ?? '')?.[1] ?? '';
			const first = textLines.findIndex(
				(text, other) =>
					other < index && new RegExp(`^\\s*${key.replace(/\W/g, '\\$&')}\\s*:`).test(text),
			);
			const firstLine = first === -1 ? '' : `（第 ${lineOf(first)} 行已经有了）`;
			const firstLineEn = first === -1 ? '' : ` (line ${lineOf(first)} has it already)`;
			return say(
				'duplicate-field',
				`字段 ${key} 写了两次${firstLine}，网站只会用其中一个 / the field ${key} is written twice${firstLineEn}; only one would be used`,
				`删去其中一行；若两个值都要，写成列表 / delete one of the lines; if both values are meant, write a list`,
				key,
			);
		}
		case 'TAB_AS_INDENT':
			return say(
				'tab-indent',
				'这一行用 Tab 键缩进了，YAML 只认空格 / this line is indented with a tab; YAML only takes spaces',
				'把行首的 Tab 换成两个空格，与同一级的字段对齐 / replace the tab at the start of the line with two spaces, lined up with the fields at the same level',
			);
		case 'BAD_INDENT':
		case 'BLOCK_AS_IMPLICIT_KEY':
		case 'MULTILINE_IMPLICIT_KEY':
		case 'MISSING_CHAR':
		case 'UNEXPECTED_TOKEN': {
			// A line indented differently from its neighbours is the usual cause; the parser
			// notices it on that line or on the line after.
			const indentOf = (text: string | undefined) => /^ */.exec(text ?? '')![0].length;
			const misaligned = [index, index + 1].find((candidate) => {
				const text = textLines[candidate];
				const before = textLines[candidate - 1];
				if (!text?.trim() || !before?.trim()) return false;
				const [own, previous] = [indentOf(text), indentOf(before)];
				const opensBlock = /:\s*(#.*)?$/.test(before) || /^\s*-\s/.test(before);
				return (own > previous && !opensBlock) || own % 2 === 1;
			});
			if (misaligned !== undefined || error.code === 'BAD_INDENT') {
				index = misaligned ?? index;
				return say(
					'bad-indent',
					'这一行的缩进与同一级的其他字段没有对齐 / this line is not indented like the other fields at its level',
					'同一级的字段行首空格数要相同（下一级比上一级多两个空格），不要用 Tab / give fields at one level the same number of leading spaces (two more for the level below), and do not use tabs',
				);
			}
			break;
		}
		default:
			break;
	}
	return say(
		'yaml-syntax',
		`字段区的 YAML 无法解析 / the front matter is not valid YAML`,
		'检查这一行：冒号后要有空格，缩进用空格且上下对齐，含冒号或 # 的文字要加半角引号 / check this line: put a space after each colon, indent with spaces consistently, and put straight quotes around text that contains a colon or #',
	);
}

/**
 * A file that opens its front matter with `---` but never closes it: the line where the
 * fields seem to end (the first blank line or line that is not a field), or the end.
 */
export function unclosedFrontmatter(file: string, source: string): ContentProblem {
	const lines = source.replace(/^\uFEFF/, '').split('\n');
	let end = lines.findIndex(
		(text, index) =>
			index > 0 && !/^(\s+\S|-\s|[A-Za-z_][\w.-]*\s*[:：]|#)/.test(text.replace(/\r$/, '')),
	);
	if (end === -1) end = lines.length - 1;
	const line = end + 1;
	return {
		file,
		line,
		field: '',
		code: 'unclosed-front-matter',
		message: `字段区开头有 ---，结尾却没有 ---：从第 ${line} 行起像是正文 / the front matter opens with --- but is never closed: line ${line} looks like the start of the text`,
		fix: `在第 ${line} 行前加一行 ---，把字段和正文分开 / add a line --- before line ${line} to end the fields`,
	};
}
