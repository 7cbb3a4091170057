import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { typeScriptWorkerUrl } from '../../model/ts-worker.ts';

/**
 * Writes the pages' files on a thread of their own (file-write-worker.ts), so that the build's
 * thread renders the next pages while the kernel makes the last ones' folders and files: at
 * 50,000 posts that is ~140,000 files, 2.1 GB, ~13 s of system time. Files go in batches (one
 * message, one buffer, for a few hundred files); the batches' buffers come back to be filled
 * again, and at most MAX_BATCHES are in flight.
 *
 * One thread writing one file after the other: many writes in flight (Node's thread pool)
 * cost the kernel two to three times the CPU for the same files, in the same folders.
 * Without worker threads (no tsx to start one), files are written in this thread.
 */

export interface WriteBatch {
  id: number;
  /** Absolute paths, checked by the caller (output-path.ts). */
  files: string[];
  /** Each file's length in `buffer`, one after the other. */
  lengths: number[];
  buffer: ArrayBuffer;
}

export interface WriteAnswer {
  id: number;
  /** The batch's buffer, handed back. */
  buffer: ArrayBuffer;
  /** The file that could not be written (its index in the batch): the files after it were not written. */
  failed?: number;
  error?: string;
}

/** A file that could not be written, with what the caller said it was for. */
export class FileWriteError<T> extends Error {
  constructor(
    readonly tag: T,
    message: string,
  ) {
    super(message);
  }
}

export interface FileWriter<T> {
  /**
   * Queues `bytes` (copied now) for `file`, an absolute path in the output folder; `tag` is
   * what a FileWriteError names. A promise when the caller must wait for room (or undefined).
   * Throws or rejects with the first failure so far.
   */
  write(file: string, bytes: Uint8Array, tag: T): Promise<void> | undefined;
  /** Writes what is queued, waits for every file and stops the thread; rejects with the first failure. */
  close(): Promise<void>;
  /** Stops without waiting (the build failed). */
  abort(): Promise<void>;
}

const BATCH_BYTES = 2 * 1024 * 1024;
const BATCH_FILES = 512;
const MAX_BATCHES = 4;

/** Makes the folders files go into, once each; the output folder itself exists. */
export function folderMaker(root: string): (dir: string) => void {
  const made = new Set<string>([root]);
  return (dir) => {
    if (made.has(dir)) return;
    try {
      // One mkdir for a post's folder when its day's folder is already made.
      mkdirSync(dir, { recursive: !made.has(dirname(dir)) });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    for (let up = dir; up.length > root.length && !made.has(up); up = dirname(up)) made.add(up);
  };
}

/** Writes in this thread, at once. */
function inThreadWriter<T>(root: string): FileWriter<T> {
  const makeFolder = folderMaker(root);
  return {
    write(file, bytes, tag) {
      try {
        makeFolder(dirname(file));
        writeFileSync(file, bytes);
      } catch (error) {
        throw new FileWriteError(tag, error instanceof Error ? error.message : String(error));
      }
      return undefined;
    },
    close: () => Promise.resolve(),
    abort: () => Promise.resolve(),
  };
}

/** A writer for files under `outputDir` (made if missing); `threaded: false` writes in this thread. */
export function openFileWriter<T>(outputDir: string, threaded = true): FileWriter<T> {
  const root = resolve(outputDir);
  mkdirSync(root, { recursive: true });
  const url = threaded ? typeScriptWorkerUrl(new URL('./file-write-worker.ts', import.meta.url)) : undefined;
  if (url === undefined) return inThreadWriter(root);

  const worker = new Worker(url, { workerData: { root } });
  const spare: ArrayBuffer[] = [];
  const pending = new Map<number, T[]>();
  let nextId = 0;
  let failure: Error | undefined;
  let room: (() => void) | undefined;
  let drained: (() => void) | undefined;
  const settle = (): void => {
    const wake = room;
    room = undefined;
    wake?.();
    if (pending.size === 0 || failure !== undefined) {
      const done = drained;
      drained = undefined;
      done?.();
    }
  };
  worker.on('message', (answer: WriteAnswer) => {
    const tags = pending.get(answer.id)!;
    pending.delete(answer.id);
    if (answer.failed !== undefined) failure ??= new FileWriteError(tags[answer.failed]!, answer.error ?? 'not written');
    if (answer.buffer.byteLength === BATCH_BYTES) spare.push(answer.buffer);
    settle();
  });
  worker.on('error', (error) => {
    failure ??= error;
    settle();
  });
  worker.on('exit', (code) => {
    if (pending.size > 0) failure ??= new Error(`the file writer's thread stopped (exit ${code}) with files still to write`);
    settle();
  });

  let buffer = new Uint8Array(0);
  let used = 0;
  let files: string[] = [];
  let lengths: number[] = [];
  let tags: T[] = [];
  const send = (): void => {
    if (files.length === 0) return;
    const id = nextId++;
    pending.set(id, tags);
    const batch: WriteBatch = { id, files, lengths, buffer: buffer.buffer as ArrayBuffer };
    worker.postMessage(batch, [batch.buffer]);
    buffer = new Uint8Array(0);
    used = 0;
    files = [];
    lengths = [];
    tags = [];
  };
  const waitFor = (ready: () => boolean): Promise<void> =>
    new Promise<void>((resolveWait, reject) => {
      const check = (): void => {
        if (failure !== undefined) reject(failure);
        else if (ready()) resolveWait();
        else room = check;
      };
      check();
    });

  return {
    write(file, bytes, tag) {
      if (failure !== undefined) throw failure;
      if (used + bytes.length > buffer.length || files.length >= BATCH_FILES) {
        send();
        const size = Math.max(BATCH_BYTES, bytes.length);
        buffer = size === BATCH_BYTES && spare.length > 0 ? new Uint8Array(spare.pop()!) : new Uint8Array(size);
      }
      buffer.set(bytes, used);
      used += bytes.length;
      files.push(file);
      lengths.push(bytes.length);
      tags.push(tag);
      return pending.size >= MAX_BATCHES ? waitFor(() => pending.size < MAX_BATCHES) : undefined;
    },
    async close() {
      try {
        if (failure === undefined) send();
        await new Promise<void>((resolveDrain) => {
          drained = resolveDrain;
          if (pending.size === 0 || failure !== undefined) settle();
        });
        if (failure !== undefined) throw failure;
      } finally {
        await worker.terminate();
      }
    },
    async abort() {
      await worker.terminate();
    },
  };
}
