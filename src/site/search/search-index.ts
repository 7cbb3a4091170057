import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { SEARCH_FOLD } from '../../model/search-text.ts';
import { typeScriptWorkerUrl } from '../../model/ts-worker.ts';
import { codeVersion } from '../code-version.ts';
import { readShard, storeShard } from './shard-cache.ts';
import { openFileWriter, type FileWriter } from '../write/file-writer.ts';
import { closeSearch, indexShard } from './search-shard.ts';
import type { SearchPost, ShardAnswer, ShardTask } from './types.ts';

/**
 * The search index (Pagefind), made from the posts' rendered bodies — not by reading the
 * HTML pages back — while the pages are being written: shards are indexed by search
 * workers (search-worker.ts), each with its own Pagefind process, on the other cores.
 *
 * The index is split into shards of SHARD_SIZE posts, oldest first, so a new post only
 * changes the newest shard: each shard's bundle is kept in the build cache under the hash of
 * its records, and a rebuild indexes only the shards whose posts changed. The newest shard
 * is the main bundle at /pagefind/ (its pagefind.js is the one the search page loads); older
 * shards are at /pagefind/older/<n>/, listed newest first in /pagefind/khabar-shards.json,
 * and the search page merges them in (templates/assets/search.js); the file also holds the
 * folding of indexed text (model/search-text.ts), which the page applies to queries.
 * Smaller shards would make daily rebuilds cheaper but every search would load more indexes.
 */

const SHARD_SIZE = 5000;
/** The code that makes a shard's records: part of its cache key. */
const RECORD_CODE = [
  new URL('./search-shard.ts', import.meta.url),
  new URL('./search-copy.ts', import.meta.url),
  new URL('../../model/search-text.ts', import.meta.url),
  new URL('../render/filters.ts', import.meta.url),
  new URL('../../model/dates.ts', import.meta.url),
  new URL('../../../package-lock.json', import.meta.url),
];
const SHARDS_FILE = 'khabar-shards.json';
/** A cached shard's file, after its key (shard-cache.ts). */
const SHARD_FILE = '.shard';

export interface SearchOptions {
  outputDir: string;
  /** Where shard bundles are kept between builds; none: every shard is indexed. */
  cacheDir?: string;
  /** The site's time zone: the dates results show. */
  timeZone: string;
  shardSize?: number;
  /**
   * Shards indexed at once, each by a worker with its own Pagefind process; 0: one after
   * the other from this thread. By default, workers when there are two shards or more to index.
   */
  workers?: number;
  /** The workers' (and so their Pagefind processes') niceness on Linux, e.g. 10: the dev server's index gives way to its pages. */
  nice?: number;
}

/** Two Pagefind processes keep two cores busy; each holds its shard's index in memory. */
const WORKERS = 2;

interface ShardJob {
  n: number;
  posts: SearchPost[];
  dir: string;
}

/** Indexes the jobs, `workers` at a time; `done` is called as each one is written. */
async function indexShards(jobs: ShardJob[], timeZone: string, workers: number, done: (job: ShardJob) => void, nice?: number): Promise<void> {
  const url = workers > 0 ? typeScriptWorkerUrl(new URL('./search-worker.ts', import.meta.url)) : undefined;
  if (url === undefined) {
    try {
      for (const job of jobs) {
        await indexShard(job.posts, timeZone, job.dir);
        done(job);
      }
    } finally {
      await closeSearch();
    }
    return;
  }
  const queue = [...jobs];
  const runWorker = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const worker = new Worker(url, nice === undefined ? {} : { workerData: { nice } });
      let current: ShardJob | undefined;
      const next = (): void => {
        current = queue.shift();
        const task: ShardTask = current === undefined ? { close: true } : { posts: current.posts, timeZone, dir: current.dir };
        worker.postMessage(task);
      };
      worker.on('message', (answer: ShardAnswer) => {
        if ('failed' in answer) {
          queue.length = 0;
          current = undefined;
          reject(new Error(answer.error));
          void worker.terminate();
          return;
        }
        done(current!);
        next();
      });
      worker.on('error', (error) => {
        queue.length = 0;
        reject(error);
      });
      worker.on('exit', (code) => {
        if (current === undefined) resolve();
        else reject(new Error(`a search worker stopped (exit ${code}) while indexing ${current.dir}`));
      });
      next();
    });
  await Promise.all(Array.from({ length: Math.min(workers, jobs.length) }, runWorker));
}

export interface SearchSummary {
  pages: number;
  byLanguage: Record<string, number>;
  shards: number;
  fromCache: number;
  seconds: number;
}

let recordCode: string | undefined;

/**
 * The cache key of a shard: a hash of everything its records are made from (the records
 * themselves would cost a text extraction per post), the time zone the dates are shown in,
 * the code that makes records and Pagefind's version.
 */
function shardKey(posts: readonly SearchPost[], timeZone: string): string {
  recordCode ??= codeVersion(RECORD_CODE);
  const hash = createHash('sha256').update(`khabar-search ${recordCode} pagefind ${pagefindVersion()} ${timeZone}\n`);
  for (const post of posts) {
    const categories = post.categories.map((c) => c.name).join('\u0000');
    hash.update(`${post.url}\u0001${post.title}\u0001${post.date.toISOString()}\u0001${post.lang}\u0001${categories}\u0001${post.source?.name ?? ''}\u0001`);
    hash.update(post.item.content).update('\u0002');
  }
  return hash.digest('hex').slice(0, 32);
}

