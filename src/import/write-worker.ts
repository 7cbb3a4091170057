/**
 * A worker thread of the importer's second pass: writes one part of the export's items
 * (write-items.ts) and posts its result back, or the error that stopped it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writeItems, type WriteInput } from './write-items.ts';

const { input, part } = workerData as { input: WriteInput; part: { index: number; of: number } };
const port = parentPort!;
writeItems(input, part, (items) => port.postMessage({ progress: items })).then(
  (result) => port.postMessage({ result }),
  (error: unknown) => port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
