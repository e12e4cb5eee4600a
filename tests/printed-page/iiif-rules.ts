/**
 * A strict structural check of IIIF Presentation 3 manifests and Image API 3 `info.json`
 * documents, written from the specifications' requirements
 * (https://iiif.io/api/presentation/3.0/, https://iiif.io/api/image/3.0/): no IIIF
 * validator or parser is among the project's dependencies (`@iiif/parser` is not in the
 * lock file), and the official validator is a Python web service. It checks what a
 * viewer relies on: required properties and their types, language maps, ids that are
 * unique HTTP(S) URIs, Canvas dimensions, painting annotations that target their Canvas,
 * and annotation targets that lie inside it.
 */

type Json = Record<string, unknown>;

export const PRESENTATION_3 = 'http://iiif.io/api/presentation/3/context.json';
export const IMAGE_3 = 'http://iiif.io/api/image/3/context.json';

const isObject = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);
const isUri = (value: unknown) =>
	typeof value === 'string' && /^https?:\/\/[^\s#]+(#\S*)?$/.test(value);
const isPositiveInteger = (value: unknown) => Number.isInteger(value) && (value as number) > 0;

export function validateManifest(manifest: unknown): string[] {
	const problems: string[] = [];
	const ids = new Set<string>();
	const fail = (where: string, what: string): void => {
		problems.push(`${where}: ${what}`);
	};

	const languageMap = (value: unknown, where: string) => {
		if (!isObject(value) || Object.keys(value).length === 0)
			return void fail(where, 'must be a language map');
		for (const [language, texts] of Object.entries(value)) {
			if (!/^([a-z]{2,3}(-[A-Za-z0-9]+)*|none)$/.test(language))
				fail(where, `“${language}” is not a BCP 47 tag or "none"`);
			if (
				!Array.isArray(texts) ||
				texts.length === 0 ||
				texts.some((text) => typeof text !== 'string')
			)
				fail(where, `values of “${language}” must be a non-empty array of strings`);
		}
	};
	const resource = (value: unknown, where: string, type?: string) => {
		if (!isObject(value)) return void fail(where, 'must be an object');
		if (!isUri(value.id)) fail(where, `id ${String(value.id)} is not an HTTP(S) URI`);
		else if (type !== undefined) {
			// Ids of the structure's own resources are unique (content resources may repeat).
			if (ids.has(value.id as string)) fail(where, `id ${String(value.id)} used twice`);
			ids.add(value.id as string);
		}
		if (typeof value.type !== 'string') fail(where, 'type is missing');
		else if (type !== undefined && value.type !== type) fail(where, `type must be ${type}`);
	};

	if (!isObject(manifest)) return ['the manifest is not a JSON object'];
	const context = manifest['@context'];
	const contexts = Array.isArray(context) ? context : [context];
	if (contexts.at(-1) !== PRESENTATION_3)
		fail('@context', `must be (or end with) ${PRESENTATION_3}`);
	resource(manifest, 'Manifest', 'Manifest');
	languageMap(manifest.label, 'Manifest.label');
	if (manifest.summary !== undefined) languageMap(manifest.summary, 'Manifest.summary');
	if (manifest.requiredStatement !== undefined) {
		const statement = manifest.requiredStatement as Json;
		languageMap(statement.label, 'requiredStatement.label');
		languageMap(statement.value, 'requiredStatement.value');
	}
	for (const [index, home] of ((manifest.homepage as unknown[]) ?? []).entries()) {
		resource(home, `homepage[${index}]`);
		languageMap((home as Json).label, `homepage[${index}].label`);
	}
	const behaviors = [
		'auto-advance',
		'no-auto-advance',
		'repeat',
		'no-repeat',
		'unordered',
		'individuals',
		'continuous',
		'paged',
		'facing-pages',
		'non-paged',
		'multi-part',
		'together',
		'sequence',
		'thumbnail-nav',
		'no-nav',
		'hidden',
	];
	for (const behavior of (manifest.behavior as unknown[]) ?? [])
		if (!behaviors.includes(behavior as string))
			fail('Manifest.behavior', `unknown ${String(behavior)}`);
	const canvases = manifest.items;
	if (!Array.isArray(canvases) || canvases.length === 0)
		return [...problems, 'Manifest.items: must hold at least one Canvas'];

	for (const [c, canvas] of canvases.entries()) {
		const at = `Canvas ${c + 1}`;
		resource(canvas, at, 'Canvas');
		if (!isObject(canvas)) continue;
		if (canvas.label !== undefined) languageMap(canvas.label, `${at}.label`);
		if (!isPositiveInteger(canvas.width) || !isPositiveInteger(canvas.height))
			fail(at, 'width and height must be positive integers');
		const width = canvas.width as number;
		const height = canvas.height as number;
		const pages = (name: 'items' | 'annotations') => {
			const list = canvas[name];
			if (list === undefined && name === 'annotations') return [];
			if (!Array.isArray(list) || (name === 'items' && list.length === 0)) {
				fail(`${at}.${name}`, 'must be a non-empty array of AnnotationPages');
				return [];
			}
			return list as unknown[];
		};
		const checkAnnotations = (name: 'items' | 'annotations') => {
			for (const [p, page] of pages(name).entries()) {
				const pageAt = `${at}.${name}[${p}]`;
				resource(page, pageAt, 'AnnotationPage');
				const annotations = (page as Json).items;
				if (!Array.isArray(annotations)) {
					fail(pageAt, 'items must be an array of Annotations');
					continue;
				}
				for (const [a, annotation] of annotations.entries()) {
					const annotationAt = `${pageAt}.items[${a}]`;
					resource(annotation, annotationAt, 'Annotation');
					const { motivation, target, body } = annotation as Json;
					if (typeof motivation !== 'string') fail(annotationAt, 'motivation must be a string');
					if (name === 'items' && motivation !== 'painting')
						fail(annotationAt, 'content of a Canvas is painted (motivation "painting")');
					if (typeof target !== 'string' || target.split('#')[0] !== canvas.id) {
						fail(annotationAt, 'target must be the Canvas (optionally with a fragment)');
					} else if (target.includes('#')) {
						const match = /^xywh=(\d+),(\d+),(\d+),(\d+)$/.exec(target.split('#')[1]!);
						if (!match) fail(annotationAt, `fragment ${target} is not xywh=x,y,w,h`);
						else {
							const [x, y, w, h] = match.slice(1).map(Number) as [number, number, number, number];
							if (w <= 0 || h <= 0 || x + w > width || y + h > height)
								fail(
									annotationAt,
									`xywh=${x},${y},${w},${h} lies outside the ${width}×${height} Canvas`,
								);
						}
					}
					const bodies = Array.isArray(body) ? body : [body];
					if (
						bodies.length === 0 ||
						bodies.some((one) => !isObject(one) || typeof one.type !== 'string')
					)
						fail(annotationAt, 'body must be one or more resources with a type');
					for (const one of bodies as Json[]) {
						if (one.type === 'TextualBody' && typeof one.value !== 'string')
							fail(annotationAt, 'a TextualBody needs a value');
						if (one.type !== 'TextualBody' && !isUri(one.id))
							fail(annotationAt, `body id ${String(one.id)} is not an HTTP(S) URI`);
						if (one.type === 'Image') {
							if (typeof one.format !== 'string' || !one.format.startsWith('image/'))
								fail(annotationAt, 'an Image body needs an image/* format');
							if (!isPositiveInteger(one.width) || !isPositiveInteger(one.height))
								fail(annotationAt, 'an Image body should give width and height');
							for (const service of (one.service as Json[]) ?? []) {
								if (!isUri(service.id)) fail(annotationAt, 'service id is not a URI');
								if (service.type !== 'ImageService3')
									fail(annotationAt, 'service type must be ImageService3');
								if (!['level0', 'level1', 'level2'].includes(service.profile as string))
									fail(annotationAt, 'service profile must be level0, level1 or level2');
							}
						}
					}
				}
			}
		};
		checkAnnotations('items');
		checkAnnotations('annotations');
	}
	return problems;
}

export interface InfoJson {
	id: string;
	width: number;
	height: number;
	tiles: { width: number; height?: number; scaleFactors: number[] }[];
	sizes?: { width: number; height: number }[];
}

/** Image API 3 `info.json`: required properties, and tiles and sizes that fit the image. */
export function validateInfoJson(info: unknown): string[] {
	const problems: string[] = [];
	if (!isObject(info)) return ['info.json is not a JSON object'];
	if (info['@context'] !== IMAGE_3) problems.push(`@context must be ${IMAGE_3}`);
	if (!isUri(info.id)) problems.push('id is not an HTTP(S) URI');
	if (info.type !== 'ImageService3') problems.push('type must be ImageService3');
	if (info.protocol !== 'http://iiif.io/api/image')
		problems.push('protocol must be http://iiif.io/api/image');
	if (!['level0', 'level1', 'level2'].includes(info.profile as string))
		problems.push('profile must be level0–2');
	if (!isPositiveInteger(info.width) || !isPositiveInteger(info.height))
		problems.push('width and height must be positive integers');
	for (const tile of (info.tiles as Json[]) ?? []) {
		if (!isPositiveInteger(tile.width)) problems.push('a tile width must be a positive integer');
		const factors = tile.scaleFactors as unknown[];
		if (
			!Array.isArray(factors) ||
			factors.length === 0 ||
			factors.some((factor) => !isPositiveInteger(factor))
		)
			problems.push('scaleFactors must be positive integers');
	}
	for (const size of (info.sizes as Json[]) ?? []) {
		if (!isPositiveInteger(size.width) || !isPositiveInteger(size.height))
			problems.push('sizes must be positive integers');
		if (
			(size.width as number) > (info.width as number) ||
			(size.height as number) > (info.height as number)
		)
			problems.push(`size ${String(size.width)}×${String(size.height)} is larger than the image`);
	}
	return problems;
}

/**
 * The level-0 tile requests a viewer makes for a region at a scale factor, as Image API 3
 * paths below the service in canonical form: `{x},{y},{w},{h}/{tw},{th}/0/default.jpg`.
 */
export function tileRequests(info: InfoJson): { path: string; width: number; height: number }[] {
	const requests: { path: string; width: number; height: number }[] = [];
	for (const tile of info.tiles) {
		const tileHeight = tile.height ?? tile.width;
		for (const factor of tile.scaleFactors) {
			const step = tile.width * factor;
			const stepY = tileHeight * factor;
			for (let y = 0; y < info.height; y += stepY) {
				for (let x = 0; x < info.width; x += step) {
					const w = Math.min(step, info.width - x);
					const h = Math.min(stepY, info.height - y);
					const width = Math.ceil(w / factor);
					const height = Math.ceil(h / factor);
					// The canonical region of the whole image is `full` (Image API 3, 4.7).
					const region = w === info.width && h === info.height ? 'full' : `${x},${y},${w},${h}`;
					requests.push({
						path: `${region}/${width},${height}/0/default.jpg`,
						width,
						height,
					});
				}
			}
		}
	}
	return requests;
}
