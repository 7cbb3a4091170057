import { Worker } from 'node:worker_threads';
import { typeScriptWorkerUrl } from '../model/ts-worker.ts';
import type { ComposeJob, WriterSetup } from './compose-job.ts';
import { ItemWriter, type WriteResult } from './item-writer.ts';

/**
 * The second pass's writers: this thread's own ItemWriter and, when a worker thread can start,
 * one more in a worker. The worker takes each job while it has fewer than QUEUE waiting; the
 * rest are done here. So both cores convert (this thread also parses the export), and neither
 * runs ahead of the other: the reader waits (`backPressure`) while the worker's queue is full.
 */
const QUEUE = 400;

export class WriterPool {
  private readonly inline: ItemWriter;
  private readonly worker: Worker | null;
  private batch: ComposeJob[] = [];
  private outstanding = 0;
  private waiting: (() => void) | null = null;
  private failure: Error | null = null;
  private ended: Promise<WriteResult | null>;

  constructor(setup: WriterSetup, useWorker: boolean) {
    this.inline = new ItemWriter(setup);
    const url = useWorker ? typeScriptWorkerUrl(new URL('./write-worker.ts', import.meta.url)) : undefined;
    this.worker = url === undefined ? null : new Worker(url, { workerData: setup, resourceLimits: { maxOldGenerationSizeMb: 128 } });
    this.ended = this.worker === null ? Promise.resolve(null) : this.listen(this.worker);
  }

  private listen(worker: Worker): Promise<WriteResult | null> {
    return new Promise((resolve, reject) => {
      worker.on('message', (message: { done?: number; result?: WriteResult; error?: string }) => {
        if (message.done !== undefined) {
          this.outstanding -= message.done;
          if (this.outstanding < QUEUE / 2) this.wake();
        } else if (message.result !== undefined) resolve(message.result);
        else this.fail(new Error(`import worker: ${message.error}`), reject);
      });
      worker.on('error', (error) => this.fail(error, reject));
      worker.on('exit', (code) => this.fail(new Error(`import worker stopped (exit ${code})`), reject));
    });
  }

  private fail(error: Error, reject: (error: Error) => void): void {
    this.failure ??= error;
    this.wake();
    reject(error);
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.();
  }

  write(job: ComposeJob): void {
    if (this.worker !== null && this.failure === null && this.outstanding + this.batch.length < QUEUE) this.batch.push(job);
    else this.inline.write(job);
  }

  /** After each chunk of the export: hands the batch to the worker, and says whether to wait. */
  backPressure(): Promise<void> | undefined {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.worker !== null && this.batch.length > 0) {
      this.outstanding += this.batch.length;
      this.worker.postMessage(this.batch);
      this.batch = [];
    }
    const own = this.inline.backPressure();
    if (this.outstanding < QUEUE) return own;
    const drained = new Promise<void>((resolve) => {
      this.waiting = resolve;
    });
    return own === undefined ? drained : Promise.all([own, drained]).then(() => undefined);
  }

  /** After the last item: every writer's counts. */
  async finish(): Promise<WriteResult[]> {
    if (this.worker !== null) {
      void this.backPressure();
      this.worker.postMessage(null);
    }
    const [own, other] = await Promise.all([this.inline.finish(), this.ended]);
    if (this.worker !== null) await this.worker.terminate();
    return other === null ? [own] : [own, other];
  }
}
