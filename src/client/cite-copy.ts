/**
 * The copy buttons of 引用本文 (src/components/CiteThis.astro). The buttons ship hidden and
 * are shown only where the clipboard can be written, so a reader without JavaScript sees
 * plain selectable text and no button that does nothing. The online citation's 引用日期 is
 * set to the reader's own day, in the paper's time zone.
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
	const timeZone = section.dataset.timeZone;
	if (timeZone) {
		const today = todayIn(timeZone);
		for (const span of section.querySelectorAll('[data-cited-on]')) span.textContent = today;
	}
	if (!navigator.clipboard?.writeText) return;
	const status = section.querySelector<HTMLElement>('[data-cite-status]');
	for (const button of section.querySelectorAll<HTMLButtonElement>('button[data-copy]')) {
		const target = doc.getElementById(button.dataset.copy ?? '');
		if (!target) continue;
		button.hidden = false;
		button.addEventListener('click', () => {
			const text = (target.textContent ?? '').replace(/\s+/g, ' ').trim();
			navigator.clipboard.writeText(text).then(
				() => {
					if (status) status.textContent = '已复制引文';
					button.dataset.copied = 'true';
				},
				() => {
					if (status) status.textContent = '无法复制，请选中文字后手动复制';
				},
			);
		});
	}
}
