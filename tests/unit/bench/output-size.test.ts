import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import {
	countScripts,
	linkedStylesheets,
	measureArticlePages,
	measureOutput,
	readableWithoutJs,
} from '../../../bench/lib/output-size.ts';

const root = mkdtempSync(join(tmpdir(), 'bench-output-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, content: string | Buffer): void {
	const file = join(root, path);
	mkdirSync(join(file, '..'), { recursive: true });
	writeFileSync(file, content);
}

const css = 'body { color: black; }\n'.repeat(50);
const page = (text: string, extra = '') =>
	`<!doctype html><html lang="zh-CN"><head><link rel="stylesheet" href="/_astro/site.css">` +
	`<script type="application/ld+json">{}</script>${extra}</head>` +
	`<body><article><h1>标题</h1><p>${text}</p></article></body></html>`;

write('_astro/site.css', css);
write('index.html', page('首页'));
write('articles/index.html', page('列表'.repeat(500)));
write('articles/a/index.html', page('甲'.repeat(100)));
write(
	'articles/b/index.html',
	page('乙'.repeat(2000), '<script type="module" src="/x.js"></script>'),
);
write('articles/c/index.html', page('丙'.repeat(300)));
// Text that does not compress: a page over the 20 KB target.
let seed = 1;
const noise = Array.from({ length: 12_000 }, () => {
	seed = (seed * 48271) % 2147483647;
	return String.fromCodePoint(0x4e00 + (seed % 20_000));
}).join('');
write('articles/d/index.html', page(noise));
write('pagefind/pagefind-entry.json', '{}');
write('pagefind/index/a.pf_index', Buffer.alloc(1000));
write('search/2024/pagefind-entry.json', '{}');
write('search/2024/fragment/b.pf_fragment', Buffer.alloc(500));

describe('measureOutput', () => {
	it('counts pages, files and bytes, and every index bundle', () => {
		const size = measureOutput(root);
		expect(size.pages).toBe(6);
		expect(size.files).toBe(11);
		expect(size.indexBundles).toBe(2);
		expect(size.indexFiles).toBe(4);
		expect(size.indexBytes).toBe(2 + 1000 + 2 + 500);
		expect(size.bytes).toBeGreaterThan(size.indexBytes + css.length);
	});
});

describe('measureArticlePages', () => {
	it('weighs each article page with its stylesheets, compressed, and not the list page', () => {
		const weight = measureArticlePages(root, 'articles', 10)!;
		expect(weight.pages).toBe(4);
		const cssGzip = gzipSync(css).length;
		expect(weight.cssGzipMedianBytes).toBe(cssGzip);
		const gzipped = ['甲'.repeat(100), '乙'.repeat(2000), '丙'.repeat(300), noise]
			.map(
				(text, index) =>
					gzipSync(page(text, index === 1 ? '<script type="module" src="/x.js"></script>' : ''))
						.length + cssGzip,
			)
			.sort((a, b) => a - b);
		expect(weight.gzipMedianBytes).toBe(Math.round((gzipped[1]! + gzipped[2]!) / 2));
		expect(weight.gzipMaxBytes).toBe(gzipped[3]);
		expect(weight.gzipMaxBytes).toBeGreaterThan(20_000);
		expect(weight.pagesOver20KB).toBe(1);
		expect(weight.brotliMedianBytes).toBeLessThan(weight.gzipMedianBytes);
		expect(weight.brotliMaxBytes).toBeGreaterThan(20_000);
		expect(weight.pagesWithScripts).toBe(1);
		expect(weight.pagesReadableWithoutJs).toBe(4);
		expect(measureArticlePages(root, 'blog', 10)).toBeUndefined();
	});

	it('samples evenly when there are more pages than the sample', () => {
		// Two spread over the pages, and the heaviest.
		expect(measureArticlePages(root, 'articles', 2)!.sampled).toBe(3);
	});
});

describe('readableWithoutJs', () => {
	it('needs the text inside the article in the HTML, not filled in by a script', () => {
		expect(readableWithoutJs('<article><h1>标题</h1><p>正文</p></article>')).toBe(true);
		expect(readableWithoutJs('<article><div id="app"></div><script>x()</script></article>')).toBe(
			false,
		);
		expect(readableWithoutJs('<main><p>正文</p></main>')).toBe(false);
	});
});

describe('linkedStylesheets / countScripts', () => {
	it('finds stylesheets whatever the attribute order and quoting', () => {
		expect(
			linkedStylesheets(
				'<link href="/a.css" rel="stylesheet"><link rel=stylesheet href=/b.css><link rel="icon" href="/i.svg">',
			),
		).toEqual(['/a.css', '/b.css']);
	});

	it('counts executable scripts but not JSON data blocks', () => {
		expect(
			countScripts(
				'<script type="application/ld+json">{}</script><script>1</script><script type="module" src="/m.js"></script>',
			),
		).toBe(2);
	});
});
