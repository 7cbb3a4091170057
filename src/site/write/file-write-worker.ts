import { writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { folderMaker, type WriteAnswer, type WriteBatch } from './file-writer.ts';

/**
 * The file writer's thread (file-writer.ts starts it): writes each batch of files it is sent,
 * in order, synchronously, and sends the batch's buffer back to be filled again. The paths
 * were checked by the build's thread (output-path.ts).
 */

const makeFolder = folderMaker((workerData as { root: string }).root);

parentPort!.on('message', (batch: WriteBatch) => {
  const bytes = new Uint8Array(batch.buffer);
  const answer: WriteAnswer = { id: batch.id, buffer: batch.buffer };
  let at = 0;
  for (let i = 0; i < batch.files.length; i++) {
    const file = batch.files[i]!;
    const end = at + batch.lengths[i]!;
    try {
      makeFolder(dirname(file));
      writeFileSync(file, bytes.subarray(at, end));
    } catch (error) {
      answer.failed = i;
      answer.error = error instanceof Error ? error.message : String(error);
      break;
    }
    at = end;
  }
  parentPort!.postMessage(answer, [batch.buffer]);
});
