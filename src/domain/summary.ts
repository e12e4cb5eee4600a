/**
 * A short plain-text summary of a Markdown body for `<meta name="description">` and
 * Open Graph: the reader's text without Markdown syntax, Chinese text needs no spaces.
 */
export function plainSummary(markdown: string | undefined, maxLength = 110): string | undefined {
	if (!markdown) return undefined;
	const text = markdown
		.replace(/<[^>]*>/g, '')
		.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+[.)])\s+/gm, '')
		.replace(/(\*{1,3}|_{1,3}|`+)(\S[^]*?\S|\S)\1/g, '$2')
		.replace(/\\([\\`*_[\]{}()#+\-.!<>&|~:])/g, '$1')
		.trim()
		// A line break next to Chinese text is no space; between Latin words it is one.
		.replace(/\s*\n\s*/g, '\n')
		.replace(/(?<=[\u3000-\u9fff\uff00-\uffef])\n|\n(?=[\u3000-\u9fff\uff00-\uffef])/g, '')
		.replace(/\s+/g, ' ');
	if (!text) return undefined;
	return text.length > maxLength ? `${text.slice(0, maxLength)}…` : text;
}
