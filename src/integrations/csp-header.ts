/**
 * The Content-Security-Policy a static host sends as an HTTP header is the one every page
 * carries as a `<meta>`, plus what a header alone can do: allow Pagefind's worker to
 * compile WebAssembly (`'wasm-unsafe-eval'`; a worker obeys its own response headers,
 * not the page's `<meta>`) and forbid framing (`frame-ancestors`, ignored in a `<meta>`).
 */

export type CspDirectives = Map<string, string[]>;

/** `"a 'x'; b 'y' 'z'"` → `{a: ["'x'"], b: ["'y'", "'z'"]}`; names lowercased, order kept. */
export function parseCsp(policy: string): CspDirectives {
	const directives: CspDirectives = new Map();
	for (const part of policy.split(';')) {
		const [name, ...sources] = part.trim().split(/\s+/);
		if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
	}
	return directives;
}

export function formatCsp(directives: CspDirectives): string {
	return [...directives].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

/** The header policy for a page policy. */
export function headerPolicyFor(metaPolicy: string): string {
	const directives = parseCsp(metaPolicy);
	const scripts = directives.get('script-src') ?? ["'self'"];
	if (!scripts.includes("'wasm-unsafe-eval'")) {
		scripts.splice(scripts.includes("'self'") ? 1 : 0, 0, "'wasm-unsafe-eval'");
	}
	directives.set('script-src', scripts);
	directives.set('frame-ancestors', ["'none'"]);
	return formatCsp(directives);
}

/** Whether two policies say the same thing (same directives and sources, in any order). */
export function sameCsp(a: string, b: string): boolean {
	const [left, right] = [parseCsp(a), parseCsp(b)];
	if (left.size !== right.size) return false;
	for (const [name, sources] of left) {
		const other = right.get(name);
		if (!other || [...sources].sort().join(' ') !== [...other].sort().join(' ')) return false;
	}
	return true;
}

/**
 * Headers by path pattern from a `_headers` file (Netlify and Cloudflare Pages format: a
 * path on its own line, then indented `Name: value` lines; `#` starts a comment).
 */
export function parseHeadersFile(text: string): Map<string, Map<string, string>> {
	const rules = new Map<string, Map<string, string>>();
	let current: Map<string, string> | undefined;
	for (const line of text.split(/\r?\n/)) {
		if (line.trim() === '' || line.trim().startsWith('#')) continue;
		if (!/^\s/.test(line)) {
			current = rules.get(line.trim()) ?? new Map<string, string>();
			rules.set(line.trim(), current);
			continue;
		}
		const colon = line.indexOf(':');
		if (current && colon > 0) {
			current.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
		}
	}
	return rules;
}
