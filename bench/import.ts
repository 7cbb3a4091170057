/**
 * The import benchmark (`npm run bench`'s import row): a generated WordPress export of N posts
 * (bench/wordpress/export.ts, cached under bench/out/ by N, seed and generator version) is
 * imported by the real command into a fresh content folder, timed as a whole process (wall,
 * peak RSS, CPU), then the imported site is built. Prints figures, asserts nothing.
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { khabarBuild, type BuildFigures } from './lib/khabar-build.ts';
import { load, measure, type Run } from './lib/measure.ts';
import { OUT, ROOT } from './lib/paths.ts';
import { generateExport } from './wordpress/export.ts';

export interface ImportFigures {
  posts: number;
  exportMb: number;
  years: number;
  run: Run;
  written: number | undefined;
  build: BuildFigures | undefined;
}

/** The export of N posts, generated once per generator version. */
function cachedExport(posts: number, seed: string): { file: string; seconds: number } {
  const version = createHash('sha1').update(readFileSync(join(ROOT, 'bench', 'wordpress', 'export.ts'))).digest('hex').slice(0, 10);
  const file = join(OUT, `wordpress-${posts}-s${seed}-${version}.xml`);
  if (existsSync(file)) return { file, seconds: 0 };
  mkdirSync(OUT, { recursive: true });
  const started = performance.now();
  generateExport({ posts, out: `${file}.partial`, perDay: 8, end: '2025-12-28', seed });
  renameSync(`${file}.partial`, file);
  return { file, seconds: (performance.now() - started) / 1000 };
}

/** The arguments after `node` of package.json's import-wordpress script. */
function importCommandArgs(): string[] {
  const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const [node, ...args] = scripts['import-wordpress']!.split(/\s+/);
  if (node !== 'node') throw new Error(`package.json's import-wordpress script does not start with node: ${scripts['import-wordpress']}`);
  return args;
}

export async function importBench(posts: number, seed: string, scratch: string, build: boolean): Promise<ImportFigures> {
  const { file, seconds } = cachedExport(posts, seed);
  const exportMb = statSync(file).size / 1e6;
  console.log(`  · export of ${posts.toLocaleString('en-US')} posts: ${exportMb.toFixed(0)} MB${seconds > 0 ? `, generated in ${seconds.toFixed(1)} s` : ' (cached)'}`);
  const content = join(scratch, 'content');
  mkdirSync(content, { recursive: true });
  cpSync(join(ROOT, 'content', '_data'), join(content, '_data'), { recursive: true });
  console.log(`  · import… (load ${load()})`);
  // The command as `npm run import-wordpress` runs it (its heap settings included).
  const run = await measure(
    process.execPath,
    [...importCommandArgs(), file, '--out', content, '--report', join(scratch, 'import-report.json')],
    { ...process.env },
    join(scratch, 'import-run'),
    true,
  );
  const report = existsSync(join(scratch, 'import-report.json')) ? (JSON.parse(readFileSync(join(scratch, 'import-report.json'), 'utf8')) as { written: { posts: number } }) : undefined;
  console.log(`  · ${run.wallS.toFixed(1)} s wall, ${run.rssMb?.toFixed(0) ?? '?'} MB peak RSS, ${run.cpuS?.toFixed(1) ?? '?'} CPU s${run.ok ? '' : ` — failed (exit ${run.exitCode}): ${run.stderr.trim().split('\n').slice(-3).join(' ')}`}`);
  let built: BuildFigures | undefined;
  if (build && run.ok) {
    console.log(`  · building the imported site… (load ${load()})`);
    built = await khabarBuild(content, join(scratch, 'site'), join(scratch, 'build-run'));
    console.log(`  · ${built.run.wallS.toFixed(1)} s wall, ${built.run.rssMb?.toFixed(0) ?? '?'} MB peak RSS, ${built.htmlPages.toLocaleString('en-US')} HTML pages${built.run.ok ? '' : ' — failed'}`);
  }
  return { posts, exportMb, years: posts / 8 / 365.25, run, written: report?.written.posts, build: built };
}
