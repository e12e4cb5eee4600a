import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../support/paths.ts';

/**
 * What `npm ci` installs is pinned and reviewed: every package in the lock file has an
 * integrity hash and comes from the npm registry, no dependency is a git repository, a URL
 * or a local path, and every package that wants to run an install script is named in
 * `allowScripts` (npm runs none that is not).
 */

interface LockedPackage {
	version?: string;
	resolved?: string;
	integrity?: string;
	link?: boolean;
	hasInstallScript?: boolean;
}

const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
	dependencies?: Record<string, string>;
	devDependencies?: Record<string, string>;
	optionalDependencies?: Record<string, string>;
	overrides?: Record<string, unknown>;
	allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as {
	lockfileVersion: number;
	packages: Record<string, LockedPackage>;
};
const locked = Object.entries(lock.packages).filter(([path]) => path !== '');
const nameOf = (path: string) =>
	path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** A version range from the registry, not `git+…`, `github:`, `https:`, `file:` or `owner/repo`. */
const REGISTRY_RANGE = /^(?:npm:[@\w./-]+@)?[\^~<>=*\d\sx.|-]*[\w.+-]*$/;

describe('package-lock.json', () => {
	test('is a v3 lock with every package pinned by an integrity hash', () => {
		expect(lock.lockfileVersion).toBeGreaterThanOrEqual(3);
		expect(locked.length).toBeGreaterThan(100);
		const unpinned = locked
			.filter(
				([, entry]) =>
					!entry.link && !/^sha(256|384|512)-[A-Za-z0-9+/]+=*$/.test(entry.integrity ?? ''),
			)
			.map(([path]) => path);
		expect(unpinned).toEqual([]);
	});

	test('takes every package from the npm registry', () => {
		const elsewhere = locked
			.filter(
				([, entry]) =>
					entry.resolved !== undefined && !entry.resolved.startsWith('https://registry.npmjs.org/'),
			)
			.map(([path, entry]) => `${path} ← ${entry.resolved}`);
		expect(elsewhere).toEqual([]);
		expect(locked.filter(([, entry]) => entry.link).map(([path]) => path)).toEqual([]);
	});

	test('lets only approved packages run install scripts', () => {
		const approved = pkg.allowScripts ?? {};
		const approvedNames = new Set(
			Object.keys(approved).map((key) => key.replace(/(?<=.)@[^@]*$/, '')),
		);
		const withScripts = locked
			.filter(([, entry]) => entry.hasInstallScript)
			.map(([path]) => nameOf(path));
		expect(withScripts.length).toBeGreaterThan(0);
		expect(withScripts.filter((name) => !approvedNames.has(name))).toEqual([]);
		// No stale approval for a package that no longer asks.
		expect([...approvedNames].filter((name) => !withScripts.includes(name))).toEqual([]);
	});
});

describe('package.json', () => {
	test('names no dependency by git repository, URL or path', () => {
		const specs = {
			...pkg.dependencies,
			...pkg.devDependencies,
			...pkg.optionalDependencies,
			...Object.fromEntries(
				Object.entries(pkg.overrides ?? {}).filter(([, value]) => typeof value === 'string'),
			),
		} as Record<string, string>;
		expect(Object.keys(specs).length).toBeGreaterThan(10);
		const notFromRegistry = Object.entries(specs)
			.filter(([, spec]) => !REGISTRY_RANGE.test(spec))
			.map(([name, spec]) => `${name}: ${spec}`);
		expect(notFromRegistry).toEqual([]);
	});

	test('is what CI installs, exactly (npm ci, never npm install)', () => {
		const ci = readFileSync(join(PROJECT_ROOT, '.ci/run'), 'utf8');
		expect(ci).toMatch(/\bnpm ci\b/);
		expect(ci).not.toMatch(/\bnpm (?:install|i)\b/);
	});
});
