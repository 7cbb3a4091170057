import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { typeScriptWorkerUrl } from '../model/ts-worker.ts';
import type { ComposeJob, WriterSetup } from './compose-job.ts';
import type { ItemWriter, WriteResult } from './item-writer.ts';

/**
 * The second pass's writers: this thread's own ItemWriter and one in a worker thread. The
 * worker takes each job while it has fewer than QUEUE waiting; the rest are done here, so both
 * cores convert (this thread also parses the export) and neither waits for the other. The
 * reader stops (`backPressure`) only if the worker falls far behind. (Two workers and a thread
 * that only parses were tried: no faster on two cores, and 20–40 MB more.)
 */
const QUEUE = 400;

// Set by scripts/lib/run-bundled.mjs when this module runs inside a bundle, where
// import.meta.url is the bundle's and not this file's: the file URL of src/.
declare const KHABAR_SOURCE_ROOT: string | undefined;
const WORKER_SOURCE =
  typeof KHABAR_SOURCE_ROOT === 'string' ? new URL('import/write-worker.ts', KHABAR_SOURCE_ROOT) : new URL('./write-worker.ts', import.meta.url);
/** A worker's heap: one item at a time needs little; the limit keeps three threads within a small machine's memory. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 48, maxYoungGenerationSizeMb: 8 };

/**
 * The worker's code, bundled into one plain JavaScript file: a worker started on the
 * TypeScript sources needs tsx's loader, a thread of its own and some 60 MB; the bundle about
 * 38 MB, and it starts at once. When bundling fails, the worker runs the sources through tsx.
 */
async function workerEntry(): Promise<{ url: URL; cleanUp: () => void } | undefined> {
  const source = WORKER_SOURCE;
  try {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-import-'));
    const outfile = join(dir, 'write-worker.cjs');
    await build({ entryPoints: [fileURLToPath(source)], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'silent' });
    return { url: new URL(`file://${outfile}`), cleanUp: () => rmSync(dir, { recursive: true, force: true }) };
  } catch {
    const url = typeScriptWorkerUrl(source);
    return url === undefined ? undefined : { url, cleanUp: () => undefined };
  }
}

interface Slot {
  worker: Worker;
  batch: ComposeJob[];
  outstanding: number;
  ended: Promise<WriteResult>;
}

export class WriterPool {
  private inline: ItemWriter | null = null;
  private readonly slots: Slot[] = [];
  private waiting: (() => void) | null = null;
  private failure: Error | null = null;
  /** Jobs the workers have converted and started writing. */
  private workerDone = 0;

  /** Starts `workers` workers (they load while the first pass runs); `start` gives the setup. */
  static async create(workers: number): Promise<WriterPool> {
    return new WriterPool(workers > 0 ? await workerEntry() : undefined, workers);
  }

  private readonly cleanUp: () => void;

  private constructor(entry: { url: URL; cleanUp: () => void } | undefined, workers: number) {
    this.cleanUp = entry?.cleanUp ?? (() => undefined);
    if (entry === undefined) return;
    for (let i = 0; i < workers; i++) {
      const worker = new Worker(entry.url, { resourceLimits: WORKER_LIMITS });
      const slot: Slot = { worker, batch: [], outstanding: 0, ended: Promise.resolve(null as unknown as WriteResult) };
      slot.ended = this.listen(slot, i);
      // Awaited in finish(); a worker that stops before then is reported there, not as unhandled.
      slot.ended.catch(() => undefined);
      // Until it is needed, an idle worker does not keep the process alive.
      worker.unref();
      this.slots.push(slot);
    }
  }

  private listen(slot: Slot, index: number): Promise<WriteResult> {
    return new Promise((resolve, reject) => {
      const fail = (error: Error): void => {
        this.failure ??= error;
        this.wake();
        reject(error);
      };
      slot.worker.on('message', (message: { done?: number; result?: WriteResult; error?: string }) => {
        if (message.done !== undefined) {
          slot.outstanding -= message.done;
          this.workerDone += message.done;
          if (this.outstanding() < QUEUE * this.slots.length) this.wake();
        } else if (message.result !== undefined) resolve(message.result);
        else fail(new Error(`import worker ${index}: ${message.error}`));
      });
      slot.worker.on('error', fail);
      slot.worker.on('exit', (code) => fail(new Error(`import worker ${index} stopped (exit ${code})`)));
    });
  }

  private outstanding(): number {
    return this.slots.reduce((sum, slot) => sum + slot.outstanding + slot.batch.length, 0);
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }

  async start(setup: WriterSetup): Promise<void> {
    const { ItemWriter } = await import('./item-writer.ts');
    this.inline = new ItemWriter(setup);
    for (const slot of this.slots) {
      slot.worker.ref();
      slot.worker.postMessage({ setup });
    }
  }

  write(job: ComposeJob): void {
    const slot = this.slots.find((s) => this.failure === null && s.outstanding + s.batch.length < QUEUE);
    if (slot !== undefined) slot.batch.push(job);
    else this.own().write(job);
  }

  /** Items converted so far, by every writer (for the progress line). */
  converted(): number {
    return this.workerDone + (this.inline?.converted ?? 0);
  }

  private own(): ItemWriter {
    if (this.inline === null) throw new Error('WriterPool: start() first');
    return this.inline;
  }

  /** After each chunk of the export: hands the batches out, and says whether to wait. */
  backPressure(): Promise<void> | undefined {
    if (this.failure !== null) return Promise.reject(this.failure);
    for (const slot of this.slots) {
      if (slot.batch.length === 0) continue;
      slot.outstanding += slot.batch.length;
      slot.worker.postMessage(slot.batch);
      slot.batch = [];
    }
    const own = this.own().backPressure();
    // No workers (one core, or worker: false): nothing to drain but this thread's own writes.
    if (this.slots.length === 0 || this.outstanding() < 2 * QUEUE * this.slots.length) return own;
    const drained = new Promise<void>((resolve) => {
      this.waiting = resolve;
    });
    return own === undefined ? drained : Promise.all([own, drained]).then(() => undefined);
  }

  /** Stops the workers without waiting for them (the import failed before its second pass). */
  async close(): Promise<void> {
    await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
    this.cleanUp();
  }

  /** After the last item: every writer's counts. */
  async finish(): Promise<WriteResult[]> {
    try {
      const pending = this.backPressure();
      if (pending !== undefined) await pending;
      for (const slot of this.slots) slot.worker.postMessage(null);
      return await Promise.all([this.own().finish(), ...this.slots.map((slot) => slot.ended)]);
    } finally {
      await Promise.all(this.slots.map((slot) => slot.worker.terminate()));
      this.cleanUp();
    }
  }
}
