import { loadArchive } from '../../data/archive.ts';
import { catalogue } from '../../data/open-data.ts';

/**
 * The catalogue: one line per item with its page, its record and its dates. Readers use
 * it to find what the archive holds; the sitemap takes its `lastmod` from it
 * (src/integrations/sitemap-lastmod.ts).
 */
export async function GET() {
	const archive = await loadArchive();
	const text = catalogue(archive)
		.map((line) => `${JSON.stringify(line)}\n`)
		.join('');
	return new Response(text, { headers: { 'Content-Type': 'application/jsonl; charset=utf-8' } });
}
