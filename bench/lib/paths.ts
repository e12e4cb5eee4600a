import { join } from 'node:path';
import { PROJECT_ROOT, TMP_ROOT } from '../../support/paths.ts';

/** Where the benchmark keeps its work, its results and the baseline site it builds. */

export const BENCH_TMP = join(TMP_ROOT, 'bench');
export const RESULTS_DIR = join(PROJECT_ROOT, 'bench', 'results');
export const BASELINE_SOURCE = join(PROJECT_ROOT, 'bench', 'baseline-site');
