import {
	heightAt,
	iiifImagePath,
	imgVariants,
	MIME_TYPES,
	variantPath,
	type SourceImage,
} from './page-images.ts';
import type { Region } from './regions.ts';

/**
 * The IIIF Presentation 3 manifest of one issue: one Canvas per page that has an image,
 * painted with the widest page image we publish (JPEG, or WebP for a small source) with
 * its level-0 Image API service of static tiles, and, as annotations, each item's regions
 * with its headline and a link to its page. https://iiif.io/api/presentation/3.0/
 */

export const PRESENTATION_CONTEXT = 'http://iiif.io/api/presentation/3/context.json';

export interface ManifestPage {
	number: number;
	label: string;
	image: SourceImage;
	items: { title: string; href: string; regions: Region[] }[];
}

export interface ManifestInput {
	/** The site's address with a trailing slash. */
	site: string;
	date: string;
	label: string;
	/** The paper's name, for `requiredStatement` and `summary`. */
	paper: string;
	language: string;
	/** The issue page on the site. */
	homepage: string;
	pages: ManifestPage[];
}

const absolute = (site: string, path: string) => new URL(path.replace(/^\//, ''), site).href;
const lang = (language: string, text: string) => ({ [language]: [text] });
const round = (value: number) => Math.round(value);

export function issueManifest(input: ManifestInput): Record<string, unknown> {
	const { site, date, language } = input;
	const base = absolute(site, `/iiif/${date}/`);
	return {
		'@context': PRESENTATION_CONTEXT,
		id: `${base}manifest.json`,
		type: 'Manifest',
		label: lang(language, input.label),
		summary: lang(language, `${input.paper} ${input.label}`),
		requiredStatement: {
			label: lang(language, '来源'),
			value: lang(language, input.paper),
		},
		homepage: [
			{
				id: absolute(site, input.homepage),
				type: 'Text',
				label: lang(language, input.label),
				format: 'text/html',
			},
		],
		behavior: ['paged'],
		items: input.pages.map((page) => {
			const canvas = `${base}canvas/${page.number}`;
			const { image } = page;
			const largest = imgVariants(image).at(-1)!;
			return {
				id: canvas,
				type: 'Canvas',
				label: lang(language, page.label),
				width: image.width,
				height: image.height,
				items: [
					{
						id: `${canvas}/page`,
						type: 'AnnotationPage',
						items: [
							{
								id: `${canvas}/page/image`,
								type: 'Annotation',
								motivation: 'painting',
								body: {
									id: absolute(site, variantPath(image.digest, largest.width, largest.format)),
									type: 'Image',
									format: MIME_TYPES[largest.format],
									width: largest.width,
									height: heightAt(image, largest.width),
									service: [
										{
											id: absolute(site, iiifImagePath(date, page.number)),
											type: 'ImageService3',
											profile: 'level0',
										},
									],
								},
								target: canvas,
							},
						],
					},
				],
				annotations: [
					{
						id: `${canvas}/items`,
						type: 'AnnotationPage',
						items: page.items.flatMap((item, index) =>
							item.regions.map((region, part) => ({
								id: `${canvas}/items/${index + 1}-${part + 1}`,
								type: 'Annotation',
								motivation: 'commenting',
								body: [
									{
										type: 'TextualBody',
										value: item.title,
										language,
										format: 'text/plain',
									},
									{
										id: absolute(site, item.href),
										type: 'Text',
										format: 'text/html',
										language,
									},
								],
								target: `${canvas}#xywh=${round(region.x * image.width)},${round(region.y * image.height)},${round(region.w * image.width)},${round(region.h * image.height)}`,
							})),
						),
					},
				],
			};
		}),
	};
}
