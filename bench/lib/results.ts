/**
 * The results: the sections of the report (clean builds, daily rebuild, where the time goes,
 * ingest) printed as Markdown while they are kept, and bench/results.md written from them.
 */
import type { ImportFigures } from '../import.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { CorpusStats } from '../corpus/write.ts';
import type { HugoFigures } from './hugo.ts';
import type { BuildFigures } from './khabar-build.ts';
import { load, type Run } from './measure.ts';
import { ROOT } from './paths.ts';
import type { BenchmarkEntry, ProfileSummary } from './profile.ts';
import { f0, f1, f2, table } from './table.ts';

export interface SizeResult {
  posts: number;
  corpus: CorpusStats;
  build: BuildFigures;
  hugo: HugoFigures | undefined;
}

export interface ProfileResult {
  posts: number;
  build: BuildFigures;
  benchmarks: BenchmarkEntry[];
  cpu: ProfileSummary | undefined;
  heapFlags: string[];
}

export interface DailyResult {
  /** The largest N and the posts the day added. */
  posts: number;
  added: number;
  clean: BuildFigures;
  rebuild: BuildFigures;
  /** The same content built again (nothing changed, every page from the page cache). */
  unchanged: BuildFigures;
  /** `cp -r` of the rebuilt site into a new folder: writing its files and nothing else. */
  copy: Run;
  /** The build cache after the clean build and after the rebuild: what the workflow uploads. */
  cacheAfterClean: { files: number; megabytes: number };
  cacheAfterRebuild: { files: number; megabytes: number };
}

/** The report's lines: each is printed as it is said, and kept for bench/results.md. */
export class Report {
  readonly lines: string[] = [];

  readonly say = (text = ''): void => {
    console.log(text);
    this.lines.push(text);
  };
}

/** The clean builds' table, with Hugo's figures beside them, the growth between sizes and the corpus. */
export function cleanBuildsSection(report: Report, results: SizeResult[]): void {
  const { say } = report;
  say('## Clean builds');
  say('');
  say(
    table(
      ['posts', 'HTML pages', 'files', 'MB', 'sidebars bytes', 'wall s', 'RSS MB', 'CPU s', 'Pagefind CPU s', 'ms/page', 'build s', 'check s', 'pages s', 'search s', 'hugo s', 'hugo RSS MB', 'hugo CPU s', 'hugo pages', 'hugo MB', 'khabar/hugo', 'hugo+pagefind s', 'hugo+pagefind MB', 'khabar/(hugo+pagefind)', 'load 1/5/15'],
      results.map((r) => [
        r.posts.toLocaleString('en-US'),
        f0(r.build.htmlPages),
        f0(r.build.files),
        f0(r.build.megabytes),
        f0(r.build.sidebarBytes),
        r.build.run.ok ? f1(r.build.run.wallS) : `failed (${r.build.run.exitCode})`,
        f0(r.build.run.rssMb),
        f1(r.build.run.cpuS),
        f1(r.build.run.leftBehindCpuS),
        r.build.run.ok ? f2((r.build.run.wallS * 1000) / Math.max(1, r.build.htmlPages)) : '–',
        f1(r.build.inProcessS),
        f1(r.build.checkS),
        f1(r.build.pagesS),
        f1(r.build.searchS),
        r.hugo === undefined ? '–' : f1(r.hugo.run.wallS),
        r.hugo === undefined ? '–' : f0(r.hugo.run.rssMb),
        r.hugo === undefined ? '–' : f1(r.hugo.run.cpuS),
        r.hugo === undefined ? '–' : f0(r.hugo.htmlPages),
        r.hugo === undefined ? '–' : f0(r.hugo.bytes / 1e6),
        r.hugo === undefined || !r.build.run.ok ? '–' : f2(r.build.run.wallS / r.hugo.run.wallS),
        r.hugo?.withSearch === undefined ? '–' : f1(r.hugo.withSearch.wallS),
        r.hugo?.withSearch === undefined ? '–' : f0(r.hugo.withSearch.bytes / 1e6),
        r.hugo?.withSearch === undefined || !r.build.run.ok ? '–' : f2(r.build.run.wallS / r.hugo.withSearch.wallS),
        r.build.run.load,
      ]),
    ),
  );
  say('');
  say(
    'wall s and RSS: the whole `node --import tsx scripts/build.ts` process (Node start-up and TypeScript ' +
      'loading included); CPU s: user + system of the process and all its children, Pagefind’s processes included (GNU time does not see those: the build never waits for them, so a preloaded hook adds up their CPU from /proc at exit); Pagefind CPU s: that part of CPU s; build s: the build’s own ' +
      '"Built … in" line; check s: reading, checking and rendering the Markdown of every content file; pages s: ' +
      'rendering and writing every page, feed and sitemap; search s: the Pagefind index, made at the same time in ' +
      'Pagefind’s own process (so the two overlap). Hugo: ' +
      '`hugo --quiet` with layouts-tuned/, which renders fewer pages (no year/day archives, Atom/JSON feeds, ' +
      'sitemaps or search) and uses every core; khabar/hugo is the ratio of wall times. Hugo + Pagefind, the ' +
      'same-features peer: `hugo --layoutDir layouts-search` then `pagefind --site` over its output (posts only), wall times added. HTML pages leave out ' +
      'redirect stubs (Hugo writes a meta-refresh /page/1/ for every list).',
  );
  const busiest = Math.max(...results.map((r) => Number(r.build.run.load.split(' ')[0])));
  if (busiest > cpus().length) {
    say('');
    say(
      `The machine was busy (1-minute load up to ${busiest.toFixed(1)} on ${cpus().length} cores): wall times include waiting for a CPU; ` +
        'CPU s is the steadier figure, and only ratios measured close together mean much.',
    );
  }
  const completed = results.filter((r) => r.build.run.ok);
  if (completed.length >= 2) {
    const first = completed[0]!;
    const last = completed[completed.length - 1]!;
    const perPage = (r: SizeResult): number => (r.build.run.wallS * 1000) / Math.max(1, r.build.htmlPages);
    say('');
    say(
      `Growth ${first.posts.toLocaleString('en-US')} → ${last.posts.toLocaleString('en-US')} posts: ms/page ×${f2(perPage(last) / perPage(first))}, ` +
        `peak RSS ×${f2((last.build.run.rssMb ?? NaN) / (first.build.run.rssMb ?? NaN))} ` +
        `(+${f0(((last.build.run.rssMb ?? NaN) - (first.build.run.rssMb ?? NaN)) / ((last.posts - first.posts) / 1000))} MB per 1,000 posts).`,
    );
  }
  const c = results[results.length - 1]?.corpus;
  if (c !== undefined) {
    say('');
    say(
      `Corpus (N = ${c.posts.toLocaleString('en-US')}, seed ${c.seed}): ${c.from} … ${c.to}, ${c.postsPerDay} posts a day, ${c.months} months, ` +
        `${c.categoriesPerPost} categories and ${c.tagsPerPost} tags a post (${c.tagsUsed} tags used), ${c.wordsMean} words a post, ` +
        `${(c.faShare * 100).toFixed(1)}% Persian, ${(c.sourceShare * 100).toFixed(0)}% aggregated, ${c.megabytes} MB.`,
    );
  }
}

