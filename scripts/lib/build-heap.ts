/**
 * The build's heap limit, sized to the content. V8 lets the old generation grow to about four
 * times what is live before it collects it in full: at 50,000 posts some 650 MB live became
 * over 2 GB of resident memory, most of it garbage. So the build runs itself once more with
 * `--max-old-space-size` at 1 GB plus 8 MB per 1,000 posts — never above Node's own default
 * limit, which it only lowers — and the collector keeps the heap near what is live. A limit
 * the operator gave (on the command line or in NODE_OPTIONS) is kept as it is.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';

const HEAP_FLAG = '--max-old-space-size';
const BASE_MB = 1024;
const MB_PER_THOUSAND_POSTS = 8;

/** Markdown files under `dir`, at any depth (links are not followed). */
function countPosts(dir: string): number {
  let count = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (entry.isDirectory()) count += countPosts(join(dir, entry.name));
    else if (entry.isFile() && entry.name.endsWith('.md')) count++;
  }
  return count;
}

/** The limit for `posts` posts, in MB: never above `defaultMb` (Node's own). */
export function heapLimitMb(posts: number, defaultMb: number): number {
  return Math.min(defaultMb, BASE_MB + Math.ceil((posts * MB_PER_THOUSAND_POSTS) / 1000));
}

/** Whether Node was given a heap limit, on its command line or in NODE_OPTIONS. */
export function heapLimitGiven(execArgv: readonly string[], nodeOptions = ''): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((flag) => flag === HEAP_FLAG || flag.startsWith(`${HEAP_FLAG}=`));
}

/**
 * Runs this script again with the heap limit and returns its exit status; undefined when this
 * process is to build (it already has a limit, Khabar's or the operator's).
 */
export function rerunWithHeapLimit(contentDir: string): number | undefined {
  if (heapLimitGiven(process.execArgv, process.env.NODE_OPTIONS)) return undefined;
  const defaultMb = Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20);
  const limit = heapLimitMb(countPosts(join(contentDir, 'posts')), defaultMb);
  const child = spawnSync(process.execPath, [`${HEAP_FLAG}=${limit}`, ...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  if (child.error !== undefined) throw child.error;
  return child.status ?? 1;
}
