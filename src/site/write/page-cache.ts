import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import writeFileAtomic from 'write-file-atomic';
import { openPackWriter, type PackWriter } from './pack-writer.ts';

/**
 * The page cache, in the build cache (KHABAR_CACHE/pages/): every page's own bytes, as its
 * templates made them (before the shared fragments are spliced in: fragments.ts), by URL,
 * with the key of everything the page was made from (page-keys.ts). A rebuild takes a page
 * whose key has not changed from here instead of rendering it.
 *
 * The bytes are kept in pack files: each build that renders pages appends them to one new
 * pack, and index.json says where each URL's bytes are (pack, offset, length, CRC-32). A
 * build reads with one positioned read per page, not one file per page. When the packs hold
 * more than twice the bytes still in use (pages that changed leave their old bytes behind),
 * or there are too many, the build writes every page to its new pack and the old packs go.
 *
 * Nothing here can make a wrong page: an entry whose pack is missing, short or fails its
 * CRC is a miss, and the page is rendered. Two builds sharing one cache folder at once only
 * lose each other's entries (the last index written wins).
 */

export interface PageCache {
  /**
   * The page's cached bytes when its key matches (read into `into` when it fits), else
   * undefined: the page must be rendered and `put`.
   */
  get(url: string, key: string, into: Buffer): Buffer | undefined;
  put(url: string, key: string, bytes: Buffer): void;
  /** Makes this build's pages the cache's entries and removes the packs none of them uses. */
  commit(): Promise<PageCacheStats>;
  /** Closes the files without changing the index (the build failed). */
  abandon(): Promise<void>;
}

export interface PageCacheStats {
  /** Pages taken from the cache. */
  hits: number;
  /** Pages this build wrote (hits and misses). */
  pages: number;
  /** Whether this build wrote every page to a new pack (no cache yet, or compaction). */
  rewrote: boolean;
}

/** [key, pack number in `packs`, offset, length, CRC-32] */
type Entry = [string, number, number, number, number];

interface Index {
  version: number;
  salt: string;
  packs: string[];
  pages: Record<string, Entry>;
}

const VERSION = 1;
const INDEX = 'index.json';
/** More packs than this (one per build that changed pages) and the next build compacts. */
const MAX_PACKS = 12;

function readIndex(dir: string, salt: string): Index | undefined {
  try {
    const index = JSON.parse(readFileSync(join(dir, INDEX), 'utf8')) as Index;
    return index.version === VERSION && index.salt === salt ? index : undefined;
  } catch {
    return undefined; // none yet, or unreadable: start empty
  }
}

/**
 * @param salt what every key also depends on (the code's version): a cache made with another
 *   salt is not used, and its packs are removed on commit.
 */
export function openPageCache(dir: string, salt: string): PageCache {
  mkdirSync(dir, { recursive: true });
  const old = readIndex(dir, salt);
  const oldEntries = new Map(Object.entries(old?.pages ?? {}));
  const oldPacks = old?.packs ?? [];

  // Compact when the packs hold much more than the pages in use.
  let live = 0;
  for (const entry of oldEntries.values()) live += entry[3];
  let stored = 0;
  for (const pack of oldPacks) {
    try {
      stored += statSync(join(dir, pack)).size;
    } catch {
      // a missing pack's entries are misses
    }
  }
  const rewrite = old === undefined || oldPacks.length >= MAX_PACKS || stored > 2 * live;

  const readers = new Map<number, number | null>();
  const readerOf = (pack: number): number | null => {
    let fd = readers.get(pack);
    if (fd === undefined) {
      try {
        fd = openSync(join(dir, oldPacks[pack]!), 'r');
      } catch {
        fd = null;
      }
      readers.set(pack, fd);
    }
    return fd;
  };

  const packs: string[] = [];
  const pages: Record<string, Entry> = {};
  const packNumber = new Map<string, number>();
  const numberOf = (pack: string): number => {
    let n = packNumber.get(pack);
    if (n === undefined) {
      n = packs.push(pack) - 1;
      packNumber.set(pack, n);
    }
    return n;
  };

  // This build's pack, made on the first write.
  const newPack = `pages-${Date.now().toString(36)}-${process.pid}.pack`;
  let writer: PackWriter | undefined;
  const append = (url: string, key: string, bytes: Buffer, crc: number): void => {
    writer ??= openPackWriter(join(dir, newPack));
    pages[url] = [key, numberOf(newPack), writer.append(bytes), bytes.length, crc];
  };

  let hits = 0;
  const close = async (): Promise<void> => {
    for (const fd of readers.values()) if (fd !== null) closeSync(fd);
    readers.clear();
    await writer?.close();
  };

  return {
    get(url, key, into) {
      const entry = oldEntries.get(url);
      if (entry === undefined || entry[0] !== key) return undefined;
      const [, pack, offset, length, crc] = entry;
      const fd = readerOf(pack);
      if (fd === null) return undefined;
      const target = into.length >= length ? into.subarray(0, length) : Buffer.allocUnsafe(length);
      let read: number;
      try {
        read = readSync(fd, target, 0, length, offset);
      } catch {
        return undefined;
      }
      if (read !== length || crc32(target) !== crc) return undefined;
      hits++;
      if (rewrite) append(url, key, target, crc);
      else pages[url] = [key, numberOf(oldPacks[pack]!), offset, length, crc];
      return target;
    },
    put(url, key, bytes) {
      append(url, key, bytes, crc32(bytes));
    },
    async commit() {
      await close();
      // No fsync: entries are checked by length and CRC when read, so a torn write is only misses.
      writeFileAtomic.sync(join(dir, INDEX), JSON.stringify({ version: VERSION, salt, packs, pages } satisfies Index), { fsync: false });
      const used = new Set(packs);
      for (const file of readdirSync(dir)) {
        if (file.endsWith('.pack') && !used.has(file)) rmSync(join(dir, file), { force: true });
      }
      return { hits, pages: Object.keys(pages).length, rewrote: rewrite };
    },
    async abandon() {
      await close().catch(() => undefined); // the build's own error is the one to report
      if (writer !== undefined) rmSync(join(dir, newPack), { force: true });
    },
  };
}
