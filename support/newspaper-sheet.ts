/**
 * The sheet both made-up newspaper pages share: the printed-page fixture
 * (`tests/fixtures/printed-page/make-fixture.ts`) and the bench's synthetic pages
 * (`bench/lib/page-pdfs.ts`). One page of `width` × `height` CSS pixels, its folio line,
 * rules and footer; each adds the styles of its own layout.
 */
export function newspaperSheetCss(width: number, height: number): string {
	return `
@page { size: ${width}px ${height}px; margin: 0; }
* { box-sizing: border-box; margin: 0; padding: 0; }
html, body { width: ${width}px; height: ${height}px; }
body { position: relative; font-family: 'Noto Serif CJK SC', serif; font-size: 10.5px; line-height: 16px; color: #111; background: #fff; }
.folio { position: absolute; left: 40px; right: 40px; top: 28px; height: 24px; display: flex; justify-content: space-between; font-family: 'Noto Sans CJK SC', sans-serif; font-size: 13px; line-height: 24px; }
.rule { position: absolute; background: #111; }
.footer { position: absolute; left: 40px; right: 40px; top: ${height - 44}px; height: 18px; text-align: center; font-family: 'Noto Sans CJK SC', sans-serif; font-size: 11px; line-height: 18px; }`;
}