export function dailySection(report: Report, daily: DailyResult): void {
  const { say } = report;
  say('');
  say(`## Daily rebuild (N = ${daily.posts.toLocaleString('en-US')}, +${daily.added} posts, build cache, new output folder as in the workflow)`);
  say('');
  say(
    table(
      ['build', 'wall s', 'CPU s', 'Pagefind CPU s', 'RSS MB', 'HTML pages', 'check s', 'pages s', 'pages from the page cache', 'load 1/5/15'],
      [daily.clean, daily.rebuild, daily.unchanged].map((b, i) => [
        ['clean (fills the cache)', 'daily rebuild', 'the same again, nothing changed'][i]!,
        b.run.ok ? f1(b.run.wallS) : `failed (${b.run.exitCode}) after ${f1(b.run.wallS)}`,
        f1(b.run.cpuS),
        f1(b.run.leftBehindCpuS),
        f0(b.run.rssMb),
        f0(b.htmlPages),
        f1(b.checkS),
        f1(b.pagesS),
        b.fromPageCache ?? '–',
        b.run.load,
      ]),
    ),
  );
  say('');
  say(
    daily.clean.run.ok && daily.rebuild.run.ok
      ? `daily / clean = ${f2(daily.rebuild.run.wallS / daily.clean.run.wallS)} wall, ` +
          `${f2((daily.rebuild.run.cpuS ?? NaN) / (daily.clean.run.cpuS ?? NaN))} CPU (target ≤ 0.2)`
      : 'daily / clean: no ratio, a build failed',
  );
  const floor = (run: Run): string => (run.ok && daily.clean.run.ok ? `${f1(run.wallS)} s = ${f2(run.wallS / daily.clean.run.wallS)}× the clean build` : 'failed');
  say(
    `floors under a rebuild into a new folder: nothing changed ${floor(daily.unchanged.run)}; ` +
      `\`cp -r\` of the rebuilt site (writing its ${f0(daily.rebuild.files)} files, nothing else) ${floor(daily.copy)}, ${f1(daily.copy.cpuS ?? NaN)} CPU s`,
  );
  say(
    `build cache: ${f0(daily.cacheAfterClean.megabytes)} MB in ${f0(daily.cacheAfterClean.files)} files after the clean build, ` +
      `${f0(daily.cacheAfterRebuild.megabytes)} MB in ${f0(daily.cacheAfterRebuild.files)} files after the daily rebuild (target ≤ 400 MB)`,
  );
}

