import { paper } from '../../config/paper.ts';
import { loadArchive } from '../../data/archive.ts';
import { feedResponse } from '../../data/feeds.ts';
import { itemPath } from '../../domain/routes.ts';

/** The newest notices (公告): `/feeds/notices.xml`. */
export async function GET() {
	const archive = await loadArchive();
	return feedResponse(
		`${paper.name} · 公告`,
		`${paper.name}刊登的拍卖、招标等公告`,
		archive.notices.map((notice) => ({
			title: notice.data.title,
			date: notice.data.date,
			link: itemPath('notice', notice.id),
		})),
	);
}
