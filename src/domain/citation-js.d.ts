// @citation-js/* ship no type declarations; these cover the calls this project makes.
declare module '@citation-js/core' {
	export class Cite {
		constructor(data: unknown);
		data: Record<string, unknown>[];
		format(format: string, options?: Record<string, unknown>): string;
	}
	export const plugins: {
		input: {
			chain(data: unknown, options: Record<string, unknown>): Record<string, unknown>[];
		};
		output: {
			format(format: string, data: unknown, options?: Record<string, unknown>): string;
		};
		config: {
			get(name: string): {
				format?: Record<string, unknown>;
				styles?: { add(name: string, xml: string): void; has(name: string): boolean };
			};
		};
	};
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';
declare module '@citation-js/plugin-csl';
