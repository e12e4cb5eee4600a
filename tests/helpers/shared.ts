import { fileURLToPath } from 'node:url';

/**
 * `../shared/` beside the checkout: the seed page and the licensed corpus. It is there on
 * every developer machine and in CI; the corpus is read from it and never copied in.
 */
export const SHARED_DIR = fileURLToPath(new URL('../../../shared/', import.meta.url));
export const SEED_FILE = `${SHARED_DIR}seed/000_893873e88a61c0c8.txt`;
export const CORPUS_FILE = `${SHARED_DIR}corpus/news-zh.jsonl`;
export const CORPUS_SAMPLE_FILE = `${SHARED_DIR}corpus/sample-200.jsonl`;
