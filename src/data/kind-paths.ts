import type { ItemKind } from '../domain/routes.ts';

/** The folder of each kind's pages, as `itemPath` writes it: `article` → `articles`. */
export const KIND_PATHS: Record<ItemKind, string> = {
	article: 'articles',
	person: 'people',
	notice: 'notices',
	advert: 'adverts',
};
