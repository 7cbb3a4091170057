/**
 * A Khabar build measured as a whole process (`node --import tsx scripts/build.ts` with
 * KHABAR_NOW fixed, DEBUG unset), with the figures read from its output and its phase lines.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countOutput } from './output-count.ts';
import { measure, type Run } from './measure.ts';
import { f0 } from './table.ts';

/** The build's clock: every run renders the same "now". */
export const NOW = '2026-01-01T00:00:00Z';

export interface BuildFigures {
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
  /** Bytes of the home page's sidebars (<aside>…</aside>), which every page carries. */
  sidebarBytes: number | undefined;
}

/** The sidebars' bytes on the home page, or undefined when there is none. */
function sidebarBytes(output: string): number | undefined {
  const home = join(output, 'index.html');
  if (!existsSync(home)) return undefined;
  const html = readFileSync(home);
  const at = html.indexOf('<aside');
  const end = html.indexOf('</aside>', at);
  return at === -1 || end === -1 ? undefined : end + '</aside>'.length - at;
}

function buildEnv(content: string, output: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, KHABAR_CONTENT: content, KHABAR_OUTPUT: output, KHABAR_NOW: NOW, ...extra };
  if (extra.DEBUG === undefined) delete env.DEBUG;
  // A clean build has no build cache; the daily rebuild's builds name theirs.
  if (extra.KHABAR_CACHE === undefined) delete env.KHABAR_CACHE;
  return env;
}

export function outOfMemory(build: BuildFigures): boolean {
  return !build.run.ok && /heap out of memory|FatalProcessOutOfMemory/.test(build.run.stderr);
}

function secondsFrom(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  return match === null ? undefined : Number(match[1]);
}

export async function khabarBuild(content: string, output: string, scratch: string, extraEnv: Record<string, string> = {}, nodeFlags: string[] = []): Promise<BuildFigures> {
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
    sidebarBytes: sidebarBytes(output),
    fromPageCache: ((m) => (m === null ? undefined : `${f0(Number(m[1]))} of ${f0(Number(m[2]))}`))(/; (\d+) of (\d+) from the page cache/.exec(run.stdout)),
  };
}
