import { closeSync, openSync, readSync } from 'node:fs';
import { brotliDecompressSync } from 'node:zlib';
import type { PackChunk } from './pack-writer.ts';

/**
 * Reads the chunks of pack files (pack-writer.ts), uncompressed. A build asks for pages in
 * the order the pack was written, so the last few chunks read are kept: each chunk is
 * decompressed once for all its pages. A chunk that cannot be read — its pack missing or
 * short, its bytes not a Brotli stream of the length recorded — is undefined (its pages are
 * misses); the page CRCs (page-cache.ts) catch bytes that decompress to something else.
 */
export interface PackReader {
  chunk(pack: string, chunk: PackChunk): Buffer | undefined;
  close(): void;
}

/** Chunks kept decompressed (the last used): a build reads from a few packs at once, each in order. */
const KEPT = 8;

export function openPackReader(): PackReader {
  const files = new Map<string, number | null>();
  const kept = new Map<string, Buffer | undefined>();
  const fileOf = (path: string): number | null => {
    let fd = files.get(path);
    if (fd === undefined) {
      try {
        fd = openSync(path, 'r');
      } catch {
        fd = null;
      }
      files.set(path, fd);
    }
    return fd;
  };
  const read = (path: string, { offset, stored, length }: PackChunk): Buffer | undefined => {
    const fd = fileOf(path);
    if (fd === null) return undefined;
    try {
      const compressed = Buffer.allocUnsafe(stored);
      if (readSync(fd, compressed, 0, stored, offset) !== stored) return undefined;
      // No more than the length recorded: a damaged stream cannot make a large buffer. One
      // output buffer of that length (and a byte to spare, so that zlib does not look for
      // more room) rather than zlib's 16 KB pieces: their allocations cost a 50,000-post
      // rebuild 2 s and more garbage collection.
      const bytes = brotliDecompressSync(compressed, { maxOutputLength: Math.max(length, 1), chunkSize: Math.max(length + 1, 64) });
      return bytes.length === length ? bytes : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    chunk(path, chunk) {
      const name = `${path}\0${chunk.offset}\0${chunk.stored}\0${chunk.length}`;
      if (kept.has(name)) {
        const bytes = kept.get(name);
        kept.delete(name);
        kept.set(name, bytes);
        return bytes;
      }
      const bytes = read(path, chunk);
      if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
      kept.set(name, bytes);
      return bytes;
    },
    close() {
      for (const fd of files.values()) if (fd !== null) closeSync(fd);
      files.clear();
      kept.clear();
    },
  };
}
