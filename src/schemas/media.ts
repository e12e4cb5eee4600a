import { z } from 'astro/zod';
import { kindOfExtension, IMAGE_KINDS, type MediaKind } from '../domain/media-files.ts';
import { regionFault } from '../domain/regions.ts';

/**
 * Page files and regions: the fields that tie an issue's pages to a PDF or a scan and an
 * item to its place on that page. Messages are bilingual, as in fields.ts.
 */

/** Page files live below this folder of the content root. */
export const MEDIA_FOLDER = 'media';

const SAFE_PATH = /^media\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

function mediaPath(kinds: readonly MediaKind[], what: string, example: string) {
	return z
		.string({ error: `应为文件路径，如 ${example} / must be a file path such as ${example}` })
		.refine((value) => SAFE_PATH.test(value) && !value.split('/').includes('..'), {
			error: `${what}须放在内容目录的 media/ 下，路径相对内容目录，只用字母、数字、- _ . 和 /，如 ${example} / the ${what === 'PDF' ? 'PDF' : 'image'} must be under media/ in the content folder, written relative to it with letters, digits, - _ . and /, e.g. ${example}`,
		})
		.refine((value) => kinds.includes(kindOfExtension(value) ?? ('' as MediaKind)), {
			error:
				kinds.length === 1
					? `扩展名应为 .pdf / the extension must be .pdf`
					: `扩展名应为 .jpg、.jpeg、.png、.webp、.tif 或 .tiff / the extension must be .jpg, .jpeg, .png, .webp, .tif or .tiff`,
		});
}

export const pagePdfPath = mediaPath(['pdf'], 'PDF', 'media/2021-11-11/02.pdf');
export const pageImagePath = mediaPath(IMAGE_KINDS, '版面图片', 'media/2021-11-11/02.png');

/** One rectangle of an item on its page. */
export const regionSchema = z
	.object({
		/** 左边：矩形左边到版面左边的距离，占版面宽度的比例（0 到 1） */
		x: z.number({ error: 'x 应为 0 到 1 之间的数 / x must be a number from 0 to 1' }),
		/** 上边：矩形上边到版面顶端的距离，占版面高度的比例 */
		y: z.number({ error: 'y 应为 0 到 1 之间的数 / y must be a number from 0 to 1' }),
		/** 宽：矩形的宽度，占版面宽度的比例 */
		w: z.number({ error: 'w 应为 0 到 1 之间的数 / w must be a number from 0 to 1' }),
		/** 高：矩形的高度，占版面高度的比例 */
		h: z.number({ error: 'h 应为 0 到 1 之间的数 / h must be a number from 0 to 1' }),
	})
	.strict()
	.superRefine((region, ctx) => {
		const fault = regionFault(region);
		if (fault === 'outside')
			ctx.addIssue({
				code: 'custom',
				message:
					'区域超出了版面：x、y、w、h 都是 0 到 1 之间的比例，且 x + w、y + h 不超过 1 / the region reaches outside the page: x, y, w, h are fractions from 0 to 1, and x + w and y + h are at most 1',
			});
		if (fault === 'empty')
			ctx.addIssue({
				code: 'custom',
				message: '区域的宽或高为 0 / the region has no width or no height',
			});
	});
