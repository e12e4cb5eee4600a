import { mkdir } from 'node:fs/promises';
import { TMP_ROOT } from '../../support/paths.ts';

/**
 * Every test's scratch folders live under `.tmp/` (ignored by git), which a fresh clone does
 * not have: made once here, so that `npm run test:unit` works on its own.
 */
export default async function setup(): Promise<void> {
	await mkdir(TMP_ROOT, { recursive: true });
}
