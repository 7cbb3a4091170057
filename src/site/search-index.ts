import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as pagefind from 'pagefind';
import { plainText } from './filters.ts';

/**
 * The search index (Pagefind), made from the posts' rendered bodies — not by reading the
 * HTML pages back — while the pages are being written: Pagefind indexes in its own process,
 * on the other core.
 *
 * The index is split into shards of SHARD_SIZE posts, oldest first, so a new post only
 * changes the newest shard: each shard's bundle is kept in the build cache under the hash of
 * its records, and a rebuild indexes only the shards whose posts changed. The newest shard
 * is the main bundle at /pagefind/ (its pagefind.js is the one the search page loads); older
 * shards are at /pagefind/older/<n>/, listed newest first in /pagefind/khabar-shards.json,
 * and the search page merges them in (templates/assets/search.js). Smaller shards would make
 * daily rebuilds cheaper but every search would load more indexes.
 */

export const SHARD_SIZE = 5000;
/** Bump when what goes into a record changes, so cached shards are not reused. */
const RECORD_FORMAT = 1;
export const SHARDS_FILE = 'khabar-shards.json';

export interface SearchPost {
  url: string;
  title: string;
  date: Date;
  lang: string;
  categories: readonly { name: string }[];
  source: { name: string } | undefined;
  item: { content: string };
}

export interface SearchRecord {
  url: string;
  content: string;
  language: string;
  meta: { title: string; date: string };
  filters: { category: string[] };
  sort: { date: string };
}

/** What Pagefind indexes of a post: its title, body and source; shown with its title and date. */
export function searchRecord(post: SearchPost, dateText: (date: Date) => string): SearchRecord {
  const source = post.source === undefined ? '' : `\nSource: ${post.source.name}`;
  return {
    url: post.url,
    content: `${post.title}\n${plainText(post.item.content)}${source}`,
    language: post.lang,
    meta: { title: post.title, date: dateText(post.date) },
    filters: { category: post.categories.map((c) => c.name) },
    sort: { date: post.date.toISOString() },
  };
}

export interface SearchOptions {
  outputDir: string;
  /** Where shard bundles are kept between builds; none: every shard is indexed. */
  cacheDir?: string;
  dateText: (date: Date) => string;
  shardSize?: number;
}

export interface SearchSummary {
  pages: number;
  byLanguage: Record<string, number>;
  shards: number;
  fromCache: number;
  seconds: number;
}

/** Records sent to Pagefind at once: enough to keep it busy, few enough to bound memory. */
const WINDOW = 64;

async function indexShard(posts: readonly SearchPost[], dateText: (date: Date) => string, dir: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (index === undefined) throw new Error(errors.join('; ') || 'Pagefind did not start');
  const problems: string[] = [];
  const inFlight = new Set<Promise<void>>();
  for (const post of posts) {
    const sent: Promise<void> = index
      .addCustomRecord(searchRecord(post, dateText))
      .then((added) => void problems.push(...added.errors))
      .finally(() => inFlight.delete(sent));
    inFlight.add(sent);
    if (inFlight.size >= WINDOW) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const written = await index.writeFiles({ outputPath: dir });
  problems.push(...written.errors);
  await index.deleteIndex();
  if (problems.length > 0) throw new Error(problems.join('; '));
}

/** The cache key of a shard: a hash of every record it would index. */
function shardKey(posts: readonly SearchPost[], dateText: (date: Date) => string): string {
  const hash = createHash('sha256').update(`khabar-search ${RECORD_FORMAT} pagefind ${pagefindVersion()}\n`);
  for (const post of posts) hash.update(JSON.stringify(searchRecord(post, dateText))).update('\n');
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

  const oldestFirst = [...posts].reverse();
  const shards: SearchPost[][] = [];
  for (let i = 0; i < oldestFirst.length; i += size) shards.push(oldestFirst.slice(i, i + size));
  if (shards.length === 0) shards.push([]);
  const newest = shards.length - 1;
  const dirOf = (n: number): string => (n === newest ? bundleDir : join(bundleDir, 'older', String(n)));

  // One shard at a time (Pagefind holds a shard's whole index in memory until it is
  // written), the newest first: it is the one a daily rebuild has to index.
  let fromCache = 0;
  const keys = new Set<string>();
  if (options.cacheDir !== undefined) mkdirSync(join(options.cacheDir, 'search'), { recursive: true });
  try {
    for (let n = newest; n >= 0; n--) {
      const dir = dirOf(n);
      if (options.cacheDir === undefined) {
        await indexShard(shards[n]!, options.dateText, dir);
        continue;
      }
      const key = shardKey(shards[n]!, options.dateText);
      keys.add(key);
      const cached = join(options.cacheDir, 'search', key);
      if (existsSync(cached)) {
        cpSync(cached, dir, { recursive: true });
        fromCache++;
        continue;
      }
      await indexShard(shards[n]!, options.dateText, dir);
      // Into the cache through a temporary name: a half-copied shard is never found there.
      // (The newest shard's folder also holds the older shards: those are not part of it.)
      const partial = `${cached}.partial-${process.pid}`;
      const olderDir = join(bundleDir, 'older');
      rmSync(partial, { recursive: true, force: true });
      cpSync(dir, partial, { recursive: true, filter: (source) => n !== newest || !source.startsWith(olderDir) });
      rmSync(cached, { recursive: true, force: true });
      renameSync(partial, cached);
    }
  } finally {
    await pagefind.close();
  }
  if (options.cacheDir !== undefined) pruneCache(join(options.cacheDir, 'search'), keys);

  const older = shards.map((_, n) => n).filter((n) => n !== newest).reverse().map((n) => `/pagefind/older/${n}/`);
  writeFileSync(join(bundleDir, SHARDS_FILE), `${JSON.stringify({ shards: older })}\n`);

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

/** Removes the cached shards this build did not use (the cache holds one site's shards). */
function pruneCache(dir: string, keep: ReadonlySet<string>): void {
  for (const name of readdirSync(dir)) if (!keep.has(name)) rmSync(join(dir, name), { recursive: true, force: true });
}

/** The build's line about the search index. */
export function describeSearchIndex(summary: SearchSummary, posts: number): string {
  const languages = Object.entries(summary.byLanguage).sort(([a], [b]) => (a < b ? -1 : 1)).map(([lang, n]) => `${lang} ${n}`).join(', ');
  const cache = summary.shards > 1 || summary.fromCache > 0 ? `; ${summary.shards} shards, ${summary.fromCache} from the cache` : '';
  return `Indexed ${summary.pages} of ${posts} pages${languages === '' ? '' : ` (${languages})`} for search in ${summary.seconds.toFixed(2)} s${cache}`;
}
