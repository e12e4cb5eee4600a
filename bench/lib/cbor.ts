/** The CBOR reader moved to `src/search/cbor.ts`, where the search worker reads Pagefind's metadata too. */
export { decodeCbor, type CborValue } from '../../src/search/cbor.ts';
