import { z } from 'astro/zod';

/**
 * Field types shared by every collection. Messages are bilingual (Chinese first)
 * because editors read them in build logs and in `npm run check`.
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/;

function isRealCalendarDate(value: string): boolean {
	const [year, month, day] = value.split('-').map(Number) as [number, number, number];
	const probe = new Date(Date.UTC(year, month - 1, day));
	return (
		probe.getUTCFullYear() === year &&
		probe.getUTCMonth() === month - 1 &&
		probe.getUTCDate() === day
	);
}

/**
 * A calendar day in the paper's time zone, stored as `YYYY-MM-DD`.
 *
 * YAML reads an unquoted `2021-11-11` as midnight UTC; that is accepted and kept as the
 * same day. An unquoted `2021-11-11 09:00` is read as 09:00 UTC, which is not a day: it
 * is refused rather than silently shifted.
 */
export const calendarDate = z
	.union([z.string(), z.date()], {
		error: '应为日期，格式 YYYY-MM-DD / must be a date written YYYY-MM-DD',
	})
	.transform((value, ctx) => {
		if (value instanceof Date) {
			const isMidnightUtc =
				value.getUTCHours() === 0 &&
				value.getUTCMinutes() === 0 &&
				value.getUTCSeconds() === 0 &&
				value.getUTCMilliseconds() === 0;
			if (!isMidnightUtc) {
				ctx.addIssue({
					code: 'custom',
					message:
						'这里只写日期（YYYY-MM-DD），不写时刻；需要时刻请用带 +08:00 的时间字段 / write a date only (YYYY-MM-DD), without a time of day',
				});
				return z.NEVER;
			}
			return value.toISOString().slice(0, 10);
		}
		if (ISO_DATE.test(value) && !isRealCalendarDate(value)) {
			const [year, month] = value.split('-').map(Number) as [number, number, number];
			const days = month >= 1 && month <= 12 ? new Date(Date.UTC(year, month, 0)).getUTCDate() : 0;
			ctx.addIssue({
				code: 'custom',
				message:
					days === 0
						? `“${value}” 不是日历上有的日子：月份只有 1 到 12 / “${value}” is not a valid date: months run from 1 to 12`
						: `“${value}” 不是日历上有的日子：${year}年${month}月只有 1 到 ${days} 日（不会顺延到别的日子）/ “${value}” is not a valid date: ${year}-${String(month).padStart(2, '0')} has days 1 to ${days} (it is not rolled over to another day)`,
			});
			return z.NEVER;
		}
		if (!ISO_DATE.test(value)) {
			ctx.addIssue({
				code: 'custom',
				message: `“${value}” 不是有效日期，应写成 YYYY-MM-DD / “${value}” is not a valid date written YYYY-MM-DD`,
			});
			return z.NEVER;
		}
		return value;
	});

/**
 * A moment in time written with its UTC offset, e.g. `"2021-11-25T10:00+08:00"`.
 * Quote it in YAML. A time without an offset is refused: YAML would read it as UTC,
 * eight hours away from what the paper printed.
 */
export const zonedDateTime = z
	.union([z.string(), z.date()], {
		error:
			'应为带时区的时间，如 "2021-11-25T10:00+08:00" / must be a time with its offset, e.g. "2021-11-25T10:00+08:00"',
	})
	.transform((value, ctx) => {
		if (value instanceof Date || !ISO_DATE_TIME_WITH_OFFSET.test(value)) {
			ctx.addIssue({
				code: 'custom',
				message:
					'时间须加引号并写明时区，如 "2021-11-25T10:00+08:00" / quote the time and give its offset, e.g. "2021-11-25T10:00+08:00"',
			});
			return z.NEVER;
		}
		if (!isRealCalendarDate(value.slice(0, 10)) || Number.isNaN(Date.parse(value))) {
			ctx.addIssue({
				code: 'custom',
				message: `“${value}” 不是有效时间 / “${value}” is not a valid time`,
			});
			return z.NEVER;
		}
		return value;
	});

/** A printed page number (版次): a whole number from 1. */
export const pageNumber = z
	.number({ error: '版次应为正整数，如 2 / the page (版次) must be a whole number such as 2' })
	.int({ error: '版次应为正整数 / the page (版次) must be a whole number' })
	.min(1, { error: '版次从 1 开始 / pages start at 1' });

/** Text that must not be empty once trimmed. */
export const text = z
	.string({ error: '应为文字 / must be text' })
	.trim()
	.min(1, { error: '不能为空 / must not be empty' });

/** The id of a person profile: the file name under `content/people/` without `.md`. */
export const personId = z
	.string({ error: '应为人物档案的文件名，如 zhu-haiyi / must be a person id such as zhu-haiyi' })
	.regex(/^[a-z0-9][a-z0-9-]*$/, {
		error:
			'人物编号只能用小写拼音字母、数字和连字符，如 zhu-haiyi / a person id uses lowercase letters, digits and hyphens, e.g. zhu-haiyi',
	});

/** A phone number as printed, e.g. `0915-3216489` or `17809153393`. */
export const phoneNumber = z
	.string({ error: '电话应为文字 / a phone number must be text' })
	.regex(/^[0-9()（）+\- ]{5,}$/, {
		error:
			'电话只能含数字、括号、连字符和空格 / a phone number holds digits, brackets, hyphens and spaces only',
	});

/** How to reach the people behind an item, as printed. */
export const contactSchema = z
	.object({
		/** The contact person as printed, e.g. 梁女士. */
		person: text.optional(),
		/** Phone numbers as printed, in print order. */
		phones: z.array(phoneNumber).default([]),
		/** Postal address as printed. */
		address: text.optional(),
		/** What the number is called in print, e.g. 幸福热线 or 联系电话. */
		label: text.optional(),
	})
	.strict();

export type Contact = z.infer<typeof contactSchema>;

/**
 * An address this site published before, as a path: `/articles/2021-11-11/02-tashiliuyin/`.
 * Starts and ends with `/`, no host, no `?` or `#`, no `.` or `..` segments.
 */
export const oldAddress = z
	.string({ error: '旧网址应为文字 / an old address must be text' })
	.refine(
		(value) =>
			/^\/(?:[^/\s?#\\]+\/)+$/.test(value) &&
			!value.split('/').some((segment) => segment === '.' || segment === '..'),
		{
			error: (issue) =>
				`“${String(issue.input)}” 不是本站的旧网址：应以 / 开头和结尾、不带域名，如 '/articles/2021-11-11/02-tashiliuyin/' / not an old address of this site: a path that starts and ends with /, without the host, e.g. '/articles/2021-11-11/02-tashiliuyin/'`,
		},
	);

/** Fields of every item with a page of its own (articles, notices, adverts, people). */
export const redirectFields = {
	/**
	 * Old addresses of this item, e.g. `['/articles/2021-11-11/02-tashiliuyin/']`: when a
	 * file is renamed or moved, list its old address here and the old address forwards
	 * readers to this page. Every address in `published-urls.txt` must keep a page.
	 */
	redirectFrom: z.array(oldAddress).default([]),
};
