/** The filters and sort orders a search takes (kept apart from the engine so pages can use them cheaply). */

export const FILTER_KEYS = ['kind', 'year', 'section', 'status'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export const SORT_ORDERS = ['relevance', 'newest', 'oldest'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
