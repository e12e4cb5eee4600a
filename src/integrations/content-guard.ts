import type { AstroIntegration } from 'astro';
import { contentRoot } from '../config/content-root.ts';
import { checkContent, ContentError } from '../content-checks/index.ts';

/**
 * Fails the build before content sync when any entry is invalid, duplicated or points
 * at something that does not exist, listing every problem with file, line and field.
 */
export function contentGuard(): AstroIntegration {
	return {
		name: 'archive:content-guard',
		hooks: {
			'astro:config:setup': async ({ command, logger }) => {
				if (command !== 'build') return;
				const root = contentRoot();
				const problems = await checkContent(root);
				if (problems.length > 0) throw new ContentError(problems);
				logger.info(`content checked: ${root}`);
			},
		},
	};
}
