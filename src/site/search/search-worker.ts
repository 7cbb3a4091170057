import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { closeSearch, indexShard } from './search-shard.ts';
import type { ShardAnswer, ShardTask } from './types.ts';

/**
 * A search worker (search-index.ts starts them): indexes the shards it is sent, one at a
 * time, with its own Pagefind process — so two shards are indexed at once, one per core.
 */

// On Linux a thread's niceness is its own, and the Pagefind process it starts inherits it.
const nice = (workerData as { nice?: number } | null)?.nice;
if (nice !== undefined && process.platform === 'linux') setPriority(0, nice);

parentPort!.on('message', (task: ShardTask) => {
  if ('close' in task) {
    void closeSearch().finally(() => parentPort!.close());
    return;
  }
  indexShard(task.posts, task.timeZone, task.dir).then(
    () => parentPort!.postMessage({ done: task.dir } satisfies ShardAnswer),
    (error: unknown) => parentPort!.postMessage({ failed: task.dir, error: error instanceof Error ? error.message : String(error) } satisfies ShardAnswer),
  );
});
