import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { parseContent } from './content-check.ts';
import { sourceHash } from './parse-cache.ts';
import { createMarkdown } from '../render/markdown.ts';
import type { ParseAnswer, ParseTask } from './parse-pool.ts';

/**
 * A parse worker (parse-pool.ts starts them): reads each content file it is sent, hashes it
 * and, unless the parse cache already has that hash, parses its front matter and renders its
 * Markdown — the same functions as the content check, on another core.
 */
const md = createMarkdown();
let known = new Set<string>();

parentPort!.on('message', (task: ParseTask) => {
  if ('known' in task) {
    known = new Set(task.known);
    return;
  }
  const answer: ParseAnswer = { id: task.id, files: [] };
  try {
    for (const file of task.files) {
      const text = readFileSync(file, 'utf8');
      const hash = sourceHash(text);
      answer.files.push(known.has(hash) ? { file, hash } : { file, hash, parsed: parseContent(md, text) });
    }
  } catch (error) {
    // The main thread reads the batch again itself, and meets the same error there.
    answer.failed = error instanceof Error ? error.message : String(error);
  }
  parentPort!.postMessage(answer);
});
