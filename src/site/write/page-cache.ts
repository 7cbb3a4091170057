import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import writeFileAtomic from 'write-file-atomic';
import { openPackReader } from './pack-reader.ts';
import { openPackWriter, type PackChunk, type PackWriter } from './pack-writer.ts';

/**
 * The page cache, in the build cache (KHABAR_CACHE/pages/): every page's own bytes, as its
 * templates made them (before the shared fragments are spliced in: fragments.ts), by URL,
 * with the key of everything the page was made from (page-keys.ts). A rebuild takes a page
 * whose key has not changed from here instead of rendering it.
 *
 * The bytes are kept in pack files, compressed a chunk of pages at a time (pack-writer.ts):
 * each build that renders pages appends them to one new pack, and index.json says where
 * each chunk is (pack, offset, compressed and uncompressed length) and where each URL's bytes
 * are (chunk, offset in it, length, CRC-32). When the packs hold much more than the pages
 * still in use (pages that changed leave their old bytes behind), or there are too many, the
 * build writes every page to its new pack and the old packs go.
 *
 * Nothing here can make a wrong page: an entry whose pack is missing or short, whose chunk
 * does not decompress to its recorded length, or whose bytes fail their CRC is a miss, and
 * the page is rendered. Two builds sharing one cache folder at once only lose each other's
 * entries (the last index written wins).
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

/** [key, chunk number in `chunks`, offset in the chunk's uncompressed bytes, length, CRC-32] */
type Entry = [string, number, number, number, number];
/** [pack number in `packs`, offset in the pack, compressed length, uncompressed length] */
type Chunk = [number, number, number, number];

interface Index {
  version: number;
  salt: string;
  packs: string[];
  /** Every chunk of every pack kept, used or not (what is stale counts towards a rewrite). */
  chunks: Chunk[];
  pages: Record<string, Entry>;
}

/** 2: compressed chunks (1: each page's bytes as they are): a cache of another version is not read. */
const VERSION = 2;
const INDEX = 'index.json';
/** More packs than this (one per build that changed pages) and the next build compacts. */
const MAX_PACKS = 12;
/**
 * The packs may hold this many times the bytes of the pages in use before the next build
 * rewrites them: the workflow uploads the whole cache every run, and a rewrite only costs
 * compressing the pages again (about 4 ms a megabyte), not rendering them.
 */
const STALE_LIMIT = 1.5;

function readIndex(dir: string, salt: string): Index | undefined {
  try {
    const index = JSON.parse(readFileSync(join(dir, INDEX), 'utf8')) as Index;
    const valid = index.version === VERSION && index.salt === salt && Array.isArray(index.packs) && Array.isArray(index.chunks);
    return valid && typeof index.pages === 'object' && index.pages !== null ? index : undefined;
  } catch {
    return undefined; // none yet, or unreadable: start empty
  }
}

/** Where a page this build keeps is: in a chunk of the old index, or of this build's pack. */
type Kept = [key: string, inNewPack: boolean, chunk: number, offset: number, length: number, crc: number];

/**
 * @param salt what every key also depends on (the code's version): a cache made with another
 *   salt is not used, and its packs are removed on commit.
 */
export function openPageCache(dir: string, salt: string): PageCache {
  mkdirSync(dir, { recursive: true });
  const old = readIndex(dir, salt);
  const oldEntries = new Map(Object.entries(old?.pages ?? {}));
  const oldPacks = old?.packs ?? [];
  const oldChunks = old?.chunks ?? [];

  // Compact when the packs hold much more than the pages in use (uncompressed, both).
  let live = 0;
  for (const entry of oldEntries.values()) live += entry[3];
  const present = oldPacks.map((pack) => existsSync(join(dir, pack)));
  let stored = 0;
  for (const [pack, , , length] of oldChunks) if (present[pack] === true) stored += length;
  const rewrite = old === undefined || oldPacks.length >= MAX_PACKS || stored > STALE_LIMIT * live;

  const reader = openPackReader();
  const kept = new Map<string, Kept>();

  // This build's pack, made on the first write.
  const newPack = `pages-${Date.now().toString(36)}-${process.pid}.pack`;
  let writer: PackWriter | undefined;
  const append = (url: string, key: string, bytes: Buffer, crc: number): void => {
    writer ??= openPackWriter(join(dir, newPack));
    const [chunk, offset] = writer.append(bytes);
    kept.set(url, [key, true, chunk, offset, bytes.length, crc]);
  };

  let hits = 0;
  const close = async (): Promise<PackChunk[]> => {
    reader.close();
    return (await writer?.close()) ?? [];
  };

  return {
    get(url, key, into) {
      const entry = oldEntries.get(url);
      if (entry === undefined || entry[0] !== key) return undefined;
      const [, chunk, offset, length, crc] = entry;
      const row = oldChunks[chunk];
      const pack = row === undefined ? undefined : oldPacks[row[0]];
      if (row === undefined || pack === undefined) return undefined;
      const bytes = reader.chunk(join(dir, pack), { offset: row[1], stored: row[2], length: row[3] });
      if (bytes === undefined || offset + length > bytes.length) return undefined;
      const page = bytes.subarray(offset, offset + length);
      if (crc32(page) !== crc) return undefined;
      const target = into.length >= length ? into.subarray(0, length) : Buffer.allocUnsafe(length);
      page.copy(target);
      hits++;
      if (rewrite) append(url, key, target, crc);
      else kept.set(url, [key, false, chunk, offset, length, crc]);
      return target;
    },
    put(url, key, bytes) {
      append(url, key, bytes, crc32(bytes));
    },
    async commit() {
      const newChunks = await close();
      // The chunks of every old pack still used (all of them: see Index), then this build's.
      const packs: string[] = [];
      const chunks: Chunk[] = [];
      const usedOld = new Set<number>();
      for (const [, inNewPack, chunk] of kept.values()) if (!inNewPack) usedOld.add(oldChunks[chunk]![0]);
      const packNumber = new Map<number, number>();
      const chunkNumber = new Map<number, number>();
      oldChunks.forEach(([pack, offset, compressed, length], n) => {
        if (!usedOld.has(pack)) return;
        if (!packNumber.has(pack)) packNumber.set(pack, packs.push(oldPacks[pack]!) - 1);
        chunkNumber.set(n, chunks.push([packNumber.get(pack)!, offset, compressed, length]) - 1);
      });
      const firstNew = chunks.length;
      if (newChunks.length > 0) {
        const pack = packs.push(newPack) - 1;
        for (const { offset, stored, length } of newChunks) chunks.push([pack, offset, stored, length]);
      }
      const pages: Record<string, Entry> = {};
      for (const [url, [key, inNewPack, chunk, offset, length, crc]] of kept) {
        pages[url] = [key, inNewPack ? firstNew + chunk : chunkNumber.get(chunk)!, offset, length, crc];
      }
      // No fsync: entries are checked by length and CRC when read, so a torn write is only misses.
      writeFileAtomic.sync(join(dir, INDEX), JSON.stringify({ version: VERSION, salt, packs, chunks, pages } satisfies Index), { fsync: false });
      const used = new Set(packs);
      for (const file of readdirSync(dir)) {
        if (file.endsWith('.pack') && !used.has(file)) rmSync(join(dir, file), { force: true });
      }
      return { hits, pages: kept.size, rewrote: rewrite };
    },
    async abandon() {
      await close().catch(() => undefined); // the build's own error is the one to report
      if (writer !== undefined) rmSync(join(dir, newPack), { force: true });
    },
  };
}
