import { readdir } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import {
	ENTRY_EXTENSIONS,
	isIgnoredContentPath,
	ROOT_FILES,
	ROOT_FOLDERS,
} from '../config/content-files.ts';
import { COLLECTION_NAMES } from '../schemas/index.ts';
import type { ContentProblem } from './problem.ts';
import { closestName } from './suggest.ts';

/**
 * Every file under the content folder accounted for. Astro's loaders only see `*.md` and
 * `*.mdx` inside the collection folders: an article saved at the top of the folder, as
 * `.txt`, or in a misspelt folder (`artciles/`) would simply not be published, and the
 * check would pass. Each such file is reported with the place it was likely meant for.
 * What else may sit there is listed in src/config/content-files.ts.
 */

export interface ContentSurvey {
	/** Files under the content folder, drafts and hidden files left out. */
	seen: number;
	problems: ContentProblem[];
}

/** Extensions editors' tools save text under, and what to do instead. */
function extensionFix(name: string, folder: string): { zh: string; en: string } {
	const extension = extname(name).toLowerCase();
	const stem = extension === '' ? name : name.slice(0, -extension.length);
	const asMd = `${folder}/${stem.replace(/\.md$/i, '')}.md`;
	if (['.doc', '.docx', '.wps', '.rtf', '.pdf', '.odt'].includes(extension)) {
		return {
			zh: `网站只读纯文本的 .md 文件：把内容复制进 ${asMd}，或另存为纯文本后用 npm run import 导入`,
			en: `the site reads plain-text .md files only: copy the text into ${asMd}, or save it as plain text and use npm run import`,
		};
	}
	return {
		zh: `改名为 ${asMd}（扩展名要是 .md）`,
		en: `rename it to ${asMd} (the extension must be .md)`,
	};
}

function problemFor(file: string, message: string, fix: string): ContentProblem {
	return { file, field: '', code: 'misplaced-file', message, fix };
}

/** What is wrong with one file's place, or `undefined` when it belongs where it is. */
function misplaced(path: string, file: string, contentLabel: string): ContentProblem | undefined {
	const segments = path.split('/');
	const name = segments.at(-1)!;
	const extension = extname(name).toLowerCase();
	const top = segments[0]!;
	const known = [...COLLECTION_NAMES, ...Object.keys(ROOT_FOLDERS)];

	if (segments.length === 1) {
		if (ROOT_FILES.includes(name)) return undefined;
		const where = ENTRY_EXTENSIONS.includes(extension)
			? '文章放进 articles/日期/，人物放进 people/，公告放进 notices/日期/，广告放进 adverts/日期/，期放进 issues/ / put an article in articles/<date>/, a person in people/, a notice in notices/<date>/, an advert in adverts/<date>/, an issue in issues/'
			: `${contentLabel}/ 下只放各类稿件的文件夹；版面纯文本请用 npm run import 导入，扫描件放进 media/ / only the collections’ folders belong in ${contentLabel}/; import a page’s plain text with npm run import, put scans in media/`;
		return problemFor(
			file,
			`文件 ${name} 直接放在 ${contentLabel}/ 下，不属于任何一类稿件，不会发布 / ${name} sits at the top of ${contentLabel}/, in no collection, and would not be published`,
			where,
		);
	}

	if ((COLLECTION_NAMES as readonly string[]).includes(top)) {
		if (ENTRY_EXTENSIONS.includes(extension)) return undefined;
		const folder = `${contentLabel}/${segments.slice(0, -1).join('/')}`;
		const { zh, en } = extensionFix(name, folder);
		return problemFor(
			file,
			`${name} 的扩展名不是 .md，网站不会读它，也就不会发布 / ${name} does not end in .md, so the site does not read it and it would not be published`,
			`${zh} / ${en}`,
		);
	}

	const allowed = ROOT_FOLDERS[top];
	if (allowed) {
		if (allowed.includes(extension)) return undefined;
		return problemFor(
			file,
			`${contentLabel}/${top}/ 只放 ${allowed.join('、')} 文件，${name} 不是 / ${contentLabel}/${top}/ holds ${allowed.join(', ')} files only, and ${name} is not one`,
			`稿件放进对应的文件夹（articles/、notices/ 等）；扫描件请存成 ${allowed.join('、')} / put entries in their collection’s folder (articles/, notices/ …); save scans as ${allowed.join(', ')}`,
		);
	}

	const suggestion = closestName(top, known);
	const rest = segments.slice(1).join('/');
	return problemFor(
		file,
		suggestion
			? `文件夹 ${top}/ 不是已知的文件夹，是不是想写 ${suggestion}/？里面的文件不会发布 / ${top}/ is not a known folder: did you mean ${suggestion}/? Files in it would not be published`
			: `文件夹 ${top}/ 不是已知的文件夹，里面的文件不会发布 / ${top}/ is not a known folder; files in it would not be published`,
		suggestion
			? `把文件移到 ${contentLabel}/${suggestion}/${rest} / move the file to ${contentLabel}/${suggestion}/${rest}`
			: `移到 ${known.map((folder) => `${folder}/`).join('、')} 之一；草稿放进 _drafts/ / move it into one of ${known.map((folder) => `${folder}/`).join(', ')}; keep drafts in _drafts/`,
	);
}

/** Walks the content folder: how many files it holds, and every one in the wrong place. */
export async function surveyContentRoot(root: string, cwd = process.cwd()): Promise<ContentSurvey> {
	const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
	const contentLabel = (relative(cwd, root) || '.').split('\\').join('/');
	const problems: ContentProblem[] = [];
	let seen = 0;
	const paths = entries
		.filter((entry) => entry.isFile())
		.map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'))
		.filter((path) => !isIgnoredContentPath(path))
		.sort();
	for (const path of paths) {
		seen++;
		const file = (relative(cwd, join(root, path)) || path).split('\\').join('/');
		const problem = misplaced(path, file, contentLabel);
		if (problem) problems.push(problem);
	}
	return { seen, problems };
}
