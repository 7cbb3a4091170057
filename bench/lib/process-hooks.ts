/**
 * The modules the benchmark preloads (`node --import`) into a measured Node command: its own
 * resource usage when GNU time is absent, and the CPU of the children it leaves behind (/proc).
 * They report through files named by BENCH_* variables: the benchmark's own plumbing, not
 * settings.
 */

/** The variable naming the file RUSAGE_HOOK writes. */
export const RUSAGE_FILE_VAR = 'BENCH_RUSAGE_FILE';
/** The variable naming the file LEFT_BEHIND_HOOK writes. */
export const LEFT_BEHIND_FILE_VAR = 'BENCH_LEFT_BEHIND_FILE';

/** Reports the child's own resource usage when GNU time is absent (preloaded with --import). */
export const RUSAGE_HOOK = `import { writeFileSync } from 'node:fs';
process.on('exit', () => {
  const u = process.resourceUsage();
  writeFileSync(process.env.BENCH_RUSAGE_FILE, JSON.stringify({ maxRSS: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6 }));
});
`;

/**
 * Pagefind's processes are started by search workers and never waited for (their library
 * kills them and the worker's event loop ends), so they are still the build's children,
 * exited, when it exits, and no rusage ever counts them. This hook, preloaded into a Node
 * command, adds up the CPU of the children still there at exit (Linux: /proc; elsewhere it
 * reports nothing).
 */
export const LEFT_BEHIND_HOOK = `import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  // The build runs itself once more (scripts/lib/build-heap.ts), hook included: the process that
  // left Pagefind's behind wrote first, and the parent, with none left, keeps its figures.
  if (children === 0) { try { readFileSync(process.env.BENCH_LEFT_BEHIND_FILE); return; } catch {} }
  writeFileSync(process.env.BENCH_LEFT_BEHIND_FILE, JSON.stringify({ cpu, children }));
});
`;
