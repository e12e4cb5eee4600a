/**
 * The archive the quality harness searches: the corpus imported with `npm run import`
 * (replicated with shifted dates beyond 3,139 articles) and built by the real
 * `astro build` with `ARCHIVE_CONTENT`, kept under `.tmp/eval-search/` for reuse. The
 * default content's day and people are merged in (`mergeDefaultContent`).
 */

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runBuild } from '../../support/build-site.ts';
import { PROJECT_ROOT } from '../../support/paths.ts';
import { CORPUS_FILE } from '../../support/paths.ts';
import { SHARD_MANIFEST_FILE } from '../../src/search/shards.ts';
import { markReplicas } from './mark-replicas.ts';
import { CORPUS_RECORDS, corpusPlan, type CorpusPlan } from './options.ts';

export interface ImportPlan extends CorpusPlan {
	/** `--limit` for the importer; left out when the whole corpus is read. */
	importLimit: number | undefined;
}

/** How to import about `articles` articles: the bench's plan (`corpusPlan`), one rule for both. */
export function importPlan(articles: number): ImportPlan {
	const plan = corpusPlan(articles);
	return { ...plan, importLimit: plan.limit < CORPUS_RECORDS ? plan.limit : undefined };
}

/** The default content (`content/`): its day of 2021 and its people, beside the corpus of 1998. */
const DEFAULT_CONTENT = join(PROJECT_ROOT, 'content');

/**
 * Copies the default content's collections (its one day: articles, notices, adverts, the
 * issue; and the people) into the corpus content. The corpus has no people and no
 * notices; the known-item sets need both (a name finds the profile, a notice's object the
 * notice). The day is 2021-11-11, far from the corpus's 1998, so nothing collides.
 */
async function mergeDefaultContent(contentDir: string): Promise<string[]> {
	const merged: string[] = [];
	for (const entry of await readdir(DEFAULT_CONTENT, { withFileTypes: true })) {
		if (!entry.isDirectory()) continue;
		await cp(join(DEFAULT_CONTENT, entry.name), join(contentDir, entry.name), {
			recursive: true,
			force: false,
			errorOnExist: true,
		});
		merged.push(entry.name);
	}
	return merged;
}

/** Runs a command in the project folder and resolves with what it printed. */
function run(command: string, args: string[]): Promise<string> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
		const output: Buffer[] = [];
		child.stdout.on('data', (chunk: Buffer) => output.push(chunk));
		child.on('error', reject);
		child.on('close', (code) =>
			code === 0
				? resolve(Buffer.concat(output).toString('utf8'))
				: reject(new Error(`${command} ${args.join(' ')} exited ${code}`)),
		);
	});
}

export interface EvalSite {
	workDir: string;
	contentDir: string;
	siteDir: string;
	plan: ImportPlan;
	buildMs: number | null;
}

/** Imports and builds the archive, or reuses the one a previous run left (`reuse`). */
export async function prepareSite(
	articles: number,
	{ reuse, log }: { reuse: boolean; log: (message: string) => void },
): Promise<EvalSite> {
	const plan = importPlan(articles);
	const workDir = join(PROJECT_ROOT, '.tmp', 'eval-search', `a${plan.articles}`);
	const contentDir = join(workDir, 'content');
	const siteDir = join(workDir, 'site');
	if (reuse && existsSync(join(siteDir, 'pagefind', SHARD_MANIFEST_FILE))) {
		log(`reusing ${siteDir}`);
		return { workDir, contentDir, siteDir, plan, buildMs: null };
	}
	await rm(workDir, { recursive: true, force: true });
	log(`importing ${plan.articles} articles into ${contentDir}`);
	const printed = await run(process.execPath, [
		join(PROJECT_ROOT, 'scripts', 'import.ts'),
		'--jsonl',
		CORPUS_FILE,
		'--out',
		contentDir,
		...(plan.importLimit === undefined ? [] : ['--limit', String(plan.importLimit)]),
		...(plan.replicate > 1 ? ['--replicate', String(plan.replicate)] : []),
	]);
	if (plan.replicate > 1) {
		// Reprints build since issue 12.5, but here each copy keeps its marker line (copy
		// number): the known-item sets expect one page per text, and the line keeps every
		// search term of the corpus unchanged. The bench (`npm run bench`) leaves copies as
		// they are unless `--mark-replicas` is given.
		const shiftDays = Number(/(\d+) 天 \/ days/.exec(printed)?.[1]);
		if (!(shiftDays > 0)) throw new Error(`no shift per copy in the import's output:\n${printed}`);
		log(`marked ${await markReplicas(contentDir, shiftDays)} replicated articles`);
	}
	log(`merged the default content's day in: ${(await mergeDefaultContent(contentDir)).join(', ')}`);
	log('building the site and its search index (astro build)');
	const started = Date.now();
	// The test runner's five-minute limit is for the test sites; 100,000 articles take
	// a quarter of an hour on two cores, more on a shared machine.
	const result = await runBuild({ contentDir, outDir: siteDir, killAfterMs: 3 * 60 * 60_000 });
	if (result.exitCode !== 0) {
		throw new Error(
			`astro build failed:\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`,
		);
	}
	return { workDir, contentDir, siteDir, plan, buildMs: Date.now() - started };
}
