/**
 * A worker thread of the importer's second pass: an ItemWriter fed jobs by the main thread.
 * It starts while the first pass runs (loading its modules meanwhile); its first message is
 * the setup, then each message is a batch of jobs (answered with how many are done, for
 * back-pressure), or `null` for the end (answered with the counts, or the error that stopped it).
 */
import { parentPort } from 'node:worker_threads';
import type { ComposeJob, WriterSetup } from './compose-job.ts';
import { ItemWriter } from './item-writer.ts';

const port = parentPort!;
let writer: ItemWriter | undefined;
let failed = false;

port.on('message', (message: { setup: WriterSetup } | ComposeJob[] | null) => {
  if (failed) return;
  if (message !== null && !Array.isArray(message)) {
    writer = new ItemWriter(message.setup);
    return;
  }
  const jobs = message;
  if (writer === undefined) {
    failed = true;
    port.postMessage({ error: 'jobs came before the setup' });
    return;
  }
  if (jobs === null) {
    writer.finish().then(
      (result) => port.postMessage({ result }),
      (error: unknown) => port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
    return;
  }
  try {
    for (const job of jobs) writer.write(job);
  } catch (error) {
    failed = true;
    port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    return;
  }
  // Answer once the writes are under way and not piling up.
  void Promise.resolve(writer.backPressure()).then(
    () => port.postMessage({ done: jobs.length }),
    (error: unknown) => {
      failed = true;
      port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    },
  );
});
