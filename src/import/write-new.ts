import { link, mkdir, open, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file that must not exist yet, atomically: the bytes go to a temporary file beside
 * it (synced to disk), which is then hard-linked to the name — refused by the file system when
 * the name is taken, so an existing file is never overwritten, even by a race — and removed.
 * A reader sees either no file or the whole of it. Resolves false when the file exists.
 *
 * WriteQueue keeps a few dozen such writes in flight: syncing files one at a time costs a
 * disk round trip each, and the file system groups the syncs of concurrent writes.
 */
/** Folders made (or being made) by this thread: a month's folder holds hundreds of posts. */
const madeDirs = new Map<string, Promise<unknown>>();

async function writeNewFile(path: string, bytes: string | Uint8Array): Promise<boolean> {
  const dir = dirname(path);
  let made = madeDirs.get(dir);
  if (made === undefined) {
    made = mkdir(dir, { recursive: true });
    madeDirs.set(dir, made);
  }
  await made;
  const temp = join(dir, `.${basename(path)}.${process.pid}.tmp`);
  const handle = await open(temp, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.datasync();
  } finally {
    await handle.close();
  }
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temp);
  }
}

export class WriteQueue {
  private readonly inFlight = new Set<Promise<void>>();
  private failure: unknown = null;

  constructor(private readonly limit: number) {}

  /** Starts a write; `done` gets whether the file was created. */
  add(path: string, bytes: string, done: (created: boolean) => void): void {
    const task: Promise<void> = writeNewFile(path, bytes)
      .then(done, (error: unknown) => {
        this.failure ??= error;
      })
      .finally(() => this.inFlight.delete(task));
    this.inFlight.add(task);
  }

  /** A promise to wait on when too many writes are in flight (undefined when there are few). */
  backPressure(): Promise<void> | undefined {
    if (this.failure !== null) return Promise.reject(this.failure);
    return this.inFlight.size > this.limit ? this.drain() : undefined;
  }

  /** Waits for every write started; rejects with the first failure. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    if (this.failure !== null) throw this.failure;
  }
}
