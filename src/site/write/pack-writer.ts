import { closeSync, openSync } from 'node:fs';
import { open as openFile, type FileHandle } from 'node:fs/promises';
import { brotliCompress, brotliCompressSync, constants, type BrotliOptions } from 'node:zlib';

/**
 * Appends byte strings (pages) to a new pack file, in compressed chunks: pages are gathered
 * into chunks of about CHUNK_BYTES, and each chunk is compressed (Brotli) and written in the
 * background, so the thread that renders the pages does not wait for either. `append` copies
 * the bytes (the caller's buffer is reused) and says where they will be: which chunk, and the
 * offset in that chunk's uncompressed bytes; `close` says where each chunk is in the file.
 *
 * Why chunks and not pages: list pages reprint the posts' text, and neighbouring pages share
 * most of their markup, so one Brotli stream over a megabyte of pages finds far more to take
 * out than one per page (measured on a 5,000-post site: 4.9× smaller against 3.1× for a
 * deflate stream per page, with less CPU both ways). A cache hit then decompresses its whole
 * chunk, once for the pages that follow it (pack-reader.ts keeps the last few).
 */
export interface PackWriter {
  /** [chunk number in this pack, offset in the chunk's uncompressed bytes]. */
  append(bytes: Buffer): [number, number];
  /** Waits for every chunk to be compressed and written and closes the file; rejects if one failed. */
  close(): Promise<PackChunk[]>;
}

/** A chunk of a pack: where its compressed bytes are, and how long it is uncompressed. */
export interface PackChunk {
  offset: number;
  stored: number;
  length: number;
}

/** Uncompressed bytes a chunk gathers before it is compressed (a larger page is a chunk alone). */
export const CHUNK_BYTES = 1024 * 1024;

/**
 * Quality 1: measured on a 5,000-post site's pages, quality 4 would make the chunks 10% smaller
 * for 3.8× the CPU; a 16 MB window (most of it unused) costs nothing at this quality.
 */
const COMPRESSION: BrotliOptions = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
};

/**
 * Chunks compressed at once in libuv's thread pool (4 threads; the pages' files are written
 * by a thread of their own, file-writer.ts); beyond this the caller compresses the next chunk itself, which also bounds
 * the memory held by chunks waiting.
 */
const IN_POOL = 2;

export function openPackWriter(path: string): PackWriter {
  // Made at once (so a name taken is an error here), written through a handle.
  closeSync(openSync(path, 'wx'));
  const handle: Promise<FileHandle> = openFile(path, 'r+');
  let chunk: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  const chunks: PackChunk[] = [];
  let end = 0;
  let compressing = 0;
  const spare: Buffer[] = [];
  const pending = new Set<Promise<void>>();
  let failure: unknown;

  const track = (work: Promise<void>): void => {
    const done: Promise<void> = work
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => pending.delete(done));
    pending.add(done);
  };
  // The chunk's place in the file is taken when its compressed bytes are ready.
  const write = async (n: number, length: number, compressed: Buffer): Promise<void> => {
    const offset = end;
    end += compressed.length;
    chunks[n] = { offset, stored: compressed.length, length };
    const file = await handle;
    for (let done = 0; done < compressed.length; ) {
      done += (await file.write(compressed, done, compressed.length - done, offset + done)).bytesWritten;
    }
  };
  /** Compresses and writes `bytes` as chunk `n`; `reuse` goes back to the spare buffers after. */
  const store = (n: number, bytes: Buffer, reuse: Buffer | undefined): void => {
    const release = (): void => {
      if (reuse !== undefined) spare.push(reuse);
    };
    if (compressing >= IN_POOL) {
      const compressed = brotliCompressSync(bytes, COMPRESSION);
      release();
      track(write(n, bytes.length, compressed));
      return;
    }
    compressing++;
    track(
      new Promise<Buffer>((resolve, reject) => {
        brotliCompress(bytes, COMPRESSION, (error, compressed) => (error === null ? resolve(compressed) : reject(error)));
      })
        .finally(() => {
          compressing--;
          release();
        })
        .then((compressed) => write(n, bytes.length, compressed)),
    );
  };
  let next = 0;
  const flush = (): void => {
    if (used === 0) return;
    store(next++, chunk.subarray(0, used), chunk);
    chunk = spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
  };

  return {
    append(bytes) {
      if (used > 0 && bytes.length > CHUNK_BYTES - used) flush();
      if (bytes.length > CHUNK_BYTES) {
        // Larger than a chunk: a chunk of its own, compressed from its own copy.
        store(next, Buffer.from(bytes), undefined);
        return [next++, 0];
      }
      const offset = used;
      bytes.copy(chunk, used);
      used += bytes.length;
      return [next, offset];
    },
    async close() {
      flush();
      while (pending.size > 0) await Promise.all(pending);
      await (await handle).close();
      if (failure !== undefined) throw failure;
      return chunks;
    },
  };
}
