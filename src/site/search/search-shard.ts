import * as pagefind from 'pagefind';
import { formatLongDate } from '../../model/dates.ts';
import { plainText } from '../render/filters.ts';
import { codeWritten, searchCopy } from './search-copy.ts';
import type { SearchPost, SearchRecord } from './types.ts';

/**
 * One shard of the search index: the records Pagefind gets for a set of posts, and the
 * indexing of them into a bundle folder. Runs in a search worker (search-worker.ts) or, when
 * no worker can start, in the build's own thread.
 */

/**
 * What Pagefind indexes of a post: its title, body and source, folded for matching
 * (search-copy.ts); shown with its title and date as written, and the words the folding
 * changed (`written`, coded: see search-copy.ts; only when there are any) so that the
 * excerpt is shown as written too.
 */
function searchRecord(post: SearchPost, timeZone: string): SearchRecord {
  const source = post.source === undefined ? '' : `\nSource: ${post.source.name}`;
  const { content, written } = searchCopy(`${post.title}\n${plainText(post.item.content)}${source}`);
  return {
    url: post.url,
    content,
    language: post.lang,
    meta: { title: post.title, date: formatLongDate(post.date, timeZone), ...(written.length > 0 ? { written: codeWritten(written) } : {}) },
    filters: { category: post.categories.map((c) => c.name) },
    sort: { date: post.date.toISOString() },
  };
}

/** Records sent to Pagefind at once: enough to keep it busy, few enough to bound memory. */
const WINDOW = 64;

/**
 * Indexes `posts` into the Pagefind bundle folder `dir`. Pagefind's service process is this
 * thread's own; close it with `closeSearch` when done.
 */
export async function indexShard(posts: readonly SearchPost[], timeZone: string, dir: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({});
  if (index === undefined) throw new Error(errors.join('; ') || 'Pagefind did not start');
  const problems: string[] = [];
  const inFlight = new Set<Promise<void>>();
  for (const post of posts) {
    const sent: Promise<void> = index
      .addCustomRecord(searchRecord(post, timeZone))
      .then((added) => void problems.push(...added.errors.map((error) => `${post.url}: ${error}`)))
      .finally(() => inFlight.delete(sent));
    inFlight.add(sent);
    if (inFlight.size >= WINDOW) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const written = await index.writeFiles({ outputPath: dir });
  problems.push(...written.errors);
  // Pagefind keeps an index in memory until it is deleted.
  await index.deleteIndex();
  if (problems.length > 0) throw new Error(problems.join('; '));
}

export async function closeSearch(): Promise<void> {
  await pagefind.close();
}
