/** Where the benchmark works: the repository's root and bench/out/ (git-ignored scratch space). */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const OUT = join(ROOT, 'bench', 'out');
