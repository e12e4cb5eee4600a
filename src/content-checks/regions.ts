import { regionFault } from '../domain/regions.ts';
import type { RawEntry } from './load.ts';
import type { ContentProblem } from './problem.ts';
import { PRINTED } from './summary.ts';
import { problemAt } from './validate.ts';

/**
 * Regions (`regions: [{ x, y, w, h }]`) that reach outside the page or have no area. The
 * schema refuses them too; this names the problem with its own code and a fix, and the
 * schema's message for the same region is then left out (index.ts, MORE_SPECIFIC).
 */
export function findRegionProblems(entries: readonly RawEntry[]): ContentProblem[] {
	const problems: ContentProblem[] = [];
	for (const entry of entries) {
		if (!entry.readable || !PRINTED.includes(entry.collection)) continue;
		const regions = entry.data.regions;
		if (!Array.isArray(regions)) continue;
		regions.forEach((region: unknown, index) => {
			if (region === null || typeof region !== 'object') return;
			const { x, y, w, h } = region as Record<string, unknown>;
			if (![x, y, w, h].every((value) => typeof value === 'number')) return;
			const fault = regionFault({ x, y, w, h } as { x: number; y: number; w: number; h: number });
			const written = `x: ${String(x)}, y: ${String(y)}, w: ${String(w)}, h: ${String(h)}`;
			if (fault === 'outside') {
				problems.push(
					problemAt(entry, ['regions', index], {
						code: 'region-outside-page',
						message: `区域 { ${written} } 超出了版面：四个数都是占版面宽、高的比例（0 到 1），x + w 和 y + h 不能超过 1 / the region { ${written} } reaches outside the page: all four are fractions of the page's width and height (0 to 1), and x + w and y + h are at most 1`,
						fix: '用像素量的，把 x、w 除以图片宽度，y、h 除以图片高度 / if you measured in pixels, divide x and w by the image width, y and h by its height',
					}),
				);
			} else if (fault === 'empty') {
				problems.push(
					problemAt(entry, ['regions', index], {
						code: 'region-empty',
						message: `区域 { ${written} } 的宽或高为 0 / the region { ${written} } has no width or no height`,
						fix: '量出稿件所占矩形的宽 w 和高 h（大于 0），或删去这个区域 / measure the width w and height h of the item’s rectangle (above 0), or remove the region',
					}),
				);
			}
		});
	}
	return problems;
}
