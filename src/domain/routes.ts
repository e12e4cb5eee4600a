/** Every address on the site comes from here, so a permalink is defined once. */

export type ItemKind = 'article' | 'person' | 'notice' | 'advert';

export const KIND_LABELS: Record<ItemKind, string> = {
	article: '文章',
	person: '人物',
	notice: '公告',
	advert: '广告',
};

const KIND_PATHS: Record<ItemKind, string> = {
	article: 'articles',
	person: 'people',
	notice: 'notices',
	advert: 'adverts',
};

export function itemPath(kind: ItemKind, id: string): string {
	return `/${KIND_PATHS[kind]}/${id}/`;
}

export function kindListPath(kind: Exclude<ItemKind, 'article'>): string {
	return `/${KIND_PATHS[kind]}/`;
}

export function issuePath(date: string): string {
	return `/issues/${date}/`;
}

export function issuePagePath(date: string, page: number): string {
	return `/issues/${date}/${page}/`;
}

export function archiveYearPath(year: number): string {
	return `/archive/${year}/`;
}

export const ARCHIVE_PATH = '/archive/';
export const SEARCH_PATH = '/search/';

/** A notice's calendar file (its viewing, deadline and auction), beside its page. */
export function noticeCalendarPath(id: string): string {
	return `/notices/${id}.ics`;
}

/** The calendar of every notice, for readers to subscribe to. */
export const NOTICES_CALENDAR_PATH = '/notices/calendar.ics';

export const ON_THIS_DAY_PATH = '/on-this-day/';

/** 历史上的今天 for a day of the year, `11-11`. */
export function onThisDayPath(monthDay: string): string {
	return `/on-this-day/${monthDay}/`;
}
