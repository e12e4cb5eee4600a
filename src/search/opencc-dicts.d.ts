// opencc-js ships its dictionaries as plain ES modules without type declarations.
declare module 'opencc-js/dict/*' {
	const dictionary: string;
	export default dictionary;
}
