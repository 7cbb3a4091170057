/** Counting what a build wrote: HTML pages, redirect stubs, files and bytes under a folder. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * HTML pages, all files and bytes under an output folder. Redirect stubs (small pages with a
 * meta refresh, e.g. the /page/1/ copies Hugo writes even with aliases off) are counted apart.
 */
export function countOutput(dir: string): { htmlPages: number; redirects: number; files: number; bytes: number } {
  const totals = { htmlPages: 0, redirects: 0, files: 0, bytes: 0 };
  if (!existsSync(dir)) return totals;
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) {
        walk(path);
        continue;
      }
      const size = statSync(path).size;
      totals.files++;
      totals.bytes += size;
      if (!entry.name.endsWith('.html')) continue;
      if (size < 2048 && /http-equiv=["']?refresh/i.test(readFileSync(path, 'utf8'))) totals.redirects++;
      else totals.htmlPages++;
    }
  };
  walk(dir);
  return totals;
}
