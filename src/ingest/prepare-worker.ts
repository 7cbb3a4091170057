/**
 * A worker of prepare-pool.ts: runs prepareSource and renderDrafts for the main thread.
 * workerData carries the category list (plain data); each message one task.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { CategoryList, type Category } from '../model/categories.ts';
import { messageOf, prepareSource, renderDrafts } from './prepare.ts';
import type { Task, TaskAnswer } from './prepare-pool.ts';

const port = parentPort!;
const categories = new CategoryList((workerData as { categories: Category[] }).categories);

port.on('message', (task: Task) => {
  const answer = async (): Promise<TaskAnswer> => {
    try {
      if (task.kind === 'prepare') return { id: task.id, prepared: await prepareSource(task.input, categories) };
      return { id: task.id, renders: renderDrafts(task.drafts) };
    } catch (error) {
      return { id: task.id, error: messageOf(error) };
    }
  };
  void answer().then((message) => port.postMessage(message));
});
port.postMessage({ ready: true });
