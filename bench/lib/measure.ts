/**
 * Measuring a process: wall time, peak RSS and CPU of a command run to completion, by GNU
 * time when present, else (for a Node command) by a preloaded rusage hook; plus the CPU of
 * the children a Node command leaves behind, and the load average the machine was under.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './paths.ts';
import { LEFT_BEHIND_FILE_VAR, LEFT_BEHIND_HOOK, RUSAGE_FILE_VAR, RUSAGE_HOOK } from './process-hooks.ts';

export const GNU_TIME = '/usr/bin/time';

export interface Run {
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

export const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** The files a measured command writes into its scratch folder. */
interface Files {
  out: string;
  err: string;
  time: string;
  usage: string;
  leftBehind: string;
}

function scratchFiles(scratch: string): Files {
  mkdirSync(scratch, { recursive: true });
  const files = {
    out: join(scratch, 'stdout.txt'),
    err: join(scratch, 'stderr.txt'),
    time: join(scratch, 'time.txt'),
    usage: join(scratch, 'rusage.json'),
    leftBehind: join(scratch, 'left-behind.json'),
  };
  rmSync(files.time, { force: true });
  rmSync(files.usage, { force: true });
  rmSync(files.leftBehind, { force: true });
  return files;
}

/** The command wrapped for measuring: GNU time around it, or (Node) the hooks preloaded into it. */
function instrument(command: string, args: string[], env: NodeJS.ProcessEnv, scratch: string, files: Files, node: boolean): { argv: string[]; env: NodeJS.ProcessEnv } {
  let argv = [command, ...args];
  const childEnv = { ...env };
  if (node) {
    const hook = join(scratch, 'left-behind-hook.mjs');
    writeFileSync(hook, LEFT_BEHIND_HOOK);
    argv = [command, '--import', pathToFileURL(hook).href, ...args];
    childEnv[LEFT_BEHIND_FILE_VAR] = files.leftBehind;
  }
  if (existsSync(GNU_TIME)) {
    argv = [GNU_TIME, '-o', files.time, '-f', '%e %M %U %S', ...argv];
  } else if (node) {
    const hook = join(scratch, 'rusage-hook.mjs');
    writeFileSync(hook, RUSAGE_HOOK);
    argv = [argv[0]!, '--import', pathToFileURL(hook).href, ...argv.slice(1)];
    childEnv[RUSAGE_FILE_VAR] = files.usage;
  }
  return { argv, env: childEnv };
}

/** Runs the command from the repository's root with its output going to the files; its exit code and wall seconds. */
async function runToFiles(argv: string[], env: NodeJS.ProcessEnv, files: Files): Promise<{ exitCode: number; wallS: number }> {
  const out = openSync(files.out, 'w');
  const err = openSync(files.err, 'w');
  const started = performance.now();
  const exitCode = await new Promise<number>((resolve, reject) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd: ROOT, env, stdio: ['ignore', out, err] });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve(code ?? (signal === null ? 1 : 128)));
  });
  const wallS = (performance.now() - started) / 1000;
  closeSync(out);
  closeSync(err);
  return { exitCode, wallS };
}

/** What GNU time or the hooks reported; the parent's wall time where GNU time did not. */
function readUsage(files: Files, parentWall: number): Pick<Run, 'wallS' | 'rssMb' | 'cpuS' | 'leftBehindCpuS'> {
  let wallS = parentWall;
  let rssMb: number | undefined;
  let cpuS: number | undefined;
  if (existsSync(files.time)) {
    // GNU time appends "Command exited with non-zero status N" before the figures on failure.
    const figures = readFileSync(files.time, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    if (figures.length === 4 && figures.every((f) => Number.isFinite(f))) {
      wallS = figures[0]!;
      rssMb = figures[1]! / 1024;
      cpuS = figures[2]! + figures[3]!;
    }
  } else if (existsSync(files.usage)) {
    const usage = JSON.parse(readFileSync(files.usage, 'utf8')) as { maxRSS: number; cpu: number };
    rssMb = usage.maxRSS / 1024;
    cpuS = usage.cpu;
  }
  let leftBehindCpuS: number | undefined;
  if (existsSync(files.leftBehind)) {
    leftBehindCpuS = (JSON.parse(readFileSync(files.leftBehind, 'utf8')) as { cpu: number }).cpu;
    if (cpuS !== undefined) cpuS += leftBehindCpuS;
  }
  return { wallS, rssMb, cpuS, leftBehindCpuS };
}

/**
 * Runs a command to completion with stdout and stderr going to files (a profiled build logs
 * megabytes), timed by GNU time when present. `node` marks a Node command, which can
 * report its own usage through a preloaded hook when GNU time is absent.
 */
export async function measure(command: string, args: string[], env: NodeJS.ProcessEnv, scratch: string, node = false): Promise<Run> {
  const files = scratchFiles(scratch);
  const wrapped = instrument(command, args, env, scratch, files, node);
  const loadBefore = load();
  const { exitCode, wallS } = await runToFiles(wrapped.argv, wrapped.env, files);
  return {
    ok: exitCode === 0,
    exitCode,
    ...readUsage(files, wallS),
    stdout: readFileSync(files.out, 'utf8'),
    stderr: readFileSync(files.err, 'utf8'),
    load: loadBefore,
  };
}
