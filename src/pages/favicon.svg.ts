/**
 * The site's icon, drawn as shapes (no font): a folded newspaper in the paper's red. Without
 * one, every browser asks for /favicon.ico and logs a 404 on every page.
 */
export function GET(): Response {
	const svg = [
		'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">',
		'<rect width="32" height="32" rx="6" fill="#9b1c1c"/>',
		'<rect x="7" y="7" width="18" height="4" fill="#fdfcf8"/>',
		'<rect x="7" y="14" width="8" height="11" fill="#fdfcf8"/>',
		'<rect x="17" y="14" width="8" height="2" fill="#fdfcf8"/>',
		'<rect x="17" y="18.5" width="8" height="2" fill="#fdfcf8"/>',
		'<rect x="17" y="23" width="8" height="2" fill="#fdfcf8"/>',
		'</svg>',
		'',
	].join('');
	return new Response(svg, { headers: { 'Content-Type': 'image/svg+xml' } });
}
