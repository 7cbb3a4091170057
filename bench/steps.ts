/**
 * The benchmark's steps for one size N: the corpus, the clean build, the profiled build, the
 * daily rebuild and Hugo's build of the same corpus; and the ingest benchmark, run last.
 * Each prints its progress lines and returns its figures.
 */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus, type CorpusStats } from './corpus/write.ts';
import type { Options } from './options.ts';
import { cachedCorpus } from './lib/corpus-cache.ts';
import { countOutput } from './lib/output-count.ts';
import { hugoBuild as buildWithHugo, type HugoFigures } from './lib/hugo.ts';
import { khabarBuild, outOfMemory, type BuildFigures } from './lib/khabar-build.ts';
import { load, measure, type Run } from './lib/measure.ts';
import { eleventyBenchmarks, readProfile } from './lib/profile.ts';
import type { DailyResult, ProfileResult } from './lib/results.ts';
import { f0, f1, f2 } from './lib/table.ts';

/** The posts the daily rebuild adds: a day of news. */
export const DAILY_POSTS = 15;
/** The heap a profiled build gets when the clean build ran out of Node's default one. */
const PROFILE_HEAP_MB = 8192;

/** What every step of a run shares. */
export interface Bench {
  opt: Options;
  /** The temporary folder of this run's builds. */
  runs: string;
  /** `hugo version`'s line when Hugo takes part. */
  hugoVersion: string | undefined;
  largest: number;
}

/** One size's corpus, copied into its scratch folder, and where its builds go. */
export interface SizeRun {
  posts: number;
  corpusDir: string;
  stats: CorpusStats;
  scratch: string;
  content: string;
  output: string;
  /** The build cache's variable for the clean build and the daily rebuild (the largest N with --daily). */
  cache: Record<string, string>;
}

const note = (text: string): void => console.log(`  · ${text}`);

/** The cached (or newly generated) corpus of N posts, copied into the scratch folder the builds read. */
export function prepareCorpus(bench: Bench, posts: number): SizeRun {
  const generated = cachedCorpus(posts, bench.opt.seed, bench.opt.perDay);
  note(
    generated.cached
      ? `corpus cached: ${generated.dir}`
      : `corpus generated in ${generated.seconds.toFixed(1)} s: ${generated.dir} (${generated.stats.megabytes} MB)`,
  );
  // Builds read a copy in the temporary folder: Eleventy skips git-ignored paths such as
  // bench/out/, and the daily rebuild adds posts, which must never reach the cache.
  const scratch = join(bench.runs, String(posts));
  const content = join(scratch, 'content');
  cpSync(generated.dir, content, { recursive: true, preserveTimestamps: true });
  // With --daily, the largest clean build also fills the build cache the scheduled job keeps
  // (parsed content, search shards, pages), as the previous scheduled run would have left it.
  const cache: Record<string, string> = bench.opt.daily && posts === bench.largest ? { KHABAR_CACHE: join(scratch, 'cache') } : {};
  return { posts, corpusDir: generated.dir, stats: generated.stats, scratch, content, output: join(scratch, 'site'), cache };
}

export async function cleanBuild(size: SizeRun): Promise<BuildFigures> {
  note(`clean build… (load ${load()})`);
  const build = await khabarBuild(size.content, size.output, join(size.scratch, 'clean'), size.cache);
  note(
    build.run.ok
      ? `${f1(build.run.wallS)} s wall, ${f0(build.run.rssMb)} MB peak RSS, ${f0(build.htmlPages)} HTML pages, ` +
          `${f2((build.run.wallS * 1000) / Math.max(1, build.htmlPages))} ms/page; ${f0(build.files)} files, ${f0(build.megabytes)} MB; sidebars ${f0(build.sidebarBytes)} bytes`
      : `FAILED after ${f1(build.run.wallS)} s${outOfMemory(build) ? ' (out of memory)' : ''}, ${f0(build.run.rssMb)} MB peak RSS, ` +
          `${f0(build.htmlPages)} HTML pages written before`,
  );
  return build;
}

/** One more build with DEBUG=Eleventy:Benchmark and --cpu-prof, summarised. */
export async function profileBuild(bench: Bench, size: SizeRun, clean: BuildFigures): Promise<ProfileResult> {
  // A build that ran out of Node's default heap leaves no profile: profile it with a larger heap.
  const heapFlags = outOfMemory(clean) ? [`--max-old-space-size=${PROFILE_HEAP_MB}`] : [];
  note(`profiled build (DEBUG=Eleventy:Benchmark, --cpu-prof${heapFlags.length > 0 ? `, ${heapFlags[0]}` : ''})…`);
  const profDir = join(size.scratch, 'cpu-prof');
  const profiledOutput = join(size.scratch, 'site-profiled');
  const profiled = await khabarBuild(size.content, profiledOutput, join(size.scratch, 'profiled'), { DEBUG: 'Eleventy:Benchmark' }, [
    ...heapFlags,
    '--cpu-prof',
    '--cpu-prof-dir',
    profDir,
  ]);
  note(`profiled build ${profiled.run.ok ? '' : 'FAILED after '}${f1(profiled.run.wallS)} s (with the profilers' overhead), ${f0(profiled.run.rssMb)} MB peak RSS`);
  if (!bench.opt.keep) rmSync(profiledOutput, { recursive: true, force: true });
  return { posts: size.posts, build: profiled, benchmarks: eleventyBenchmarks(profiled.run.stderr), cpu: readProfile(profDir), heapFlags };
}

