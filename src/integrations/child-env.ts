/**
 * The site build needs no secret: it reads content from disk and writes static files.
 * Whatever runs during the build (the Pagefind binary, MDX modules, any package's code)
 * should therefore not see the tokens a CI runner or a developer's shell holds.
 */

/** Names that say "secret" wherever they appear in a variable's name. */
const SECRET_NAME =
	/TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|KEY|CREDENTIAL|AUTH|COOKIE|SESSION|PRIVATE|SIGNING|WEBHOOK|ASKPASS/i;

/** Well-known secret-bearing variables whose names the pattern above does not catch. */
const KNOWN_SECRETS = new Set([
	'ACTIONS_ID_TOKEN_REQUEST_URL',
	'ACTIONS_RUNTIME_URL',
	'ACTIONS_CACHE_URL',
	'CI_JOB_JWT',
	'CI_JOB_JWT_V2',
	'CI_REGISTRY_PASSWORD',
	'DATABASE_URL',
	'DOCKER_CONFIG',
	'GOOGLE_APPLICATION_CREDENTIALS',
	'KUBECONFIG',
	'NETRC',
	'NPM_CONFIG__AUTH',
	'SENTRY_DSN',
	'SSH_AGENT_PID',
	'SSH_AUTH_SOCK',
	'VAULT_ADDR',
]);

/** A URL with a user name or password in it (`https://user:pass@host`). */
const URL_WITH_CREDENTIALS = /^[a-z][a-z\d+.-]*:\/\/[^/\s:@]+(?::[^/\s@]*)?@/i;

/** Whether a variable should be hidden from the build. */
export function isSecretVariable(name: string, value: string | undefined): boolean {
	return (
		SECRET_NAME.test(name) ||
		KNOWN_SECRETS.has(name.toUpperCase()) ||
		(value !== undefined && URL_WITH_CREDENTIALS.test(value))
	);
}

/** A copy of `env` without secrets, for a child process. */
export function envWithoutSecrets(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const clean: NodeJS.ProcessEnv = {};
	for (const [name, value] of Object.entries(env)) {
		if (!isSecretVariable(name, value)) clean[name] = value;
	}
	return clean;
}

/**
 * Removes secrets from this process's environment for good and returns their names (never
 * their values), so that nothing the build runs or spawns later can read them. Used at
 * the start of `astro build`.
 */
export function removeSecretsFromProcessEnv(): string[] {
	const removed = Object.keys(process.env).filter((name) =>
		isSecretVariable(name, process.env[name]),
	);
	for (const name of removed) delete process.env[name];
	return removed.sort();
}

/**
 * Runs `work` with the secrets removed from `process.env` and puts them back afterwards,
 * for code that spawns a child process which inherits `process.env` at spawn time
 * (Pagefind's Node API starts its binary on the first call).
 */
export async function withoutSecrets<T>(work: () => Promise<T> | T): Promise<T> {
	const saved = new Map<string, string>();
	for (const [name, value] of Object.entries(process.env)) {
		if (value !== undefined && isSecretVariable(name, value)) saved.set(name, value);
	}
	for (const name of saved.keys()) delete process.env[name];
	try {
		return await work();
	} finally {
		for (const [name, value] of saved) process.env[name] ??= value;
	}
}
