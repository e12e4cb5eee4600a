import type { APIContext } from 'astro';
import { DATA_KINDS, itemJsonSchema } from '../../../../data/open-data.ts';

/**
 * The JSON Schema of each kind's records, generated from the zod schemas the build checks
 * content with: `/data/schema/v1/article.json`. A change that breaks readers' code gets a
 * new version folder (docs/open-data.md); v1 then stays as it is.
 */
export function getStaticPaths() {
	return DATA_KINDS.map((kind) => ({ params: { kind } }));
}

export function GET({ params }: APIContext<never, { kind: (typeof DATA_KINDS)[number] }>) {
	return new Response(`${JSON.stringify(itemJsonSchema(params.kind), null, '\t')}\n`, {
		headers: { 'Content-Type': 'application/schema+json; charset=utf-8' },
	});
}
