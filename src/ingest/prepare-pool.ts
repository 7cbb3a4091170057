import { Worker } from 'node:worker_threads';
import { typeScriptWorkerUrl } from '../model/ts-worker.ts';
import type { CategoryList } from '../model/categories.ts';
import { prepareSource, renderDrafts, type PrepareInput, type PrepareResult } from './prepare.ts';
import type { FirstRender } from './render-post.ts';
import type { PostDraft } from './types.ts';

/**
 * Where a run's CPU-bound stages (prepare.ts) run: in the main thread (inlinePreparer), or
 * in a few worker threads (workerPreparer, opt-in: RunOptions.workers), so that one source's parsing and composing does
 * not stall the other sources' fetches and stores and a second core is used. The results are
 * the same either way: the workers run the same pure functions on copies of the same input.
 * A worker that cannot start or dies hands its tasks back to the main thread, which then does
 * all the work itself.
 */

export interface Preparer {
  prepare(input: PrepareInput): Promise<PrepareResult>;
  render(drafts: PostDraft[]): Promise<Map<string, FirstRender>>;
  close(): Promise<void>;
}

export type Task = { id: number; kind: 'prepare'; input: PrepareInput } | { id: number; kind: 'render'; drafts: PostDraft[] };

export type TaskAnswer =
  | { id: number; prepared: PrepareResult }
  | { id: number; renders: Map<string, FirstRender> }
  | { id: number; error: string };

type Answer = PrepareResult | Map<string, FirstRender>;

export function inlinePreparer(categories: CategoryList): Preparer {
  return {
    prepare: (input) => prepareSource(input, categories),
    render: (drafts) => Promise.resolve(renderDrafts(drafts)),
    close: () => Promise.resolve(),
  };
}

/** The worker's entry: prepare-worker.ts (see model/ts-worker.ts). */
function workerUrl(): URL | undefined {
  return typeScriptWorkerUrl(new URL('./prepare-worker.ts', import.meta.url));
}

interface Slot {
  worker: Worker;
  pending: Map<number, { task: Task; resolve: (answer: Answer) => void; reject: (error: unknown) => void }>;
  alive: boolean;
}

/** `size` workers (started now; they load the pipeline while the first feeds download). */
export function workerPreparer(categories: CategoryList, size: number): Preparer {
  const url = workerUrl();
  const inline = inlinePreparer(categories);
  if (url === undefined || size < 1) return inline;
  const slots: Slot[] = [];
  let nextId = 0;
  let closing = false;

  const runInline = (task: Task): Promise<Answer> =>
    task.kind === 'prepare' ? inline.prepare(task.input) : inline.render(task.drafts);

  // A dead worker's tasks are done here instead, as they would have been without workers.
  const retire = (slot: Slot): void => {
    if (!slot.alive) return;
    slot.alive = false;
    for (const { task, resolve, reject } of slot.pending.values()) runInline(task).then(resolve, reject);
    slot.pending.clear();
    if (!closing) void slot.worker.terminate();
  };

  for (let i = 0; i < size; i++) {
    const worker = new Worker(url, { workerData: { categories: [...categories.all] } });
    const slot: Slot = { worker, pending: new Map(), alive: true };
    worker.on('message', (message: TaskAnswer | { ready: true }) => {
      if ('ready' in message) return;
      const waiting = slot.pending.get(message.id);
      if (waiting === undefined) return;
      slot.pending.delete(message.id);
      if ('prepared' in message) waiting.resolve(message.prepared);
      else if ('renders' in message) waiting.resolve(message.renders);
      else runInline(waiting.task).then(waiting.resolve, waiting.reject); // the same error, thrown here
    });
    worker.on('error', () => retire(slot));
    worker.on('exit', () => retire(slot));
    slots.push(slot);
  }

  const run = (task: Task): Promise<Answer> => {
    const live = slots.filter((slot) => slot.alive);
    if (closing || live.length === 0) return runInline(task);
    const slot = live.reduce((best, candidate) => (candidate.pending.size < best.pending.size ? candidate : best));
    return new Promise<Answer>((resolve, reject) => {
      slot.pending.set(task.id, { task, resolve, reject });
      try {
        slot.worker.postMessage(task);
      } catch (error) {
        slot.pending.delete(task.id);
        reject(error);
      }
    });
  };

  return {
    prepare: async (input) => (await run({ id: nextId++, kind: 'prepare', input })) as PrepareResult,
    render: async (drafts) => (await run({ id: nextId++, kind: 'render', drafts })) as Map<string, FirstRender>,
    close: async () => {
      closing = true;
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}