export function profileSection(report: Report, p: ProfileResult): void {
  const { say } = report;
  say('');
  say(
    `## Where the time goes (N = ${p.posts.toLocaleString('en-US')}, profiled build: ${p.build.run.ok ? '' : `FAILED (exit ${p.build.run.exitCode}) after `}` +
      `${f1(p.build.run.wallS)} s wall with the profilers on${p.heapFlags.length > 0 ? `, ${p.heapFlags.join(' ')} because the clean build ran out of the default heap` : ''}; ` +
      `peak RSS ${f0(p.build.run.rssMb)} MB)`,
  );
  say('');
  const phases = [
    ['whole process (wall)', f1(p.build.run.wallS)],
    ['Node start-up, tsx, imports (wall − "Built in")', f1(p.build.inProcessS === undefined ? undefined : p.build.run.wallS - p.build.inProcessS)],
    ['content check: read, validate, render Markdown', f1(p.build.checkS)],
    ['pages, feeds, sitemaps: render and write', f1(p.build.pagesS)],
    ['Pagefind search index (its own process, at the same time as the pages)', f1(p.build.searchS)],
  ];
  say(table(['phase', 's'], phases));
  if (p.benchmarks.length > 0) {
    say('');
    say('Eleventy’s benchmarks (DEBUG=Eleventy:Benchmark; per-file entries folded; nested entries overlap their parents):');
    say('');
    say(table(['entry', 'ms', '% of 11ty', 'calls'], p.benchmarks.slice(0, 16).map((b) => [b.key, f0(b.ms), String(b.percent), f0(b.calls)])));
  }
  if (p.cpu !== undefined) {
    say('');
    say(`CPU self time of the build process by area (--cpu-prof, ${f1(p.cpu.totalMs / 1000)} s sampled; "(idle)" is waiting: I/O, Pagefind's own process):`);
    say('');
    say(
      table(
        ['area', 's', '%'],
        p.cpu.byArea.slice(0, 14).map((a) => [a.area, f1(a.ms / 1000), f1((a.ms * 100) / p.cpu!.totalMs)]),
      ),
    );
    say('');
    say('Top functions by self time:');
    say('');
    say(table(['function', 'ms'], p.cpu.byFunction.slice(0, 12).map((fn) => [fn.name.replace(ROOT, ''), f0(fn.ms)])));
  }
}

export function ingestSection(report: Report, ingest: Run): void {
  const { say } = report;
  say('');
  say(`## Ingest (bench/ingest.ts; load ${ingest.load})`);
  say('');
  say('```');
  say((ingest.ok ? ingest.stdout : `failed (exit ${ingest.exitCode})\n${ingest.stderr}`).trim());
  say('```');
}

/** The import row: the export, the import as a whole process, and the imported site's build. */
export function importSection(report: Report, figures: ImportFigures): void {
  const { say } = report;
  const { run, build } = figures;
  say('');
  say(`## WordPress import (bench/import.ts; ${f0(figures.posts)} posts over ${figures.years.toFixed(1)} years, ${f0(figures.exportMb)} MB export)`);
  say('');
  say('| step | wall s | RSS MB | CPU s | result | load 1/5/15 |');
  say('|---|---:|---:|---:|---|---:|');
  say(`| import (\`npm run import-wordpress\`) | ${f1(run.wallS)} | ${run.rssMb === undefined ? '–' : f0(run.rssMb)} | ${run.cpuS === undefined ? '–' : f1(run.cpuS)} | ${run.ok ? `${f0(figures.written ?? 0)} posts written` : `failed (exit ${run.exitCode})`} | ${run.load} |`);
  if (build !== undefined) {
    say(`| build of the imported site | ${f1(build.run.wallS)} | ${build.run.rssMb === undefined ? '–' : f0(build.run.rssMb)} | ${build.run.cpuS === undefined ? '–' : f1(build.run.cpuS)} | ${build.run.ok ? `${f0(build.htmlPages)} HTML pages` : 'failed'} | ${build.run.load} |`);
  }
  say('');
  say('Targets (issue 15): import ≤ 60 s with peak RSS ≤ 300 MB; the imported site builds.');
}

/** bench/results.md: a header naming the command, the machine and the load, then the report. */
export function writeResults(report: Report, machine: string, hugoVersion: string | undefined): void {
  const header = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench -- ${process.argv.slice(2).join(' ')}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    `Machine: ${machine}; node ${process.version}${hugoVersion !== undefined ? `; ${hugoVersion}` : ''}; load average at the end ${load()}.`,
    'Absolute times drift on a shared machine; compare ratios measured in one run.',
    '',
  ];
  mkdirSync(join(ROOT, 'bench'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results.md'), `${[...header, ...report.lines].join('\n')}\n`);
  console.log('\nwritten: bench/results.md');
}