let version: string | undefined;
function pagefindVersion(): string {
  // The package exports no package.json; it sits one folder above the entry point (lib/index.js).
  version ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('pagefind')), 'utf8')) as { version: string }).version;
  return version;
}

/**
 * Writes <outputDir>/pagefind/ for `posts` (newest first, as the site index keeps them).
 * The old bundle is removed first, so no stale index file remains.
 */
export async function writeSearchIndex(posts: readonly SearchPost[], options: SearchOptions): Promise<SearchSummary> {
  const started = performance.now();
  const size = options.shardSize ?? SHARD_SIZE;
  const bundleDir = join(options.outputDir, 'pagefind');
  rmSync(bundleDir, { recursive: true, force: true });

  // Only what a record needs crosses to a worker.
  const oldestFirst = posts.map(
    ({ url, title, date, lang, categories, source, item }): SearchPost => ({
      url,
      title,
      date,
      lang,
      categories: categories.map(({ name }) => ({ name })),
      source: source === undefined ? undefined : { name: source.name },
      item: { content: item.content },
    }),
  ).reverse();
  const shards: SearchPost[][] = [];
  for (let i = 0; i < oldestFirst.length; i += size) shards.push(oldestFirst.slice(i, i + size));
  if (shards.length === 0) shards.push([]);
  const newest = shards.length - 1;
  const dirOf = (n: number): string => (n === newest ? bundleDir : join(bundleDir, 'older', String(n)));

  // Shards found in the cache (each file matching its checksum) are copied; the others are indexed, the newest first (it is
  // the one a daily rebuild has to index), then stored in the cache.
  let fromCache = 0;
  const keys = new Map<number, string>();
  const jobs: ShardJob[] = [];
  const cacheDir = options.cacheDir === undefined ? undefined : join(options.cacheDir, 'search');
  if (cacheDir !== undefined) mkdirSync(cacheDir, { recursive: true });
  // A cached shard's files (~5,000 a shard) are written by a thread of their own.
  let restored: FileWriter<string> | undefined;
  try {
    for (let n = newest; n >= 0; n--) {
      // Each shard's hashing and reading is this thread's work: between shards, whatever else
      // waits (a page the dev server is asked for) goes first.
      if (n !== newest) await new Promise((resolve) => setImmediate(resolve));
      if (cacheDir !== undefined) {
        const key = shardKey(shards[n]!, options.timeZone);
        keys.set(n, key);
        const cached = join(cacheDir, `${key}${SHARD_FILE}`);
        const files = existsSync(cached) ? readShard(cached) : undefined;
        if (files !== undefined) {
          restored ??= openFileWriter<string>(bundleDir);
          for (const [path, bytes] of files) {
            const file = join(dirOf(n), path);
            await restored.write(file, bytes, file);
          }
          fromCache++;
          continue;
        }
        // Damaged (or missing): dropped, and the shard indexed again (and stored afresh).
        rmSync(cached, { force: true });
      }
      jobs.push({ n, posts: shards[n]!, dir: dirOf(n) });
    }
    await restored?.close();
  } catch (error) {
    await restored?.abort();
    throw error;
  }
  const store = (job: ShardJob): void => {
    if (cacheDir === undefined) return;
    // (The newest shard's folder also holds the older shards: those are not part of it.)
    storeShard(job.dir, join(cacheDir, `${keys.get(job.n)!}${SHARD_FILE}`), job.n === newest ? join(bundleDir, 'older') : undefined);
  };
  await indexShards(jobs, options.timeZone, options.workers ?? (jobs.length > 1 ? WORKERS : 0), store, options.nice);
  if (cacheDir !== undefined) pruneCache(cacheDir, new Set([...keys.values()].map((key) => `${key}${SHARD_FILE}`)));

  const older = shards.map((_, n) => n).filter((n) => n !== newest).reverse().map((n) => `/pagefind/older/${n}/`);
  // With the folding the index was made with: the search page folds queries the same way.
  writeFileSync(join(bundleDir, SHARDS_FILE), `${JSON.stringify({ shards: older, fold: SEARCH_FOLD })}\n`);

  const byLanguage: Record<string, number> = {};
  for (let n = 0; n < shards.length; n++) {
    const entry = JSON.parse(readFileSync(join(dirOf(n), 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { page_count: number }> };
    for (const [lang, { page_count }] of Object.entries(entry.languages)) byLanguage[lang] = (byLanguage[lang] ?? 0) + page_count;
  }
  return {
    pages: Object.values(byLanguage).reduce((a, b) => a + b, 0),
    byLanguage,
    shards: shards.length,
    fromCache,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Removes the cached shards this build did not use (the cache holds one site's shards), and any of an older format. */
function pruneCache(dir: string, keep: ReadonlySet<string>): void {
  for (const name of readdirSync(dir)) if (!keep.has(name)) rmSync(join(dir, name), { recursive: true, force: true });
}

/** The build's line about the search index. */
export function describeSearchIndex(summary: SearchSummary, posts: number): string {
  const languages = Object.entries(summary.byLanguage).sort(([a], [b]) => (a < b ? -1 : 1)).map(([lang, n]) => `${lang} ${n}`).join(', ');
  const cache = summary.shards > 1 || summary.fromCache > 0 ? `; ${summary.shards} shards, ${summary.fromCache} from the cache` : '';
  return `Indexed ${summary.pages} of ${posts} pages${languages === '' ? '' : ` (${languages})`} for search in ${summary.seconds.toFixed(2)} s${cache}`;
}
