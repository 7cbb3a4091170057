import { performance } from 'node:perf_hooks';
import type { CategoryList } from '../model/categories.ts';
import { boundFeed } from './bound-items.ts';
import { composeBatch } from './compose.ts';
import { decodeFeed } from './decode.ts';
import { normaliseFeed } from './normalise.ts';
import { parseFeed } from './parse/index.ts';
import { renderFirst, type FirstRender } from './render-post.ts';
import type { PostDraft, SourceConfig } from './types.ts';

/**
 * The CPU-bound parts of ingesting one source: decode → parse → normalise → compose between
 * fetch and de-duplication (prepareSource), and the first rendering of each fresh draft
 * between de-duplication and store (renderDrafts: its file text under its own slug, see
 * renderFirst). Pure functions of their input, so they run the same in the main thread or
 * in a worker (prepare-pool.ts), where they do not hold up the other sources' fetches and
 * stores.
 */

export interface PrepareInput {
  body: Uint8Array;
  contentType?: string;
  /** The feed's URL after redirects. */
  url: string;
  source: SourceConfig;
  /** The run's "now", as milliseconds since the epoch. */
  now: number;
  maxCategories: number;
  timeZone: string;
  author?: string;
  /**
   * Milliseconds this source's CPU-bound stages may take (from the start of decoding): past
   * it, the items not yet composed are left for the next run (see ComposeOptions.deadline).
   */
  timeLimitMs?: number;
  /** The source's item keys already seen: those articles are only counted (ComposeOptions.knownKeys). */
  knownKeys?: ReadonlySet<string>;
}

export type Stage = 'decode' | 'parse' | 'normalise' | 'compose';

export interface PrepareResult {
  /** Items in the feed (set once parsed). */
  seen?: number;
  /** Items normalise left out (set once normalised). */
  invalid?: number;
  drafts: PostDraft[];
  /** Items whose HTML was cut to the size limit or flattened to the nesting limit (bound-items.ts). */
  trimmed: number;
  /** Items left out of `drafts` because the time limit passed. */
  deferred: number;
  /** Articles left out of `drafts` because their key was in `knownKeys` (duplicates). */
  known: number;
  /** What the limits did, a line each (which item, which field). */
  notes: string[];
  /** Where it failed, and the error's message; undefined: it did not. */
  failed?: { stage: Stage; message: string };
  parseMs: number;
  composeMs: number;
}

/** An error as one line for the report (at most 500 characters of an Error's first line). */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message.split('\n')[0]!.slice(0, 500);
  return String(error);
}

export async function prepareSource(input: PrepareInput, categories: CategoryList): Promise<PrepareResult> {
  const result: PrepareResult = { drafts: [], trimmed: 0, deferred: 0, known: 0, notes: [], parseMs: 0, composeMs: 0 };
  let stage: Stage = 'decode';
  let t = performance.now();
  const deadline = input.timeLimitMs === undefined ? undefined : t + input.timeLimitMs;
  try {
    const body = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength);
    const text = decodeFeed(body, input.contentType);
    stage = 'parse';
    const bounded = boundFeed(await parseFeed(text, input.url));
    const feed = bounded.feed;
    result.trimmed = bounded.trimmed;
    result.notes.push(...bounded.notes);
    result.seen = feed.items.length;
    result.parseMs = performance.now() - t;

    t = performance.now();
    stage = 'normalise';
    const now = new Date(input.now);
    const normalised = normaliseFeed(feed, {
      feedUrl: input.url,
      fetchedAt: now,
      now,
      ...(input.source.lang === undefined ? {} : { sourceLang: input.source.lang }),
    });
    result.invalid = normalised.skipped;
    stage = 'compose';
    const composed = composeBatch(normalised.items, input.source, categories, {
      maxCategories: input.maxCategories,
      timeZone: input.timeZone,
      ...(input.author === undefined ? {} : { author: input.author }),
      ...(deadline === undefined ? {} : { deadline }),
      ...(input.knownKeys === undefined ? {} : { knownKeys: input.knownKeys }),
    });
    result.drafts = composed.drafts;
    result.known = composed.known;
    result.deferred = composed.deferred;
    if (composed.deferred > 0) {
      result.notes.push(
        `time limit of ${input.timeLimitMs} ms reached: ${composed.deferred} of ${normalised.items.length} items not reached, left for the next run`,
      );
    }
    result.composeMs = performance.now() - t;
  } catch (error) {
    if (stage === 'parse' || stage === 'decode') result.parseMs = performance.now() - t;
    else result.composeMs = performance.now() - t;
    result.failed = { stage, message: messageOf(error) };
  }
  return result;
}

/** renderFirst of each draft, by key (a draft renderFirst gives nothing for is left out). */
export function renderDrafts(drafts: readonly PostDraft[]): Map<string, FirstRender> {
  const renders = new Map<string, FirstRender>();
  for (const draft of drafts) {
    const render = renderFirst(draft);
    if (render !== undefined) renders.set(draft.key, render);
  }
  return renders;
}
