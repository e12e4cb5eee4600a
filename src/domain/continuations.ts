/**
 * Stories that run across pages (上接一版 / 下转二版). Each printed part is its own
 * file; on the web a story is one address with its parts in reading order. When a part
 * is not in the archive the story says so and nothing is made up in its place.
 */

export interface ContinuationLink {
	page: number;
	article?: string | undefined;
}

export interface ArticlePart {
	id: string;
	date: string;
	page: number;
	continuedFrom?: ContinuationLink | undefined;
	continuedOn?: ContinuationLink | undefined;
}

export interface StoryPart<Part extends ArticlePart> {
	part: Part;
	/** 上接: the page this part continues from, when it continues. */
	continuedFromPage?: number;
	/** True when the part this one continues from is not in the archive. */
	previousPartMissing: boolean;
	/** 下转: the page this part continues on, when it continues. */
	continuedOnPage?: number;
	/** True when the part this one continues on is not in the archive. */
	nextPartMissing: boolean;
}

export interface Story<Part extends ArticlePart> {
	/** The story's address: the id of its first part in reading order. */
	id: string;
	parts: StoryPart<Part>[];
}

function readingOrder(a: ArticlePart, b: ArticlePart): number {
	return a.date.localeCompare(b.date) || a.page - b.page || a.id.localeCompare(b.id);
}

/** Joins parts linked through `continuedFrom.article` / `continuedOn.article` into stories. */
export function stitchContinuations<Part extends ArticlePart>(
	parts: readonly Part[],
): Story<Part>[] {
	const byId = new Map(parts.map((part) => [part.id, part]));
	const parent = new Map(parts.map((part) => [part.id, part.id]));
	const find = (id: string): string => {
		let root = id;
		while (parent.get(root) !== root) root = parent.get(root)!;
		parent.set(id, root);
		return root;
	};
	const union = (a: string, b: string) => {
		const [rootA, rootB] = [find(a), find(b)];
		if (rootA !== rootB) parent.set(rootB, rootA);
	};
	for (const part of parts) {
		for (const link of [part.continuedFrom, part.continuedOn]) {
			if (link?.article && byId.has(link.article)) union(part.id, link.article);
		}
	}

	const groups = new Map<string, Part[]>();
	for (const part of parts) {
		const root = find(part.id);
		const group = groups.get(root) ?? [];
		group.push(part);
		groups.set(root, group);
	}

	const stories = [...groups.values()].map((group) => {
		const ordered = [...group].sort(readingOrder);
		return {
			id: ordered[0]!.id,
			parts: ordered.map((part) => describePart(part, byId)),
		};
	});
	return stories.sort((a, b) => readingOrder(a.parts[0]!.part, b.parts[0]!.part));
}

function describePart<Part extends ArticlePart>(
	part: Part,
	byId: Map<string, Part>,
): StoryPart<Part> {
	const isArchived = (link: ContinuationLink | undefined) =>
		link?.article !== undefined && byId.has(link.article);
	return {
		part,
		...(part.continuedFrom && { continuedFromPage: part.continuedFrom.page }),
		previousPartMissing: part.continuedFrom !== undefined && !isArchived(part.continuedFrom),
		...(part.continuedOn && { continuedOnPage: part.continuedOn.page }),
		nextPartMissing: part.continuedOn !== undefined && !isArchived(part.continuedOn),
	};
}

/** The printed marker for a continuation: 上接一版, 下转二版. */
export function continuationMarker(
	direction: 'from' | 'on',
	page: number,
	numeral: (n: number) => string,
): string {
	return `${direction === 'from' ? '上接' : '下转'}${numeral(page)}版`;
}
