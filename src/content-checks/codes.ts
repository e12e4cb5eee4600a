/**
 * Every kind of problem the content checks report. Each code is explained, with its
 * fix, in the editors' guide (content/README.md, 错误一览); a test keeps the two lists
 * the same.
 */
export const PROBLEM_CODES = {
	'not-utf8': '文件不是 UTF-8 编码 / the file is not UTF-8',
	'yaml-syntax': '字段区的 YAML 写错了 / the front matter is not valid YAML',
	'no-front-matter': '文件开头没有字段区 / the file has no front matter',
	'missing-field': '缺少必填字段 / a required field is missing',
	'unknown-field': '未知字段（多半是拼写错误）/ unknown field (probably a typo)',
	'invalid-value': '字段的值不合要求 / a field has a value the schema refuses',
	'time-without-zone': '时间没有写时区 / a time without a time zone',
	'missing-person': '引用了不存在的人物 / a reference to a person who has no profile',
	'missing-article': '引用了不存在的文章 / a reference to an article that does not exist',
	'continuation-mismatch': '上接/下转的版次与所指文章不符 / a continuation names the wrong page',
	'missing-issue': '没有这一期 / no issue for the item’s date',
	'page-not-in-issue': '这一期没有列出这一版 / the issue does not list the item’s page',
	'page-marked-missing': '版面标为未收录却有稿件 / a page marked missing has items',
	'issue-file-name': '期文件名与日期不符 / an issue file not named after its date',
	'duplicate-address': '两个文件占用同一个网址 / two files claim one address',
	'duplicate-story': '同一篇稿件存了两份 / the same item filed twice',
	'lost-address': '发布过的网址没有页面了 / a published address has no page any more',
	'redirect-conflict':
		'旧网址与现有页面或另一条转址冲突 / an old address clashes with a live page or another redirect',
	'notice-dates': '公告里的日期互相矛盾 / a notice’s dates contradict each other',
	'unsafe-html': '正文里有会运行脚本的 HTML / raw HTML that would run a script',
	'mdx-not-allowed': 'MDX 文件放错了地方 / an MDX file outside the one folder for MDX',
	'invisible-character': '看不见的字符（零宽字符等）/ an invisible character (zero-width etc.)',
	'control-character': '控制字符 / a control character',
	'fullwidth-digits': '数字里混入了全角数字 / full-width digits mixed into a number',
	'unclosed-front-matter': '字段区没有用 --- 结束 / the front matter is never closed with ---',
	'duplicate-field': '同一个字段写了两次 / a field written twice',
	'bad-indent': '缩进没有对齐 / a line indented unlike its neighbours',
	'tab-indent': '用 Tab 缩进 / a line indented with a tab',
	'fullwidth-colon': '字段名后是全角冒号 / a full-width colon after a field name',
	'curly-quotes': '用了中文弯引号代替半角引号 / curly quotes instead of straight ones',
	'odd-space': '不换行空格或全角空格 / a no-break or full-width space',
	'list-separator': '列表用顿号或中文逗号分隔 / a list separated with 、 or ，',
	'misplaced-file':
		'文件放错了地方或扩展名不对 / a file in the wrong place or with the wrong extension',
	'date-folder-mismatch': '日期与所在日期文件夹不符 / the date differs from the date folder',
	'page-prefix-mismatch':
		'文件名的版次与 page 不符 / the file name’s page prefix differs from page',
	'duplicate-order': '同一版上两篇稿件的 order 相同 / two items with one order on one page',
	'issue-file-broken': '所属的期文件有错误 / the item’s issue file has an error',
	'continuation-marker': '正文里留着上接/下转字样 / a 上接/下转 marker left in the text',
	'missing-media': '找不到版面的 PDF 或图片文件 / a page’s PDF or image file does not exist',
	'media-type-mismatch': '文件内容和扩展名不符 / a page file is not what its extension says',
	'pdf-active-content':
		'PDF 里有脚本、启动动作或附件 / a PDF carries JavaScript, a launch action or embedded files',
	'region-outside-page': '区域超出了版面 / a region reaches outside the page',
	'region-empty': '区域的宽或高为 0 / a region of zero size',
	'region-without-image': '版面没有图片却写了区域 / regions on a page that has no image',
	'input-limit':
		'文件过大、嵌套过深或行太长 / a file too large, nested too deep or a line too long (page PDFs and images too)',
} as const;

export type ProblemCode = keyof typeof PROBLEM_CODES;
