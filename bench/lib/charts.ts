import type { BenchResult } from './report.ts';

/**
 * The bench's figures as SVG charts for the docs (`npm run bench:charts`): build + index
 * time and peak memory against the number of articles, ours against the baseline, and the
 * cost of publishing one more day. Hand-written SVG, no chart library: every chart has a
 * `<title>` and a `<desc>` that states its figures in words, axis labels, a legend, and
 * colours that read on light and dark backgrounds (a `prefers-color-scheme` style inside
 * the file); the two sites also differ by line dash and marker shape, not colour alone.
 * The same results always give the same bytes (no dates, sorted inputs, fixed rounding).
 */

export type Site = 'ours' | 'baseline';

/** One site's figure at one size; a failed build has no value and says why. */
export interface Point {
	articles: number;
	value?: number;
	failure?: string;
	/** Which result file's run it comes from (its start date). */
	date: string;
}

export interface ChartData {
	time: Record<Site, Point[]>;
	memory: Record<Site, Point[]>;
	/** One more day, at the largest size measured with `--incremental`. */
	day?: {
		articles: number;
		dayArticles: number;
		date: string;
		sites: Partial<Record<Site, { full: number; day: number }>>;
	};
}

const SITES: readonly Site[] = ['ours', 'baseline'];
const GB = 1e9;

/**
 * What the charts show: for each size and site, the newest result that built that site
 * (a failure counts: it is drawn as a failure), and the newest incremental run.
 */
export function chartData(results: readonly BenchResult[]): ChartData {
	const newestFirst = [...results].sort(
		(a, b) => b.startedAt.localeCompare(a.startedAt) || b.corpus.articles - a.corpus.articles,
	);
	const data: ChartData = {
		time: { ours: [], baseline: [] },
		memory: { ours: [], baseline: [] },
	};
	for (const site of SITES) {
		const seen = new Set<number>();
		for (const result of newestFirst) {
			const figures = result.sites[site];
			const articles = result.corpus.articles;
			if (!figures || seen.has(articles)) continue;
			seen.add(articles);
			const date = result.startedAt.slice(0, 10);
			if (figures.ok) {
				data.time[site].push({ articles, value: figures.total.wallSeconds, date });
				data.memory[site].push({ articles, value: figures.total.peakRssBytes / GB, date });
			} else {
				const failure = figures.failure
					? `${figures.failure.reason} (${(figures.failure.peakRssBytes / GB).toFixed(1)} GB)`
					: 'failed';
				data.time[site].push({ articles, failure, date });
				data.memory[site].push({ articles, failure, date });
			}
		}
		data.time[site].sort((a, b) => a.articles - b.articles);
		data.memory[site].sort((a, b) => a.articles - b.articles);
	}
	const incremental = newestFirst
		.filter((result) => result.incremental)
		.sort((a, b) => b.corpus.articles - a.corpus.articles)[0];
	if (incremental?.incremental) {
		const sites: NonNullable<ChartData['day']>['sites'] = {};
		for (const site of SITES) {
			const full = incremental.sites[site];
			const day = incremental.incremental.sites[site];
			if (full?.ok && day?.ok) {
				sites[site] = { full: full.total.wallSeconds, day: day.total.wallSeconds };
			}
		}
		data.day = {
			articles: incremental.corpus.articles,
			dayArticles: incremental.incremental.day.articles,
			date: incremental.startedAt.slice(0, 10),
			sites,
		};
	}
	return data;
}

// Layout, in SVG user units.
const WIDTH = 640;
const HEIGHT = 380;
const MARGIN = { top: 56, right: 150, bottom: 64, left: 72 };
const PLOT_W = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_H = HEIGHT - MARGIN.top - MARGIN.bottom;

const STYLE = [
	'text{font:13px system-ui,-apple-system,"Segoe UI",sans-serif;fill:#1f2328}',
	'.title{font-size:16px;font-weight:600}',
	'.grid{stroke:#d0d7de;stroke-width:1}',
	'.axis{stroke:#57606a;stroke-width:1}',
	'.ours{stroke:#0b5cad;fill:#0b5cad}',
	'.baseline{stroke:#b35000;fill:#b35000}',
	'.line{fill:none;stroke-width:2.5}',
	'.baseline.line{stroke-dasharray:7 5}',
	'.failed{fill:none;stroke-width:2.5}',
	'@media (prefers-color-scheme:dark){',
	'text{fill:#e6edf3}',
	'.grid{stroke:#3d444d}',
	'.axis{stroke:#9198a1}',
	'.ours{stroke:#6cb6ff;fill:#6cb6ff}',
	'.baseline{stroke:#f0883e;fill:#f0883e}',
	'}',
].join('');

