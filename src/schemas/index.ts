export { advertSchema, type AdvertData } from './advert.ts';
export { articleSchema, type ArticleData } from './article.ts';
export { issueSchema, type IssueData } from './issue.ts';
export { noticeSchema, type NoticeData } from './notice.ts';
export { personSchema, type PersonData } from './person.ts';

import { advertSchema } from './advert.ts';
import { articleSchema } from './article.ts';
import { issueSchema } from './issue.ts';
import { noticeSchema } from './notice.ts';
import { personSchema } from './person.ts';

/** Every collection: its folder under the content root and its schema. */
export const collectionSchemas = {
	articles: articleSchema,
	people: personSchema,
	notices: noticeSchema,
	adverts: advertSchema,
	issues: issueSchema,
} as const;

export type CollectionName = keyof typeof collectionSchemas;
export const COLLECTION_NAMES = Object.keys(collectionSchemas) as CollectionName[];
