/**
 * `npm run bench`: the build benchmark on generated corpora, side by side with Hugo.
 *
 *   npm run bench -- [--quick] [--sizes 1000,5000,20000] [--seed S] [--no-hugo] [--daily]
 *                    [--profile | --no-profile] [--no-ingest] [--keep] [--write]
 *
 * For each N (default 1,000, 5,000 and 20,000; --quick: 1,000): a corpus from
 * bench/corpus/ (cached by N, seed and generator version under bench/out/), then a
 * clean `node --import tsx scripts/build.ts` in a child process (KHABAR_NOW fixed, DEBUG unset)
 * timed as a whole process: wall seconds and peak RSS (GNU time; without it, the child's own
 * process.resourceUsage through a preloaded module), HTML pages written, ms per page, and the
 * build's own phase lines (Eleventy, search index). With Hugo installed, the same corpus is
 * built by ../shared/bench/hugo with its layouts-tuned/ and the ratio Khabar/Hugo printed.
 *
 * Where the time goes: one more build of the largest N (every N with --profile; none with
 * --no-profile) with DEBUG=Eleventy:Benchmark and --cpu-prof, summarised as Eleventy's
 * aggregate benchmarks and CPU self time by package / source file.
 *
 * --daily: on the largest N, after the clean build, 15 new posts are added (a later day) and
 * the site rebuilt as the scheduled job would: into a new output folder (the job's checkout
 * has no _site/), with the build cache (KHABAR_CACHE) that the clean build filled and the
 * workflow keeps between runs.
 * The ingest benchmark (bench/ingest.ts) runs last when it exists.
 *
 * Figures are printed; --write also writes them to bench/results.md with the machine. The
 * machine is shared: the load average is printed with every figure. Nothing is asserted.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  closeSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { generateCorpus, type CorpusStats } from '../bench/corpus/write.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench', 'out');
const HUGO_SITE = join(ROOT, '..', 'shared', 'bench', 'hugo');
const GNU_TIME = '/usr/bin/time';
const NOW = '2026-01-01T00:00:00Z';
const DAILY_POSTS = 15;
/** The heap a profiled build gets when the clean build ran out of Node's default one. */
const PROFILE_HEAP_MB = 8192;

// ---------------------------------------------------------------- arguments

