import type { AstroIntegration } from 'astro';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeHeal, healCaches, recordCaches } from '../cache/integrity.ts';

/**
 * The two ends of every build's use of the caches (src/cache/integrity.ts): first of all
 * integrations, each cached file is checked against the record of the last finished build
 * and what fails is dropped; last of all, once the build has finished, the record is
 * written anew. Put `healCachesFirst()` first in `integrations` and `recordCachesLast()`
 * last: hooks run in list order.
 */
export function healCachesFirst(): AstroIntegration {
	return {
		name: 'archive:cache-heal',
		hooks: {
			'astro:config:setup': ({ command, config, logger }) => {
				if (command !== 'build') return;
				const line = describeHeal(healCaches(fileURLToPath(config.cacheDir)));
				if (line) logger.warn(line);
			},
		},
	};
}

export function recordCachesLast(): AstroIntegration {
	let cacheDir = '';
	return {
		name: 'archive:cache-record',
		hooks: {
			'astro:config:done': ({ config }) => {
				cacheDir = fileURLToPath(config.cacheDir);
			},
			'astro:build:done': () => {
				if (cacheDir && existsSync(cacheDir)) recordCaches(cacheDir);
			},
		},
	};
}