/**
 * A later day's posts added, and the site rebuilt as the scheduled job would: into a new
 * output folder (the job's checkout has no _site/), with the build cache the clean build filled.
 */
export async function dailyRebuild(bench: Bench, size: SizeRun, clean: BuildFigures): Promise<DailyResult> {
  const cacheOf = (): { files: number; megabytes: number } => {
    const counted = countOutput(size.cache.KHABAR_CACHE ?? '');
    return { files: counted.files, megabytes: counted.bytes / 1e6 };
  };
  const cacheAfterClean = cacheOf();
  const added = generateCorpus({
    posts: DAILY_POSTS,
    out: size.content,
    seed: bench.opt.seed,
    batch: 'daily-1',
    end: '2025-12-29',
    perDay: DAILY_POSTS,
    exactPerDay: true,
    append: true,
  });
  note(`daily: ${added.posts} posts added on ${added.to}; rebuilding with the build cache into a new output folder…`);
  const dailyOutput = join(size.scratch, 'site-daily');
  const rebuild = await khabarBuild(size.content, dailyOutput, join(size.scratch, 'daily'), size.cache);
  const cacheAfterRebuild = cacheOf();
  // The floors under any rebuild into a new folder: the same content built again, every page
  // from the page cache; and the rebuilt site's files copied, which is writing them and no more.
  note('daily: the same content again, nothing changed (every page from the page cache)…');
  const unchangedOutput = join(size.scratch, 'site-unchanged');
  const unchanged = await khabarBuild(size.content, unchangedOutput, join(size.scratch, 'unchanged'), size.cache);
  rmSync(unchangedOutput, { recursive: true, force: true });
  note('daily: the rebuilt site copied to a new folder (cp -r)…');
  const copyOutput = join(size.scratch, 'site-copy');
  const copy = await measure('cp', ['-r', dailyOutput, copyOutput], { ...process.env }, join(size.scratch, 'copy'));
  rmSync(copyOutput, { recursive: true, force: true });
  if (!bench.opt.keep) rmSync(dailyOutput, { recursive: true, force: true });
  note(`build cache: ${f0(cacheAfterClean.megabytes)} MB (${f0(cacheAfterClean.files)} files) after the clean build, ${f0(cacheAfterRebuild.megabytes)} MB after the rebuild`);
  note(
    rebuild.run.ok && clean.run.ok
      ? `daily rebuild ${f1(rebuild.run.wallS)} s vs clean ${f1(clean.run.wallS)} s (${f2(rebuild.run.wallS / clean.run.wallS)}×)`
      : `daily rebuild ${rebuild.run.ok ? 'done' : 'FAILED'} after ${f1(rebuild.run.wallS)} s`,
  );
  note(`no-change rebuild ${f1(unchanged.run.wallS)} s; cp -r of the site ${f1(copy.wallS)} s (${f1(copy.cpuS ?? NaN)} CPU s)`);
  return { posts: size.posts, added: DAILY_POSTS, clean, rebuild, unchanged, copy, cacheAfterClean, cacheAfterRebuild };
}

/** The same corpus built by Hugo, when it takes part. */
export async function hugoBuild(bench: Bench, size: SizeRun): Promise<HugoFigures | undefined> {
  if (bench.hugoVersion === undefined || bench.opt.hugoSite === undefined) return undefined;
  note('hugo build…');
  const hugo = await buildWithHugo(bench.opt.hugoSite, size.corpusDir, size.scratch);
  if (hugo !== undefined) {
    note(`hugo ${f1(hugo.run.wallS)} s wall, ${f0(hugo.run.rssMb)} MB, ${f0(hugo.htmlPages)} HTML pages (+${f0(hugo.redirects)} redirect stubs), ${f0(hugo.bytes / 1e6)} MB of output`);
    const search = hugo.withSearch;
    if (search !== undefined) {
      note(`hugo + pagefind ${f1(search.wallS)} s wall (hugo ${f1(search.hugo.wallS)} s, pagefind ${f1(search.pagefind.wallS)} s, ${f0(search.pagefind.rssMb)} MB), ${f0(search.bytes / 1e6)} MB of output`);
    }
  }
  return hugo;
}

/** bench/ingest.ts in a child process, measured like a build. */
export async function ingestBench(bench: Bench): Promise<Run> {
  console.log('');
  console.log('ingest benchmark (bench/ingest.ts)…');
  return measure(process.execPath, ['--import', 'tsx', 'bench/ingest.ts'], { ...process.env }, join(bench.runs, 'ingest'), true);
}
