/** The issue files that imported articles imply: one per date, listing every page seen. */
import type { IssueInput } from './types.ts';

interface PageSeen {
	section: string | undefined;
	agree: boolean;
}

/**
 * Gathers the pages each date's articles use. A page is named after the articles'
 * section only when all of them give the same, non-empty section.
 */
export class IssueCollector {
	#dates = new Map<string, Map<number, PageSeen>>();

	add(date: string, page: number, section: string | undefined): void {
		let pages = this.#dates.get(date);
		if (!pages) {
			pages = new Map();
			this.#dates.set(date, pages);
		}
		const seen = pages.get(page);
		if (!seen) pages.set(page, { section, agree: true });
		else if (seen.section !== section) seen.agree = false;
	}

	get size(): number {
		return this.#dates.size;
	}

	/** The issues, by date, each with its pages by number. */
	issues(): IssueInput[] {
		return [...this.#dates.entries()]
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([date, pages]) => ({
				date,
				pages: [...pages.entries()]
					.sort(([a], [b]) => a - b)
					.map(([number, seen]) =>
						seen.agree && seen.section !== undefined ? { number, name: seen.section } : { number },
					),
			}));
	}
}
