import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { typeScriptWorkerUrl } from '../../model/ts-worker.ts';
import type { ParseFailure } from './content-check.ts';
import type { ParsedContent } from './parse-cache.ts';

/**
 * A build's or the dev server's first load, on every core: the content files are read, hashed
 * and parsed (front matter and Markdown, the bulk of a cold start: ~14 CPU s at 50,000 posts)
 * by worker threads (parse-worker.ts), in batches handed out as workers finish the last. The
 * main thread checks each file from the result (build-state.ts, dev-content.ts) as it would
 * have from its own parse.
 * Files whose hash the parse cache knows are only hashed. A file a worker could not read, or a
 * worker that failed, is left out of the answer: the main thread then reads it itself.
 */

export type ParseTask = { known: string[] } | { id: number; files: string[] };

export interface ParsedByWorker {
  file: string;
  hash: string;
  /** Absent when the parse cache has the hash. */
  parsed?: ParsedContent | ParseFailure;
}

export interface ParseAnswer {
  id: number;
  files: ParsedByWorker[];
  failed?: string;
}

const BATCH = 200;

/** Workers by default: one per core, at most 4 (each holds a Markdown renderer and its batch). */
export function defaultParseWorkers(): number {
  return Math.min(4, availableParallelism());
}

export async function parseInWorkers(files: readonly string[], known: Iterable<string>, workers = defaultParseWorkers()): Promise<Map<string, ParsedByWorker>> {
  const results = new Map<string, ParsedByWorker>();
  const url = workers > 0 && files.length > BATCH ? typeScriptWorkerUrl(new URL('./parse-worker.ts', import.meta.url)) : undefined;
  if (url === undefined) return results;
  const batches: string[][] = [];
  for (let i = 0; i < files.length; i += BATCH) batches.push(files.slice(i, i + BATCH));
  const knownList = [...known];
  let next = 0;
  const run = (): Promise<void> =>
    new Promise((resolve) => {
      const worker = new Worker(url);
      const send = (): void => {
        if (next >= batches.length) {
          void worker.terminate();
          return;
        }
        const id = next++;
        worker.postMessage({ id, files: batches[id]! } satisfies ParseTask);
      };
      worker.on('message', (answer: ParseAnswer) => {
        for (const found of answer.files) results.set(found.file, found);
        send();
      });
      // A worker that fails leaves its batch to the main thread (its files are not in the answer).
      worker.on('error', () => void worker.terminate());
      worker.on('exit', () => resolve());
      if (knownList.length > 0) worker.postMessage({ known: knownList } satisfies ParseTask);
      send();
    });
  await Promise.all(Array.from({ length: Math.min(workers, batches.length) }, run));
  return results;
}
