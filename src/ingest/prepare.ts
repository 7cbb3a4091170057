import { performance } from 'node:perf_hooks';
import type { CategoryList } from '../model/categories.ts';
import { composePosts } from './compose.ts';
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
}

export type Stage = 'decode' | 'parse' | 'normalise' | 'compose';

export interface PrepareResult {
  /** Items in the feed (set once parsed). */
  seen?: number;
  /** Items normalise left out (set once normalised). */
  invalid?: number;
  drafts: PostDraft[];
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
  const result: PrepareResult = { drafts: [], parseMs: 0, composeMs: 0 };
  let stage: Stage = 'decode';
  let t = performance.now();
  try {
    const body = Buffer.from(input.body.buffer, input.body.byteOffset, input.body.byteLength);
    const text = decodeFeed(body, input.contentType);
    stage = 'parse';
    const feed = await parseFeed(text, input.url);
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
    result.drafts = composePosts(normalised.items, input.source, categories, {
      maxCategories: input.maxCategories,
      timeZone: input.timeZone,
      ...(input.author === undefined ? {} : { author: input.author }),
    });
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
