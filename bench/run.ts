/**
 * `npm run bench`: the build benchmark on generated corpora, side by side with Hugo.
 *
 *   npm run bench -- [--quick] [--sizes 1000,5000,20000] [--seed S] [--hugo-site DIR | --no-hugo] [--daily]
 *                    [--profile | --no-profile] [--no-ingest] [--no-dev] [--no-search] [--keep] [--write]
 *
 * For each N (default 1,000, 5,000 and 20,000; --quick: 1,000): a corpus from bench/corpus/
 * (cached by N, seed and generator version under bench/out/), then a clean
 * `node --import tsx scripts/build.ts` in a child process (KHABAR_NOW fixed, DEBUG unset)
 * timed as a whole process: wall seconds and peak RSS (GNU time; without it, the child's own
 * process.resourceUsage through a preloaded module), HTML pages written, ms per page, and the
 * build's own phase lines (Eleventy, search index). With --hugo-site DIR (the Hugo reference
 * site, see README) and Hugo installed, the same corpus is built by Hugo with the site's
 * layouts-tuned/ and the ratio Khabar/Hugo printed.
 *
 * Where the time goes: one more build of the largest N (every N with --profile; none with
 * --no-profile) with DEBUG=Eleventy:Benchmark and --cpu-prof, summarised as Eleventy's
 * aggregate benchmarks and CPU self time by package / source file.
 *
 * --daily: on the largest N, after the clean build, 15 new posts are added (a later day) and
 * the site rebuilt as the scheduled job would: into a new output folder (the job's checkout
 * has no _site/), with the build cache (KHABAR_CACHE) that the clean build filled and the
 * workflow keeps between runs.
 * Each size's clean build is then searched in Chromium (bench/search.ts: ms from Enter to the
 * first result, requests and bytes; --no-search: not).
 * The dev server benchmark (bench/dev-server.ts; not with --no-dev) runs on the largest N:
 * `npm start`'s first-serve time and, for each kind of edit, the time until the served page shows it.
 * The ingest benchmark (bench/ingest.ts) runs next, then the WordPress import benchmark
 * (bench/import.ts: a generated export of 50,000 posts imported, and the imported site built).
 *
 * Figures are printed; --write also writes them to bench/results.md with the machine. The
 * machine is shared: the load average is printed with every figure. Nothing is asserted.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hugoAvailable } from './lib/hugo.ts';
import { NOW } from './lib/khabar-build.ts';
import { GNU_TIME, load } from './lib/measure.ts';
import { OUT } from './lib/paths.ts';
import { importBench } from './import.ts';
import { searchBench, searchSection, type SearchFigures } from './search.ts';
import { devServerBench, devServerSection, type DevFigures } from './dev-server.ts';
import { cleanBuildsSection, dailySection, importSection, ingestSection, profileSection, Report, writeResults, type DailyResult, type ProfileResult, type SizeResult } from './lib/results.ts';
import { benchOptions, USAGE, type Options } from './options.ts';
import { cleanBuild, dailyRebuild, hugoBuild, ingestBench, prepareCorpus, profileBuild, type Bench } from './steps.ts';

interface Figures {
  sizes: SizeResult[];
  profiles: ProfileResult[];
  daily: DailyResult | undefined;
  search: SearchFigures[];
  dev?: DevFigures;
}

const machine = (): string => `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`;

/** The run's temporary folder (removed on Ctrl-C too), whether Hugo takes part, and the header lines. */
function startBench(opt: Options): Bench {
  mkdirSync(OUT, { recursive: true });
  const runs = mkdtempSync(join(tmpdir(), 'khabar-bench-'));
  // Interrupted: the temporary folders (gigabytes at 20,000 posts) go too.
  process.once('SIGINT', () => {
    if (!opt.keep) rmSync(runs, { recursive: true, force: true });
    process.exit(130);
  });
  const hugoVersion = opt.hugo && opt.hugoSite !== undefined ? hugoAvailable() : undefined;
  console.log(`Khabar build benchmark: sizes ${opt.sizes.join(', ')}, seed ${opt.seed}, KHABAR_NOW ${NOW}`);
  console.log(`node ${process.version}; ${machine()}; load ${load()}`);
  console.log(
    hugoVersion !== undefined
      ? `peer: ${hugoVersion}`
      : !opt.hugo
        ? 'peer: skipped (--no-hugo)'
        : opt.hugoSite === undefined
          ? 'peer: skipped (no Hugo reference site: add --hugo-site DIR to build with Hugo too, see README)'
          : 'peer: hugo not installed (apt-get install -y hugo), skipped',
  );
  console.log(existsSync(GNU_TIME) ? `timing: ${GNU_TIME}` : 'timing: /usr/bin/time absent; wall from the parent, RSS from the child’s process.resourceUsage()');
  console.log('');
  return { opt, runs, hugoVersion, largest: opt.sizes[opt.sizes.length - 1]! };
}

/** Every step for one size N, in order; the scratch folders go as soon as they are done with. */
async function benchSize(bench: Bench, posts: number, figures: Figures): Promise<void> {
  const { opt, largest } = bench;
  console.log(`N = ${posts.toLocaleString('en-US')}`);
  const size = prepareCorpus(bench, posts);
  const build = await cleanBuild(size);
  if (opt.profile === 'all' || (opt.profile === 'largest' && posts === largest)) figures.profiles.push(await profileBuild(bench, size, build));
  if (opt.daily && posts === largest) figures.daily = await dailyRebuild(bench, size, build);
  if (opt.search && build.run.ok) {
    // A browser that cannot start costs the search figures only, not the run's others.
    try {
      figures.search.push(await searchBench(size.output, posts));
    } catch (error) {
      console.error(`  · search measurement failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  if (!opt.keep) rmSync(size.output, { recursive: true, force: true });
  const hugo = await hugoBuild(bench, size);
  if (!opt.keep) rmSync(size.scratch, { recursive: true, force: true });
  figures.sizes.push({ posts, corpus: size.stats, build, hugo });
  if (opt.dev && posts === largest) figures.dev = await devServerBench(size.corpusDir, posts, bench.runs);
  console.log('');
}

function report(figures: Figures): Report {
  const report = new Report();
  cleanBuildsSection(report, figures.sizes);
  if (figures.daily !== undefined) dailySection(report, figures.daily);
  for (const profile of figures.profiles) profileSection(report, profile);
  searchSection(report, figures.search);
  if (figures.dev !== undefined) devServerSection(report, figures.dev);
  return report;
}

async function main(): Promise<void> {
  const opt = benchOptions();
  if (opt.help) {
    console.log(USAGE);
    return;
  }
  const bench = startBench(opt);
  const figures: Figures = { sizes: [], profiles: [], daily: undefined, search: [] };
  let results: Report;
  try {
    for (const posts of opt.sizes) await benchSize(bench, posts, figures);
    results = report(figures);
    if (opt.ingest) ingestSection(results, await ingestBench(bench));
    if (opt.importPosts > 0) {
      console.log('');
      console.log(`WordPress import benchmark (bench/import.ts, ${opt.importPosts.toLocaleString('en-US')} posts)…`);
      importSection(results, await importBench(opt.importPosts, opt.seed, join(bench.runs, 'import'), opt.importBuild));
    }
  } finally {
    if (!opt.keep) rmSync(bench.runs, { recursive: true, force: true });
    else console.log(`kept: ${bench.runs}`);
  }
  if (opt.write) writeResults(results, machine(), bench.hugoVersion);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
