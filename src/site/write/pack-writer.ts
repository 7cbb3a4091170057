import { closeSync, openSync } from 'node:fs';
import { open as openFile, type FileHandle } from 'node:fs/promises';

/**
 * Appends byte strings to a new file through large buffers written in the background: the
 * page cache's pack files take ~700 MB at 20,000 posts, which synchronous writes from the
 * thread that renders the pages would make it wait for. `append` copies the bytes (the
 * caller's buffer is reused) and returns where they will be.
 */
export interface PackWriter {
  /** Offset of the bytes in the file. */
  append(bytes: Buffer): number;
  /** Waits for every write and closes the file; rejects if a write failed. */
  close(): Promise<void>;
}

const CHUNK_BYTES = 4 * 1024 * 1024;

export function openPackWriter(path: string): PackWriter {
  // Made at once (so a name taken is an error here), written through a handle.
  closeSync(openSync(path, 'wx'));
  const handle: Promise<FileHandle> = openFile(path, 'r+');
  let chunk: Buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  let used = 0;
  let chunkStart = 0;
  const spare: Buffer[] = [];
  const pending = new Set<Promise<void>>();
  let failure: unknown;

  const writeAll = async (bytes: Buffer, position: number): Promise<void> => {
    const file = await handle;
    for (let done = 0; done < bytes.length; ) {
      done += (await file.write(bytes, done, bytes.length - done, position + done)).bytesWritten;
    }
  };
  const startWrite = (bytes: Buffer, position: number, reuse: Buffer | undefined): void => {
    const done: Promise<void> = writeAll(bytes, position)
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => {
        pending.delete(done);
        if (reuse !== undefined) spare.push(reuse);
      });
    pending.add(done);
  };
  const flush = (): void => {
    if (used === 0) return;
    startWrite(chunk.subarray(0, used), chunkStart, chunk);
    chunkStart += used;
    chunk = spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES);
    used = 0;
  };

  return {
    append(bytes) {
      const offset = chunkStart + used;
      if (bytes.length > CHUNK_BYTES - used) {
        flush();
        if (bytes.length > CHUNK_BYTES) {
          // Larger than a chunk: written from its own copy.
          startWrite(Buffer.from(bytes), chunkStart, undefined);
          chunkStart += bytes.length;
          return offset;
        }
      }
      bytes.copy(chunk, used);
      used += bytes.length;
      return offset;
    },
    async close() {
      flush();
      while (pending.size > 0) await Promise.all(pending);
      await (await handle).close();
      if (failure !== undefined) throw failure;
    },
  };
}
