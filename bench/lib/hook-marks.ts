import type { AstroIntegration, AstroUserConfig } from 'astro';

/**
 * Wraps every integration's hooks so that a build prints a line when each hook starts and
 * ends. The benchmark reads these lines to split a build into stages (checks, content
 * sync, rendering, search indexing) and samples CPU and memory at each one. Used only by
 * the benchmark's generated config; the project's own config is not touched.
 */

export const MARK_PREFIX = '[bench:mark]';

/** Marks phases even when no integration of the site uses a hook. */
const PHASE_MARKER = 'bench:phases';
const PHASES = [
	'astro:config:setup',
	'astro:config:done',
	'astro:build:start',
	'astro:build:setup',
	'astro:build:generated',
	'astro:build:done',
] as const;

type Hook = (...args: unknown[]) => unknown;

function mark(edge: 'start' | 'end', hook: string, integration: string): void {
	// One synchronous write per line keeps marks in order with Astro's own log lines.
	process.stdout.write(`${MARK_PREFIX} ${edge} ${hook} ${integration}\n`);
}

function wrap(integration: AstroIntegration): AstroIntegration {
	const hooks: Record<string, Hook> = {};
	for (const [name, hook] of Object.entries(integration.hooks) as [string, Hook | undefined][]) {
		if (!hook) continue;
		hooks[name] = async (...args: unknown[]) => {
			mark('start', name, integration.name);
			try {
				return await hook(...args);
			} finally {
				mark('end', name, integration.name);
			}
		};
	}
	return { ...integration, hooks };
}

function isIntegration(value: unknown): value is AstroIntegration {
	return typeof value === 'object' && value !== null && 'name' in value && 'hooks' in value;
}

/** The config with every integration's hooks marked, and phase markers first and last. */
export function withHookMarks(config: AstroUserConfig): AstroUserConfig {
	const phases = (suffix: string): AstroIntegration => ({
		name: `${PHASE_MARKER}:${suffix}`,
		hooks: Object.fromEntries(PHASES.map((phase) => [phase, () => {}])),
	});
	const integrations = [config.integrations ?? []].flat(Infinity).filter(isIntegration);
	return {
		...config,
		integrations: [phases('first'), ...integrations, phases('last')].map(wrap),
	};
}