function escapeXml(text: string): string {
	return text.replace(
		/[<>&"]/g,
		(c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot' }[c]};`,
	);
}

/** Fixed rounding so output never depends on floating-point noise. */
function fixed(value: number): string {
	return (Math.round(value * 10) / 10).toFixed(1).replace(/\.0$/, '');
}

const grouped = new Intl.NumberFormat('en-US');

/** A round step giving about `count` ticks from 0 to at least `max`. */
export function niceTicks(max: number, count = 5): number[] {
	if (!(max > 0)) return [0, 1];
	const raw = max / count;
	const power = 10 ** Math.floor(Math.log10(raw));
	const step = [1, 2, 2.5, 5, 10].map((f) => f * power).find((s) => s >= raw)!;
	const ticks: number[] = [];
	for (let tick = 0; tick < max + step - 1e-9; tick += step)
		ticks.push(Math.round(tick * 1e6) / 1e6);
	return ticks;
}

/** Ticks for a logarithmic axis: 1, 2, 5 × powers of ten covering [min, max]. */
export function logTicks(min: number, max: number): number[] {
	const ticks: number[] = [];
	for (let power = Math.floor(Math.log10(min)); power <= Math.ceil(Math.log10(max)); power++) {
		for (const f of [1, 2, 5]) {
			const tick = f * 10 ** power;
			if (tick >= min && tick <= max) ticks.push(tick);
		}
	}
	return ticks;
}

function svgDocument(id: string, title: string, desc: string, body: string[]): string {
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
		`<title id="${id}-title">${escapeXml(title)}</title>`,
		`<desc id="${id}-desc">${escapeXml(desc)}</desc>`,
		`<style>${STYLE}</style>`,
		`<text class="title" x="${MARGIN.left}" y="28">${escapeXml(title)}</text>`,
		...body,
		'</svg>',
		'',
	].join('\n');
}

export interface LineChartSpec {
	id: string;
	title: string;
	yLabel: string;
	unit: string;
	series: Record<Site, Point[]>;
}

const SITE_NAME: Record<Site, string> = { ours: 'ours', baseline: 'baseline (blog starter)' };

function describeSeries(series: Record<Site, Point[]>, unit: string): string {
	return SITES.map((site) => {
		const points = series[site].map(
			(point) =>
				`${grouped.format(point.articles)} articles: ${point.value === undefined ? `failed, ${point.failure}` : `${fixed(point.value)} ${unit}`}`,
		);
		return `${SITE_NAME[site]}: ${points.length > 0 ? points.join('; ') : 'not measured'}.`;
	}).join(' ');
}

/** A line chart of one figure against the number of articles (logarithmic x axis). */
export function lineChart(spec: LineChartSpec): string {
	const all = SITES.flatMap((site) => spec.series[site]);
	const values = all.flatMap((point) => (point.value === undefined ? [] : [point.value]));
	const yTicks = niceTicks(Math.max(...values, 0));
	const yMax = yTicks.at(-1)!;
	const articles = all.map((point) => point.articles);
	const xMin = Math.min(...articles) / 1.5;
	const xMax = Math.max(...articles) * 1.5;
	const x = (n: number) => MARGIN.left + (PLOT_W * Math.log(n / xMin)) / Math.log(xMax / xMin);
	const y = (v: number) => MARGIN.top + PLOT_H - (PLOT_H * v) / yMax;
	const body: string[] = [];
	for (const tick of yTicks) {
		body.push(
			`<line class="grid" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${fixed(y(tick))}" y2="${fixed(y(tick))}"/>`,
			`<text x="${MARGIN.left - 8}" y="${fixed(y(tick) + 4)}" text-anchor="end">${grouped.format(tick)}</text>`,
		);
	}
	for (const tick of logTicks(xMin, xMax)) {
		body.push(
			`<line class="axis" x1="${fixed(x(tick))}" x2="${fixed(x(tick))}" y1="${MARGIN.top + PLOT_H}" y2="${MARGIN.top + PLOT_H + 5}"/>`,
			`<text x="${fixed(x(tick))}" y="${MARGIN.top + PLOT_H + 20}" text-anchor="middle">${grouped.format(tick)}</text>`,
		);
	}
	body.push(
		`<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_W}" y1="${MARGIN.top + PLOT_H}" y2="${MARGIN.top + PLOT_H}"/>`,
		`<line class="axis" x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${MARGIN.top + PLOT_H}"/>`,
		`<text x="${MARGIN.left + PLOT_W / 2}" y="${HEIGHT - 16}" text-anchor="middle">articles (logarithmic scale)</text>`,
		`<text transform="translate(18 ${MARGIN.top + PLOT_H / 2}) rotate(-90)" text-anchor="middle">${escapeXml(spec.yLabel)}</text>`,
	);
	for (const site of SITES) {
		const measured = spec.series[site].filter((point) => point.value !== undefined);
		if (measured.length > 1) {
			const path = measured
				.map(
					(point, i) =>
						`${i === 0 ? 'M' : 'L'}${fixed(x(point.articles))} ${fixed(y(point.value!))}`,
				)
				.join(' ');
			body.push(`<path class="${site} line" d="${path}"/>`);
		}
		for (const point of spec.series[site]) {
			const px = fixed(x(point.articles));
			if (point.value === undefined) {
				// A failed build: a cross on the top edge, with its reason.
				const top = MARGIN.top;
				body.push(
					`<path class="${site} failed" d="M${fixed(x(point.articles) - 6)} ${top - 6} l12 12 m0 -12 l-12 12"/>`,
					`<text x="${px}" y="${top - 12}" text-anchor="middle">${escapeXml(`${SITE_NAME[site].split(' ')[0]} failed`)}</text>`,
				);
				continue;
			}
			const py = fixed(y(point.value));
			body.push(
				site === 'ours'
					? `<circle class="ours" cx="${px}" cy="${py}" r="4.5"/>`
					: `<rect class="baseline" x="${fixed(x(point.articles) - 4)}" y="${fixed(y(point.value) - 4)}" width="8" height="8"/>`,
			);
		}
	}
	// Legend at the right, labelling each line by name as well as by colour and dash.
	SITES.forEach((site, i) => {
		const ly = MARGIN.top + 10 + i * 24;
		const lx = MARGIN.left + PLOT_W + 16;
		body.push(
			`<line class="${site} line" x1="${lx}" x2="${lx + 28}" y1="${ly}" y2="${ly}"/>`,
			`<text x="${lx + 36}" y="${ly + 4}">${site}</text>`,
		);
	});
	const desc = `${spec.title}, against the number of articles. ${describeSeries(spec.series, spec.unit)}`;
	return svgDocument(spec.id, spec.title, desc, body);
}

/** Full build against one more day, per site, as horizontal bars in seconds. */
export function dayChart(day: NonNullable<ChartData['day']>): string {
	const id = 'one-more-day';
	const title = `One more day on ${grouped.format(day.articles)} articles`;
	const rows = SITES.flatMap((site) => {
		const figures = day.sites[site];
		return figures
			? [
					{ site, label: `${site}: full build`, value: figures.full, dayBar: false },
					{ site, label: `${site}: one more day`, value: figures.day, dayBar: true },
				]
			: [];
	});
	const ticks = niceTicks(Math.max(...rows.map((row) => row.value), 0));
	const xMax = ticks.at(-1)!;
	const left = 170;
	const plotW = WIDTH - left - 90;
	const x = (v: number) => left + (plotW * v) / xMax;
	const rowH = (PLOT_H - 10) / Math.max(rows.length, 1);
	const body: string[] = [];
	for (const tick of ticks) {
		body.push(
			`<line class="grid" x1="${fixed(x(tick))}" x2="${fixed(x(tick))}" y1="${MARGIN.top}" y2="${MARGIN.top + PLOT_H}"/>`,
			`<text x="${fixed(x(tick))}" y="${MARGIN.top + PLOT_H + 20}" text-anchor="middle">${grouped.format(tick)}</text>`,
		);
	}
	body.push(
		`<text x="${left + plotW / 2}" y="${HEIGHT - 16}" text-anchor="middle">build + index, wall seconds</text>`,
	);
	const describe: string[] = [];
	rows.forEach((row, i) => {
		const top = MARGIN.top + 5 + i * rowH;
		const h = rowH * 0.62;
		const full = day.sites[row.site]!.full;
		const share = row.dayBar ? ` (${Math.round((100 * row.value) / full)}% of the full build)` : '';
		body.push(
			`<text x="${left - 8}" y="${fixed(top + h / 2 + 4)}" text-anchor="end">${escapeXml(row.label)}</text>`,
			`<rect class="${row.site}" x="${left}" y="${fixed(top)}" width="${fixed(x(row.value) - left)}" height="${fixed(h)}"${row.dayBar ? ' fill-opacity="0.55"' : ''}/>`,
			`<text x="${fixed(x(row.value) + 6)}" y="${fixed(top + h / 2 + 4)}">${fixed(row.value)} s${escapeXml(share)}</text>`,
		);
		describe.push(`${row.label} ${fixed(row.value)} s${share}`);
	});
	body.push(
		`<line class="axis" x1="${left}" x2="${left}" y1="${MARGIN.top}" y2="${MARGIN.top + PLOT_H}"/>`,
	);
	const desc = `Build + index time of a full build and of the rebuild after publishing one more day (${day.dayArticles} articles) into ${grouped.format(day.articles)} articles, caches kept. ${describe.join('; ')}.`;
	return svgDocument(id, title, desc, body);
}

/** Every chart, by file name under `docs/bench/`. */
export function renderCharts(results: readonly BenchResult[]): Record<string, string> {
	const data = chartData(results);
	const charts: Record<string, string> = {
		'build-time.svg': lineChart({
			id: 'build-time',
			title: 'Build + index time',
			yLabel: 'wall seconds',
			unit: 's',
			series: data.time,
		}),
		'peak-memory.svg': lineChart({
			id: 'peak-memory',
			title: 'Peak memory of build + index',
			yLabel: 'GB (process tree)',
			unit: 'GB',
			series: data.memory,
		}),
	};
	if (data.day) charts['one-more-day.svg'] = dayChart(data.day);
	return charts;
}
