/**
 * Where the time goes: Eleventy's DEBUG=Eleventy:Benchmark lines folded by kind, and a V8
 * .cpuprofile summarised as CPU self time by package or source file and by function.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export interface BenchmarkEntry {
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

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
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

/** The summary of the .cpuprofile that `--cpu-prof --cpu-prof-dir DIR` left in DIR, if any. */
export function readProfile(dir: string): ProfileSummary | undefined {
  const file = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.cpuprofile')) : undefined;
  return file === undefined ? undefined : summariseProfile(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile);
}
