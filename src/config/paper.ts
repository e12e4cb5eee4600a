/**
 * The paper this archive publishes. A second paper reuses the whole generator by
 * editing this file and the `content/` folder: nothing else names the paper.
 */
export interface PaperConfig {
	/** The paper's name as printed on the masthead, e.g. 安康日报. */
	name: string;
	/** Short name used in the browser tab and feeds. */
	shortName: string;
	/** The organisation that publishes the paper. */
	publisher: string;
	/** One line that says what the site is, for the home page, feeds and search engines. */
	description: string;
	/** The public address of the site, with a trailing slash. Used for canonical links, feeds and the sitemap. */
	siteUrl: string;
	/** IANA time zone the paper dates its issues in. Every date on the site is shown in this zone. */
	timeZone: string;
	/** BCP 47 language tag of the pages (`<html lang>`); Pagefind segments Chinese only when it starts with `zh`. */
	language: string;
	/** UTC offset of `timeZone` written as `+08:00`, which editors add to times in front matter. */
	utcOffset: string;
	/**
	 * The terms on which readers may reuse the archive's data (item JSON, yearly downloads,
	 * feeds). Shown on the data page (/data/) and written into the downloads. `name` is one
	 * short line; `url` points to the full text of a standard licence, when there is one.
	 */
	licence: { name: string; url?: string | undefined; statement: string };
}

export const paper: PaperConfig = {
	name: '安康日报',
	shortName: '安康日报数字档案',
	publisher: '安康日报社',
	description: '安康日报往期报纸的数字档案：按期、按版阅读，全文检索。',
	siteUrl: 'https://archive.akrb.example/',
	timeZone: 'Asia/Shanghai',
	language: 'zh-CN',
	utcOffset: '+08:00',
	licence: {
		name: '版权归安康日报社所有，数据供研究与教学使用',
		statement:
			'本站所载报纸内容版权归安康日报社所有。结构化数据（单篇 JSON、年度数据包、订阅源）可免费下载，用于学术研究、教学和个人学习；引用时请注明出处（《安康日报》及日期、版次）。转载、汇编出版或商业使用，须事先取得安康日报社书面许可。',
	},
};
