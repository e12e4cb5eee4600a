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
};
