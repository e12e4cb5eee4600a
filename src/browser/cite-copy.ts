/**
 * The copy buttons of 引用本文 (src/components/CiteThis.astro). The page carries none: this
 * adds one after each citation, and only where the clipboard can be written, so a reader
 * without JavaScript sees plain selectable text and no button that does nothing. The
 * online citation's 引用日期 is set to the reader's own day, in the paper's time zone.
 */

function todayIn(timeZone: string): string {
	return new Intl.DateTimeFormat('en-CA', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
	}).format(new Date());
}

export function startCiteCopy(doc: Document = document): void {
	const section = doc.querySelector<HTMLElement>('[data-cite]');
	if (!section) return;
	const timeZone = section.dataset.tz;
	if (timeZone) {
		const today = todayIn(timeZone);
		for (const span of section.querySelectorAll('[data-cited-on]')) span.textContent = today;
	}
	if (!navigator.clipboard?.writeText) return;
	const status = doc.createElement('p');
	status.className = 'sr-only';
	status.setAttribute('role', 'status');
	section.append(status);
	for (const citation of section.querySelectorAll<HTMLElement>('span[id^="cite-"]')) {
		const label = citation.previousElementSibling?.textContent ?? '';
		const button = doc.createElement('button');
		button.type = 'button';
		button.textContent = '复制';
		button.setAttribute('aria-label', `复制 ${label} 引文`);
		button.addEventListener('click', () => {
			const text = (citation.textContent ?? '').replace(/\s+/g, ' ').trim();
			navigator.clipboard.writeText(text).then(
				() => {
					status.textContent = `已复制 ${label} 引文`;
				},
				() => {
					status.textContent = '无法复制，请选中文字后手动复制';
				},
			);
		});
		citation.after(button);
	}
}
