/**
 * Runs a long-running TypeScript command as one bundled JavaScript file (esbuild), so the
 * process carries no tsx loader (a thread of its own and some 40 MB): `npm run
 * import-wordpress` uses it, whose peak memory is a target. Packages stay outside the bundle
 * and are found in node_modules as usual; the bundle is written to node_modules/.cache/khabar/.
 *
 *   node scripts/lib/run-bundled.mjs <command.ts> [its arguments…]
 *
 * Code that finds a source file beside itself (import.meta.url) would look in the cache
 * folder: such code reads KHABAR_SOURCE_ROOT, set here to the file URL of src/.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
const [entry, ...args] = process.argv.slice(2);
if (entry === undefined) {
  console.error('usage: node scripts/lib/run-bundled.mjs <command.ts> [arguments…]');
  process.exit(2);
}
const source = resolve(entry);
const cache = join(root, 'node_modules', '.cache', 'khabar');
const outfile = join(cache, `${basename(source, '.ts')}.mjs`);
const bundled = await build({
  entryPoints: [source],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  write: false,
  outfile,
  logLevel: 'warning',
  define: { KHABAR_SOURCE_ROOT: JSON.stringify(pathToFileURL(join(root, 'src/')).href) },
});
// Written beside its final name and renamed: two runs at once never read half a file.
mkdirSync(cache, { recursive: true });
const temporary = `${outfile}.${process.pid}.tmp`;
writeFileSync(temporary, bundled.outputFiles[0].contents);
renameSync(temporary, outfile);
process.argv = [process.argv[0], source, ...args];
await import(pathToFileURL(outfile).href);
