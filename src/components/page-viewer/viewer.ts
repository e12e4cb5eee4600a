/**
 * Zoom and pan for the page view's image (PageScan.astro), as progressive enhancement:
 * without this module the image, its region links and the list work as plain HTML.
 *
 * Zoom changes the stage's width (a CSSOM write, which the CSP's `style-src 'self'`
 * allows, unlike a style attribute); pan is the viewer's own scrolling, so scroll bars,
 * arrow keys and one-finger swipes pan natively. Added here: the buttons, + − 0 keys,
 * Ctrl/⌘ + wheel (also a trackpad pinch), two-finger pinch, and dragging with the mouse.
 */

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 8;
const STEP = 1.5;

export class PageViewer {
	zoom = 1;
	readonly #viewer: HTMLElement;
	readonly #stage: HTMLElement;
	readonly #level: HTMLOutputElement | null;
	readonly #pointers = new Map<number, { x: number; y: number }>();
	#pinchDistance = 0;
	#drag: { x: number; y: number; moved: boolean } | undefined;

	constructor(viewer: HTMLElement, tools: HTMLElement | null) {
		this.#viewer = viewer;
		this.#stage = viewer.querySelector<HTMLElement>('[data-stage]')!;
		this.#level = tools?.querySelector('[data-zoom-level]') ?? null;
		if (tools) {
			tools.hidden = false;
			tools.addEventListener('click', (event) => {
				const button = (event.target as Element).closest<HTMLButtonElement>('[data-zoom]');
				if (!button) return;
				const action = button.dataset.zoom;
				if (action === 'in') this.zoomBy(STEP);
				else if (action === 'out') this.zoomBy(1 / STEP);
				else this.setZoom(1);
			});
		}
		viewer.addEventListener('keydown', (event) => this.#onKey(event));
		viewer.addEventListener('wheel', (event) => this.#onWheel(event), { passive: false });
		viewer.addEventListener('pointerdown', (event) => this.#onPointerDown(event));
		viewer.addEventListener('pointermove', (event) => this.#onPointerMove(event));
		for (const type of ['pointerup', 'pointercancel', 'pointerleave'] as const)
			viewer.addEventListener(type, (event) => this.#onPointerUp(event));
		// A drag that moved is a pan, not a click on the region under the pointer.
		viewer.addEventListener(
			'click',
			(event) => {
				if (this.#drag?.moved) event.preventDefault();
				this.#drag = undefined;
			},
			true,
		);
	}

	/** Zooms to `zoom`, keeping the point at (`x`, `y`) of the viewer's box where it is. */
	setZoom(zoom: number, x = this.#viewer.clientWidth / 2, y = this.#viewer.clientHeight / 2) {
		const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
		const ratio = next / this.zoom;
		const contentX = this.#viewer.scrollLeft + x;
		const contentY = this.#viewer.scrollTop + y;
		this.zoom = next;
		this.#stage.style.width = `${next * 100}%`;
		this.#viewer.scrollLeft = contentX * ratio - x;
		this.#viewer.scrollTop = contentY * ratio - y;
		this.#viewer.dataset.zoom = String(Math.round(next * 100) / 100);
		if (next > 1) this.#sharpen();
		if (this.#level) this.#level.value = `${Math.round(next * 100)}%`;
	}

	/**
	 * Lets the browser pick a wider image for the zoomed stage: `sizes` follows the stage,
	 * and the AVIF source (narrow screens only, at most 800 px) gives way to WebP's widths.
	 */
	#sharpen() {
		const picture = this.#stage.querySelector('picture');
		if (!picture) return;
		for (const source of picture.querySelectorAll('source[type="image/avif"]')) source.remove();
		const sizes = `${Math.ceil(this.#stage.clientWidth)}px`;
		const img = picture.querySelector('img');
		if (img && img.sizes !== sizes) img.sizes = sizes;
	}

	zoomBy(factor: number, x?: number, y?: number) {
		this.setZoom(this.zoom * factor, x, y);
	}

	#onKey(event: KeyboardEvent) {
		if (event.ctrlKey || event.metaKey || event.altKey) return;
		if (event.key === '+' || event.key === '=') this.zoomBy(STEP);
		else if (event.key === '-' || event.key === '_') this.zoomBy(1 / STEP);
		else if (event.key === '0') this.setZoom(1);
		else return;
		event.preventDefault();
	}

	#onWheel(event: WheelEvent) {
		if (!event.ctrlKey && !event.metaKey) return;
		event.preventDefault();
		const box = this.#viewer.getBoundingClientRect();
		this.zoomBy(Math.exp(-event.deltaY / 300), event.clientX - box.left, event.clientY - box.top);
	}

	#onPointerDown(event: PointerEvent) {
		this.#pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
		if (this.#pointers.size === 2) this.#pinchDistance = this.#distance();
		if (event.pointerType === 'mouse' && event.button === 0 && this.zoom > 1)
			this.#drag = { x: event.clientX, y: event.clientY, moved: false };
	}

	#onPointerMove(event: PointerEvent) {
		if (!this.#pointers.has(event.pointerId)) return;
		this.#pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
		if (this.#pointers.size === 2 && this.#pinchDistance > 0) {
			const distance = this.#distance();
			const [a, b] = [...this.#pointers.values()] as [
				{ x: number; y: number },
				{ x: number; y: number },
			];
			const box = this.#viewer.getBoundingClientRect();
			this.zoomBy(
				distance / this.#pinchDistance,
				(a.x + b.x) / 2 - box.left,
				(a.y + b.y) / 2 - box.top,
			);
			this.#pinchDistance = distance;
			return;
		}
		const drag = this.#drag;
		if (!drag) return;
		const dx = event.clientX - drag.x;
		const dy = event.clientY - drag.y;
		if (!drag.moved && Math.hypot(dx, dy) < 4) return;
		drag.moved = true;
		this.#viewer.classList.add('dragging');
		this.#viewer.scrollLeft -= dx;
		this.#viewer.scrollTop -= dy;
		drag.x = event.clientX;
		drag.y = event.clientY;
	}

	#onPointerUp(event: PointerEvent) {
		this.#pointers.delete(event.pointerId);
		if (this.#pointers.size < 2) this.#pinchDistance = 0;
		this.#viewer.classList.remove('dragging');
		if (event.type !== 'pointerup' && this.#drag) this.#drag = undefined;
	}

	#distance(): number {
		const [a, b] = [...this.#pointers.values()] as [
			{ x: number; y: number },
			{ x: number; y: number },
		];
		return Math.hypot(a.x - b.x, a.y - b.y);
	}
}

/** Enhances every page viewer on the page once. */
export function enhanceViewers(root: ParentNode = document): PageViewer[] {
	return [...root.querySelectorAll<HTMLElement>('[data-viewer]:not([data-enhanced])')].map(
		(viewer) => {
			viewer.dataset.enhanced = '';
			const tools = viewer.parentElement?.querySelector<HTMLElement>('[data-viewer-tools]') ?? null;
			return new PageViewer(viewer, tools);
		},
	);
}
