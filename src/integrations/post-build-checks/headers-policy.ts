import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { headerPolicyFor, parseHeadersFile, sameCsp } from '../csp-header.ts';
import type { PagesRead } from './page-links.ts';
import type { Problems } from './problems.ts';
import type { Site } from './site-files.ts';

/** The policy `_headers` sends must be the one every page carries in its `<meta>`. */
export async function checkHeadersPolicy(
	distDir: string,
	{ fileSet }: Site,
	{ policy }: PagesRead,
	problems: Problems,
): Promise<void> {
	if (!policy || !fileSet.has('_headers')) return;
	const headers = parseHeadersFile(await readFile(join(distDir, '_headers'), 'utf8'));
	const sent = headers.get('/*')?.get('content-security-policy');
	const expected = headerPolicyFor(policy.csp);
	if (!sent || !sameCsp(sent, expected)) {
		problems.add(
			'/_headers',
			`Content-Security-Policy 头与页面的 <meta> 不一致，请把 public/_headers 中的这一行改为 / the header policy does not match the pages' <meta>; set it in public/_headers to:\n      Content-Security-Policy: ${expected}`,
		);
	}
}
