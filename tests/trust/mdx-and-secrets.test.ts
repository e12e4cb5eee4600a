import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
	envWithoutSecrets,
	isSecretVariable,
	withoutSecrets,
} from '../../src/integrations/child-env.ts';
import { MDX_FOLDER } from '../../src/integrations/mdx-guard.ts';
import { buildSite, buildSiteExpectingFailure, scratchDir } from '../../support/build-site.ts';
import { DEFAULT_CONTENT_DIR } from '../helpers/content.ts';
import { readPage } from '../helpers/dist.ts';

/**
 * MDX is code: it builds only from the one developers' folder, and neither it nor any
 * child process of the build can read a secret from the environment.
 */

const run = promisify(execFile);
const NODE = process.execPath;
const FAKE_SECRET = 'trust-test-secret-value';

/** An MDX article that prints what it can read from the build's environment. */
function mdxArticle(title: string): string {
	return [
		'---',
		`title: ${title}`,
		'date: 2021-11-11',
		'page: 2',
		'order: 90',
		'---',
		'',
		"秘密：{process.env.TRUST_TEST_API_TOKEN ?? '读不到'}；",
		"网址：{process.env.TRUST_TEST_DATABASE_URL ?? '读不到'}；",
		"时区：{process.env.TZ ?? '未设'}。",
		'',
	].join('\n');
}

let runDir: string;

beforeAll(async () => {
	runDir = await scratchDir('trust-mdx');
});

afterAll(async () => {
	if (runDir) await rm(runDir, { recursive: true, force: true });
});

async function contentWith(name: string, files: Record<string, string>): Promise<string> {
	const dir = join(runDir, name);
	await cp(DEFAULT_CONTENT_DIR, dir, { recursive: true });
	for (const [path, text] of Object.entries(files)) {
		await mkdir(join(dir, path, '..'), { recursive: true });
		await writeFile(join(dir, path), text);
	}
	return dir;
}

describe('MDX', () => {
	test(`builds from ${MDX_FOLDER}/, where it cannot read the build's secrets`, async () => {
		const contentDir = await contentWith('allowed', {
			[`${MDX_FOLDER}/2021-11-11-demo.mdx`]: mdxArticle('开发者的互动稿件'),
		});
		const result = await buildSite({
			contentDir,
			outDir: join(runDir, 'allowed-site'),
			env: {
				TRUST_TEST_API_TOKEN: FAKE_SECRET,
				TRUST_TEST_DATABASE_URL: `postgres://editor:${FAKE_SECRET}@db.example/archive`,
				TZ: 'UTC',
			},
		});
		const id = `${MDX_FOLDER.replace(/^articles\//, '')}/2021-11-11-demo`;
		const page = readPage(result.outDir, `/articles/${id}/`);
		expect(page.compactText).toContain('秘密：读不到；');
		expect(page.compactText).toContain('网址：读不到；');
		// Ordinary variables are still there: only secrets are taken away.
		expect(page.compactText).toContain('时区：UTC。');
		expect(`${result.stdout}${result.stderr}`).not.toContain(FAKE_SECRET);
		expect(result.stdout).toMatch(/hidden from the build: \d+ secret environment variable/);
	});

	test.each([
		['an article', 'articles/2021-11-11/02-editor.mdx'],
		['a person', 'people/someone.mdx'],
		['a draft nobody publishes', 'articles/_drafts/2021-11-11-draft.mdx'],
	])('is refused as %s outside the folder, naming the file', async (_name, path) => {
		const contentDir = await contentWith(path.replace(/[^a-z]+/gi, '-'), {
			[path]: mdxArticle('编辑写的 MDX'),
		});
		const result = await buildSiteExpectingFailure({
			contentDir,
			outDir: join(runDir, 'refused-site'),
		});
		expect(result.output).toContain(path.split('/').at(-1));
		expect(result.output).toContain(`MDX 文件只能放在`);
		await expect(readFile(join(runDir, 'refused-site', 'index.html'))).rejects.toThrow();
	});
});

describe('secrets in the environment', () => {
	test.each([
		'GITHUB_TOKEN',
		'NPM_TOKEN',
		'NODE_AUTH_TOKEN',
		'AWS_SECRET_ACCESS_KEY',
		'AWS_ACCESS_KEY_ID',
		'CLOUDFLARE_API_TOKEN',
		'NETLIFY_AUTH_TOKEN',
		'SENTRY_AUTH_TOKEN',
		'DEPLOY_PASSWORD',
		'DATABASE_URL',
		'SSH_AUTH_SOCK',
		'GIT_ASKPASS',
		'GOOGLE_APPLICATION_CREDENTIALS',
		'ACTIONS_ID_TOKEN_REQUEST_URL',
		'npm_config__authToken',
	])('%s is a secret', (name) => {
		expect(isSecretVariable(name, 'x')).toBe(true);
	});

	test.each([
		'PATH',
		'HOME',
		'TZ',
		'LANG',
		'SOURCE_DATE_EPOCH',
		'ARCHIVE_CONTENT',
		'CI',
		'NODE_OPTIONS',
	])('%s is kept', (name) => {
		expect(isSecretVariable(name, '/usr/bin')).toBe(false);
	});

	test('a URL with a password in it is a secret whatever its name', () => {
		expect(isSecretVariable('HTTPS_PROXY', 'http://user:pa55@proxy.example:3128')).toBe(true);
		expect(isSecretVariable('HTTPS_PROXY', 'http://proxy.example:3128')).toBe(false);
	});

	test('a child process started inside withoutSecrets sees none, and they are back afterwards', async () => {
		const saved = { ...process.env };
		process.env.TRUST_TEST_API_TOKEN = FAKE_SECRET;
		process.env.TRUST_TEST_PLAIN = 'plain';
		try {
			const { stdout } = await withoutSecrets(() =>
				run(NODE, ['-e', 'process.stdout.write(JSON.stringify(process.env))']),
			);
			const seen = JSON.parse(stdout) as Record<string, string>;
			expect(seen.TRUST_TEST_API_TOKEN).toBeUndefined();
			expect(seen.TRUST_TEST_PLAIN).toBe('plain');
			expect(Object.keys(seen).filter((name) => isSecretVariable(name, seen[name]))).toEqual([]);
			expect(process.env.TRUST_TEST_API_TOKEN).toBe(FAKE_SECRET);
			expect(envWithoutSecrets({ A_TOKEN: 'x', B: 'y' })).toEqual({ B: 'y' });
		} finally {
			process.env = saved;
		}
	});
});