interface Options {
  sizes: number[];
  seed: string;
  hugo: boolean;
  daily: boolean;
  profile: 'largest' | 'all' | 'none';
  ingest: boolean;
  keep: boolean;
  write: boolean;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean' },
      sizes: { type: 'string' },
      seed: { type: 'string' },
      'no-hugo': { type: 'boolean' },
      daily: { type: 'boolean' },
      profile: { type: 'boolean' },
      'no-profile': { type: 'boolean' },
      'no-ingest': { type: 'boolean' },
      keep: { type: 'boolean' },
      write: { type: 'boolean' },
    },
  });
  const sizes = values.sizes !== undefined ? values.sizes.split(',').map(Number) : values.quick === true ? [1000] : [1000, 5000, 20000];
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--sizes: expected positive integers, found ${values.sizes}`);
  return {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    seed: values.seed ?? '1',
    hugo: values['no-hugo'] !== true,
    daily: values.daily === true,
    profile: values['no-profile'] === true ? 'none' : values.profile === true ? 'all' : 'largest',
    ingest: values['no-ingest'] !== true,
    keep: values.keep === true,
    write: values.write === true,
  };
}

// ---------------------------------------------------------------- measuring a process

interface Run {
  ok: boolean;
  exitCode: number;
  wallS: number;
  /** Peak resident set size, MB; undefined when it could not be measured. */
  rssMb: number | undefined;
  /**
   * User + system CPU of the process, the children it waited for and the children it left
   * behind (Pagefind's processes: see LEFT_BEHIND_HOOK).
   */
  cpuS: number | undefined;
  /** Of cpuS: the children left behind, which GNU time does not see. */
  leftBehindCpuS: number | undefined;
  stdout: string;
  stderr: string;
  load: string;
}

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Reports the child's own resource usage when GNU time is absent (preloaded with --import). */
const RUSAGE_HOOK = `import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  const u = process.resourceUsage();
  writeFileSync(process.env.KHABAR_BENCH_RUSAGE, JSON.stringify({ maxRSS: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6 }));
});
`;

/**
 * Pagefind's processes are started by search workers and never waited for (their library
 * kills them and the worker's event loop ends), so they are still the build's children,
 * exited, when it exits, and no rusage ever counts them. This hook, preloaded into a Node
 * command, adds up the CPU of the children still there at exit (Linux: /proc; elsewhere it
 * reports nothing).
 */
const LEFT_BEHIND_HOOK = `import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
process.on('exit', () => {
  let cpu = 0;
  let children = 0;
  try {
    for (const pid of readdirSync('/proc')) {
      if (!/^[0-9]+$/.test(pid)) continue;
      let stat;
      try { stat = readFileSync('/proc/' + pid + '/stat', 'utf8'); } catch { continue; }
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid) continue;
      children++;
      cpu += (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks (USER_HZ = 100)
    }
  } catch { return; }
  writeFileSync(process.env.KHABAR_BENCH_LEFT_BEHIND, JSON.stringify({ cpu, children }));
});
`;

/**
 * Runs a command to completion with stdout and stderr going to files (a profiled build logs
 * megabytes), timed by GNU time when present. `node` marks a Node command, which can
 * report its own usage through a preloaded hook when GNU time is absent.
 */
async function measure(command: string, args: string[], env: NodeJS.ProcessEnv, scratch: string, node = false): Promise<Run> {
  mkdirSync(scratch, { recursive: true });
  const outFile = join(scratch, 'stdout.txt');
  const errFile = join(scratch, 'stderr.txt');
  const timeFile = join(scratch, 'time.txt');
  const usageFile = join(scratch, 'rusage.json');
  const leftBehindFile = join(scratch, 'left-behind.json');
  rmSync(timeFile, { force: true });
  rmSync(usageFile, { force: true });
  rmSync(leftBehindFile, { force: true });
  let argv = [command, ...args];
  const childEnv = { ...env };
  if (node) {
    const hook = join(scratch, 'left-behind-hook.mjs');
    writeFileSync(hook, LEFT_BEHIND_HOOK);
    argv = [command, '--import', pathToFileURL(hook).href, ...args];
    childEnv.KHABAR_BENCH_LEFT_BEHIND = leftBehindFile;
  }
  if (existsSync(GNU_TIME)) {
    argv = [GNU_TIME, '-o', timeFile, '-f', '%e %M %U %S', ...argv];
  } else if (node) {
    const hook = join(scratch, 'rusage-hook.mjs');
    writeFileSync(hook, RUSAGE_HOOK);
    argv = [argv[0]!, '--import', pathToFileURL(hook).href, ...argv.slice(1)];
    childEnv.KHABAR_BENCH_RUSAGE = usageFile;
  }
  const out = openSync(outFile, 'w');
  const err = openSync(errFile, 'w');
  const loadBefore = load();
  const started = performance.now();
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: ROOT, env: childEnv, stdio: ['ignore', out, err] });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
  const parentWall = (performance.now() - started) / 1000;
  closeSync(out);
  closeSync(err);
  let wallS = parentWall;
  let rssMb: number | undefined;
  let cpuS: number | undefined;
  if (existsSync(timeFile)) {
    // GNU time appends "Command exited with non-zero status N" before the figures on failure.
    const figures = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    if (figures.length === 4 && figures.every((f) => Number.isFinite(f))) {
      wallS = figures[0]!;
      rssMb = figures[1]! / 1024;
      cpuS = figures[2]! + figures[3]!;
    }
  } else if (existsSync(usageFile)) {
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRSS: number; cpu: number };
    rssMb = usage.maxRSS / 1024;
    cpuS = usage.cpu;
  }
  let leftBehindCpuS: number | undefined;
  if (existsSync(leftBehindFile)) {
    leftBehindCpuS = (JSON.parse(readFileSync(leftBehindFile, 'utf8')) as { cpu: number }).cpu;
    if (cpuS !== undefined) cpuS += leftBehindCpuS;
  }
  return {
    ok: exitCode === 0,
    exitCode,
    wallS,
    rssMb,
    cpuS,
    leftBehindCpuS,
    stdout: readFileSync(outFile, 'utf8'),
    stderr: readFileSync(errFile, 'utf8'),
    load: loadBefore,
  };
}

function buildEnv(content: string, output: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KHABAR_CONTENT: content, KHABAR_OUTPUT: output, KHABAR_NOW: NOW, ...extra };
  if (extra.DEBUG === undefined) delete env.DEBUG;
  // A clean build has no build cache; the daily rebuild's builds name theirs.
  if (extra.KHABAR_CACHE === undefined) delete env.KHABAR_CACHE;
  return env;
}

// ---------------------------------------------------------------- a Khabar build

interface BuildFigures {
  run: Run;
  htmlPages: number;
  files: number;
  megabytes: number;
  /** The build's own phase lines, seconds. */
  inProcessS: number | undefined;
  checkS: number | undefined;
  pagesS: number | undefined;
  searchS: number | undefined;
  /** "31,149 of 37,347": pages the page cache gave (builds with a build cache). */
  fromPageCache: string | undefined;
}

/**
 * HTML pages, all files and bytes under an output folder. Redirect stubs (small pages with a
 * meta refresh, e.g. the /page/1/ copies Hugo writes even with aliases off) are counted apart.
 */
function countOutput(dir: string): { htmlPages: number; redirects: number; files: number; bytes: number } {
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

function outOfMemory(build: BuildFigures): boolean {
  return !build.run.ok && /heap out of memory|FatalProcessOutOfMemory/.test(build.run.stderr);
}

function secondsFrom(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match === null ? undefined : Number(match[1]);
}

async function khabarBuild(content: string, output: string, scratch: string, extraEnv: Record<string, string> = {}, nodeFlags: string[] = []): Promise<BuildFigures> {
  const run = await measure(process.execPath, [...nodeFlags, '--import', 'tsx', 'scripts/build.ts'], buildEnv(content, output, extraEnv), scratch, true);
  if (!run.ok) {
    console.error(`  build failed (exit ${run.exitCode}):\n${(run.stderr || run.stdout).trim().split('\n').slice(-15).join('\n')}`);
  }
  const counted = countOutput(output);
  return {
    run,
    htmlPages: counted.htmlPages,
    files: counted.files,
    megabytes: counted.bytes / 1e6,
    inProcessS: secondsFrom(run.stdout, /Built .* in ([\d.]+) s/),
    checkS: secondsFrom(run.stdout, /Checked \d+ posts and \d+ pages in ([\d.]+) s/),
    pagesS: secondsFrom(run.stdout, /Wrote \d+ pages, feeds and sitemaps in ([\d.]+) s/),
    searchS: secondsFrom(run.stdout, /for search in ([\d.]+) s/),
    fromPageCache: ((m) => (m === null ? undefined : `${f0(Number(m[1]))} of ${f0(Number(m[2]))}`))(/; (\d+) of (\d+) from the page cache/.exec(run.stdout)),
  };
}

// ---------------------------------------------------------------- corpora

/** The generator's version: its source and the data it copies. A change invalidates cached corpora. */
function generatorVersion(): string {
  const hash = createHash('sha256');
  const generator = readdirSync(join(ROOT, 'bench', 'corpus'))
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => `bench/corpus/${name}`);
  for (const file of [...generator, 'content/_data/site.yaml', 'content/_data/categories.yaml']) {
    hash.update(readFileSync(join(ROOT, file)));
  }
  return hash.digest('hex').slice(0, 10);
}

function corpus(posts: number, seed: string): { dir: string; stats: CorpusStats; cached: boolean; seconds: number } {
  const prefix = `corpus-${posts}-s${seed.replace(/[^A-Za-z0-9_-]/g, '_')}-`;
  const name = `${prefix}${generatorVersion()}`;
  const dir = join(OUT, name);
  const marker = `${dir}.json`;
  mkdirSync(OUT, { recursive: true });
  // Corpora of older generator versions go.
  for (const entry of readdirSync(OUT)) {
    if (entry.startsWith(prefix) && entry !== name && entry !== `${name}.json`) rmSync(join(OUT, entry), { recursive: true, force: true });
  }
  if (existsSync(marker) && existsSync(dir)) {
    return { dir, stats: JSON.parse(readFileSync(marker, 'utf8')) as CorpusStats, cached: true, seconds: 0 };
  }
  rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  const stats = generateCorpus({ posts, out: dir, seed });
  writeFileSync(marker, `${JSON.stringify(stats)}\n`);
  return { dir, stats, cached: false, seconds: (performance.now() - started) / 1000 };
}

// ---------------------------------------------------------------- Hugo

interface HugoFigures {
  run: Run;
  htmlPages: number;
  redirects: number;
}

function hugoAvailable(): string | undefined {
  const found = spawnSync('hugo', ['version'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

async function hugoBuild(corpusDir: string, scratch: string): Promise<HugoFigures | undefined> {
  const site = join(scratch, 'hugo');
  const output = join(scratch, 'hugo-out');
  rmSync(site, { recursive: true, force: true });
  cpSync(HUGO_SITE, site, { recursive: true });
  spawnSync('chmod', ['-R', 'u+w', site]);
  // The tuned layouts (cached post list and term look-ups) are the peer to beat.
  rmSync(join(site, 'layouts'), { recursive: true, force: true });
  renameSync(join(site, 'layouts-tuned'), join(site, 'layouts'));
  const prepared = spawnSync('bash', [join(site, 'prepare-content.sh'), join(corpusDir, 'posts'), site], { encoding: 'utf8' });
  if (prepared.status !== 0) {
    console.error(`  hugo: prepare-content.sh failed: ${prepared.stderr.trim()}`);
    return undefined;
  }
  const run = await measure('hugo', ['-s', site, '-d', output, '--quiet'], { ...process.env }, join(scratch, 'hugo-run'));
  if (!run.ok) console.error(`  hugo failed (exit ${run.exitCode}): ${run.stderr.trim().split('\n').slice(-5).join('\n')}`);
  const { htmlPages, redirects } = countOutput(output);
  rmSync(site, { recursive: true, force: true });
  rmSync(output, { recursive: true, force: true });
  return { run, htmlPages, redirects };
}

// ---------------------------------------------------------------- where the time goes

interface BenchmarkEntry {
  key: string;
  ms: number;
  percent: number;
  calls: number;
}

/**
 * Eleventy's `DEBUG=Eleventy:Benchmark` lines, with per-file entries folded together
 * ("> Render Content > posts/*.md") so that 20,000 posts make one line, not 20,000.
 */
export function eleventyBenchmarks(stderr: string): BenchmarkEntry[] {
  const totals = new Map<string, BenchmarkEntry>();
  const line = /Benchmark\s+(\d+)ms\s+(\d+)%\s+(\d+)×\s+\(([^)]+)\)\s+(.*?)\s*(?:\+\d+m?s)?$/;
  for (const text of stderr.split('\n')) {
    const match = line.exec(text);
    if (match === null) continue;
    const [, ms, percent, calls, group, rawType] = match;
    let type = rawType!;
    const perFile = /^(> [^>]+ > )(.*?)(?: \(\d+ pages?\))?$/.exec(type);
    if (perFile !== null) {
      const path = perFile[2]!;
      type = perFile[1]! + (path.endsWith('.md') ? (path.includes('/posts/') ? 'posts/*.md' : '*.md') : basename(path));
    }
    const key = `(${group}) ${type}`;
    const entry = totals.get(key) ?? { key, ms: 0, percent: 0, calls: 0 };
    entry.ms += Number(ms);
    entry.percent += Number(percent);
    entry.calls += Number(calls);
    totals.set(key, entry);
  }
  return [...totals.values()].sort((a, b) => b.ms - a.ms);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

interface ProfileSummary {
  totalMs: number;
  byArea: { area: string; ms: number }[];
  byFunction: { name: string; ms: number }[];
}

function areaOf(frame: ProfileNode['callFrame']): string {
  const url = frame.url;
  if (url === '') {
    if (frame.functionName.startsWith('(')) return frame.functionName; // (garbage collector), (idle), (program)
    // Nunjucks compiles each template to a function `root` with blocks `b_<name>`.
    if (frame.functionName === 'root' || frame.functionName.startsWith('b_')) return '(compiled Nunjucks templates)';
    return '(native: fs, V8 built-ins)';
  }
  if (url.startsWith('node:')) return 'node: built-ins';
  const dependency = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  if (dependency !== null) return dependency[1]!;
  const own = /\/(src\/[^/]+\/[^/]+|scripts\/[^/]+|\.eleventy\.ts)$/.exec(url.split('?')[0]!);
  return own !== null ? own[1]! : url;
}

/** CPU self time from a V8 .cpuprofile, by package or Khabar source file, and the top functions. */
export function summariseProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  const areas = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const area = areaOf(frame);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const name = `${frame.functionName || '(anonymous)'} ${area}${frame.url === '' ? '' : `:${frame.lineNumber + 1}`}`;
    functions.set(name, (functions.get(name) ?? 0) + us);
    total += us;
  }
  const sorted = (m: Map<string, number>): [string, number][] => [...m.entries()].sort((a, b) => b[1] - a[1]);
  return {
    totalMs: total / 1000,
    byArea: sorted(areas).map(([area, us]) => ({ area, ms: us / 1000 })),
    byFunction: sorted(functions).map(([name, us]) => ({ name, ms: us / 1000 })),
  };
}

// ---------------------------------------------------------------- report

const f1 = (n: number | undefined): string => (n === undefined ? '–' : n.toFixed(1));
const f2 = (n: number | undefined): string => (n === undefined ? '–' : n.toFixed(2));
const f0 = (n: number | undefined): string => (n === undefined ? '–' : Math.round(n).toLocaleString('en-US'));

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

interface SizeResult {
  posts: number;
  corpus: CorpusStats;
  build: BuildFigures;
  hugo: HugoFigures | undefined;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  const opt = options();
  mkdirSync(OUT, { recursive: true });
  const runs = mkdtempSync(join(tmpdir(), 'khabar-bench-'));
  // Interrupted: the temporary folders (gigabytes at 20,000 posts) go too.
  process.once('SIGINT', () => {
    if (!opt.keep) rmSync(runs, { recursive: true, force: true });
    process.exit(130);
  });
  const hugoVersion = opt.hugo ? hugoAvailable() : undefined;
  const largest = opt.sizes[opt.sizes.length - 1]!;
  const report: string[] = [];
  const say = (text = ''): void => {
    console.log(text);
    report.push(text);
  };
  const note = (text: string): void => console.log(`  · ${text}`);

  const nodeVersion = process.version;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB`;
  console.log(`Khabar build benchmark: sizes ${opt.sizes.join(', ')}, seed ${opt.seed}, KHABAR_NOW ${NOW}`);
  console.log(`node ${nodeVersion}; ${machine}; load ${load()}`);
  console.log(hugoVersion !== undefined ? `peer: ${hugoVersion}` : opt.hugo ? 'peer: hugo not installed (apt-get install -y hugo), skipped' : 'peer: skipped (--no-hugo)');
  console.log(existsSync(GNU_TIME) ? `timing: ${GNU_TIME}` : 'timing: /usr/bin/time absent; wall from the parent, RSS from the child’s process.resourceUsage()');
  console.log('');

  const results: SizeResult[] = [];
  const profiles: { posts: number; build: BuildFigures; benchmarks: BenchmarkEntry[]; cpu: ProfileSummary | undefined; heapFlags: string[] }[] = [];
  let daily: { clean: BuildFigures; rebuild: BuildFigures } | undefined;

  try {
    for (const posts of opt.sizes) {
      console.log(`N = ${posts.toLocaleString('en-US')}`);
      const generated = corpus(posts, opt.seed);
      note(
        generated.cached
          ? `corpus cached: ${generated.dir}`
          : `corpus generated in ${generated.seconds.toFixed(1)} s: ${generated.dir} (${generated.stats.megabytes} MB)`,
      );
      // Builds read a copy in the temporary folder: Eleventy skips git-ignored paths such as
      // bench/out/, and the daily rebuild adds posts, which must never reach the cache.
      const scratch = join(runs, String(posts));
      const content = join(scratch, 'content');
      cpSync(generated.dir, content, { recursive: true, preserveTimestamps: true });
      const output = join(scratch, 'site');
      note(`clean build… (load ${load()})`);
      // With --daily, the largest clean build also fills the build cache the scheduled job keeps
      // (parsed content, search shards, pages), as the previous scheduled run would have left it.
      const cacheDir = join(scratch, 'cache');
      const withCache: Record<string, string> = opt.daily && posts === largest ? { KHABAR_CACHE: cacheDir } : {};
      const build = await khabarBuild(content, output, join(scratch, 'clean'), withCache);
      note(
        build.run.ok
          ? `${f1(build.run.wallS)} s wall, ${f0(build.run.rssMb)} MB peak RSS, ${f0(build.htmlPages)} HTML pages, ` +
              `${f2((build.run.wallS * 1000) / Math.max(1, build.htmlPages))} ms/page`
          : `FAILED after ${f1(build.run.wallS)} s${outOfMemory(build) ? ' (out of memory)' : ''}, ${f0(build.run.rssMb)} MB peak RSS, ` +
              `${f0(build.htmlPages)} HTML pages written before`,
      );

      if (opt.profile === 'all' || (opt.profile === 'largest' && posts === largest)) {
        // A build that ran out of Node's default heap leaves no profile: profile it with a larger heap.
        const heapFlags = outOfMemory(build) ? [`--max-old-space-size=${PROFILE_HEAP_MB}`] : [];
        note(`profiled build (DEBUG=Eleventy:Benchmark, --cpu-prof${heapFlags.length > 0 ? `, ${heapFlags[0]}` : ''})…`);
        const profDir = join(scratch, 'cpu-prof');
        const profiledOutput = join(scratch, 'site-profiled');
        const profiled = await khabarBuild(content, profiledOutput, join(scratch, 'profiled'), { DEBUG: 'Eleventy:Benchmark' }, [
          ...heapFlags,
          '--cpu-prof',
          '--cpu-prof-dir',
          profDir,
        ]);
        let cpu: ProfileSummary | undefined;
        const profileFile = existsSync(profDir) ? readdirSync(profDir).find((f) => f.endsWith('.cpuprofile')) : undefined;
        if (profileFile !== undefined) cpu = summariseProfile(JSON.parse(readFileSync(join(profDir, profileFile), 'utf8')) as CpuProfile);
        profiles.push({ posts, build: profiled, benchmarks: eleventyBenchmarks(profiled.run.stderr), cpu, heapFlags });
        note(`profiled build ${profiled.run.ok ? '' : 'FAILED after '}${f1(profiled.run.wallS)} s (with the profilers' overhead), ${f0(profiled.run.rssMb)} MB peak RSS`);
        if (!opt.keep) rmSync(profiledOutput, { recursive: true, force: true });
      }

      if (opt.daily && posts === largest) {
        const added = generateCorpus({
          posts: DAILY_POSTS,
          out: content,
          seed: opt.seed,
          batch: 'daily-1',
          end: '2025-12-29',
          perDay: DAILY_POSTS,
          exactPerDay: true,
          append: true,
        });
        note(`daily: ${added.posts} posts added on ${added.to}; rebuilding with the build cache into a new output folder…`);
        const dailyOutput = join(scratch, 'site-daily');
        const rebuild = await khabarBuild(content, dailyOutput, join(scratch, 'daily'), withCache);
        if (!opt.keep) rmSync(dailyOutput, { recursive: true, force: true });
        note(
          rebuild.run.ok && build.run.ok
            ? `daily rebuild ${f1(rebuild.run.wallS)} s vs clean ${f1(build.run.wallS)} s (${f2(rebuild.run.wallS / build.run.wallS)}×)`
            : `daily rebuild ${rebuild.run.ok ? 'done' : 'FAILED'} after ${f1(rebuild.run.wallS)} s`,
        );
        daily = { clean: build, rebuild };
      }
      if (!opt.keep) rmSync(output, { recursive: true, force: true });

      let hugo: HugoFigures | undefined;
      if (hugoVersion !== undefined) {
        note('hugo build…');
        hugo = await hugoBuild(generated.dir, scratch);
        if (hugo !== undefined) {
          note(`hugo ${f1(hugo.run.wallS)} s wall, ${f0(hugo.run.rssMb)} MB, ${f0(hugo.htmlPages)} HTML pages (+${f0(hugo.redirects)} redirect stubs)`);
        }
      }
      if (!opt.keep) rmSync(scratch, { recursive: true, force: true });
      results.push({ posts, corpus: generated.stats, build, hugo });
      console.log('');
    }

    // ------------------------------------------------------------ the figures
    say('## Clean builds');
    say('');
    say(
      table(
        ['posts', 'HTML pages', 'files', 'MB', 'wall s', 'RSS MB', 'CPU s', 'Pagefind CPU s', 'ms/page', 'build s', 'check s', 'pages s', 'search s', 'hugo s', 'hugo RSS MB', 'hugo CPU s', 'hugo pages', 'khabar/hugo', 'load 1/5/15'],
        results.map((r) => [
          r.posts.toLocaleString('en-US'),
          f0(r.build.htmlPages),
          f0(r.build.files),
          f0(r.build.megabytes),
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
          r.hugo === undefined || !r.build.run.ok ? '–' : f2(r.build.run.wallS / r.hugo.run.wallS),
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
        'sitemaps or search) and uses every core; khabar/hugo is the ratio of wall times. HTML pages leave out ' +
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

    if (daily !== undefined) {
      say('');
      say(`## Daily rebuild (N = ${largest.toLocaleString('en-US')}, +${DAILY_POSTS} posts, build cache, new output folder as in the workflow)`);
      say('');
      say(
        table(
          ['build', 'wall s', 'CPU s', 'Pagefind CPU s', 'RSS MB', 'HTML pages', 'check s', 'pages s', 'pages from the page cache', 'load 1/5/15'],
          [daily.clean, daily.rebuild].map((b, i) => [
            i === 0 ? 'clean (fills the cache)' : 'daily rebuild',
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
              `${f2((daily.rebuild.run.cpuS ?? NaN) / (daily.clean.run.cpuS ?? NaN))} CPU (target ≤ 0.3)`
          : 'daily / clean: no ratio, a build failed',
      );
    }

    for (const p of profiles) {
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

    if (opt.ingest && existsSync(join(ROOT, 'bench', 'ingest.ts'))) {
      console.log('');
      console.log('ingest benchmark (bench/ingest.ts)…');
      const ingest = await measure(process.execPath, ['--import', 'tsx', 'bench/ingest.ts'], { ...process.env }, join(runs, 'ingest'), true);
      say('');
      say(`## Ingest (bench/ingest.ts; load ${ingest.load})`);
      say('');
      say('```');
      say((ingest.ok ? ingest.stdout : `failed (exit ${ingest.exitCode})\n${ingest.stderr}`).trim());
      say('```');
    }
  } finally {
    if (!opt.keep) rmSync(runs, { recursive: true, force: true });
    else console.log(`kept: ${runs}`);
  }

  if (opt.write) {
    const header = [
      '# Benchmark results',
      '',
      `Written by \`npm run bench -- ${process.argv.slice(2).join(' ')}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
      `Machine: ${machine}; node ${nodeVersion}${hugoVersion !== undefined ? `; ${hugoVersion}` : ''}; load average at the end ${load()}.`,
      'Absolute times drift on a shared machine; compare ratios measured in one run.',
      '',
    ];
    mkdirSync(join(ROOT, 'bench'), { recursive: true });
    writeFileSync(join(ROOT, 'bench', 'results.md'), `${[...header, ...report].join('\n')}\n`);
    console.log('\nwritten: bench/results.md');
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
