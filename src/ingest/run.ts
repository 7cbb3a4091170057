import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pLimit from 'p-limit';
import { loadCategories, type CategoryList } from '../model/categories.ts';
import { loadSiteConfig, type SiteConfig } from '../model/site-config.ts';
import { claimLinks, EDITOR, linkKey, partitionDrafts, type LinkOwners } from './dedupe.ts';
import { fetchFeed, userAgentFor, type FetchOptions } from './fetch.ts';
import { acquireLock, DEFAULT_STALE_AFTER_MS } from './lock.ts';
import { messageOf } from './prepare.ts';
import { inlinePreparer, workerPreparer, type Preparer } from './prepare-pool.ts';
import { buildReport, writeReport, type IngestReport } from './report.ts';
import { capNewPosts } from './new-post-cap.ts';
import { DEFAULT_MAX_NEW_POSTS, loadSources } from './sources.ts';
import {
  cleanAtomicTemps,
  DEFAULT_RETRY_POLICY,
  readState,
  recordFailure,
  recordSuccess,
  skippedUntil,
  StateWriter,
  type IngestState,
  type RetryPolicy,
  type SourceState,
} from './state.ts';
import { scanPosts } from './posts-scan.ts';
import { storePosts } from './store.ts';
import type { SourceConfig, SourceReport } from './types.ts';
import { KhabarError } from '../model/errors.ts';

/**
 * `npm run ingest`: every enabled source through fetch → decode → parse → normalise →
 * compose → de-duplicate → store, a few at a time. A source's failure is recorded in its
 * report entry and the state; only a problem with the run itself (configuration, the lock,
 * a corrupt state file) throws.
 *
 * Crash safety: posts are written before the state that records them, and the state is
 * saved after every source (coalesced: a few writes a second at most). A run killed in
 * between leaves posts the state does not know; the next run reads every post's front
 * matter (source.feed + source.id) on start, so it recognises them instead of writing them
 * again. (An item whose key is a content hash, because its feed repeats both its guid and
 * its link, is the exception: its post records the link, not the hash.)
 */

export class IngestConfigError extends KhabarError {}

/** The fetch settings a run may override (tests shorten the timeouts). */
export type FetchOverrides = Omit<FetchOptions, 'etag' | 'lastModified' | 'signal' | 'allowPrivateNetwork'>;

export interface RunOptions {
  /** content/_data/sources.yaml */
  sourcesFile: string;
  /** The folder holding categories.yaml and site.yaml (content/_data). */
  dataDir: string;
  /** The posts folder (content/posts). */
  outDir: string;
  /** Default `<outDir>/.ingest-state.json`. */
  stateFile?: string;
  /** Where the JSON report goes; undefined: not written. */
  reportFile?: string;
  /** When true, `exitCode` is 1 if any source failed. */
  strict?: boolean;
  allowPrivateNetwork?: boolean;
  /** Sources fetched at once (default 8). */
  concurrency?: number;
  fetch?: FetchOverrides;
  /** Categories an item gets at most (default 3). */
  maxCategories?: number;
  /**
   * Milliseconds one source's CPU-bound stages (decode to compose) may take; past it, the
   * items not yet composed are reported and left for the next run, and the run goes on
   * (default 10 s: a normal feed needs well under one). Tests set 0: one new post per source.
   */
  sourceTimeLimitMs?: number;
  /**
   * Worker threads for the CPU-bound stages (decode to compose, and rendering; see
   * prepare-pool.ts); the results are the same. Default 0: all in the main thread. Started at
   * the first feed that has to be parsed, so a run of 304s starts none. Measured on the
   * shared 2-core machine (bench-ingest, load 5), one worker made the 200-source run slower
   * (27–30 s wall, 21–24 s CPU against 13 s and 15 s): each worker loads the pipeline again
   * and the other core was busy. Worth trying only where cores are idle.
   */
  workers?: number;
  /**
   * The run's "now", fixed for the whole run (tests, and KHABAR_NOW through the command's
   * settings). Default: the real time, read at the start and, for the report, at the end.
   */
  now?: Date;
  retryPolicy?: Partial<RetryPolicy>;
  lockStaleAfterMs?: number;
  /** Aborting stops the run between posts: what is written stays, the rest waits for the next run. */
  signal?: AbortSignal;
  /** Called as each source finishes (the CLI's progress lines). */
  onSourceDone?: (entry: SourceReport) => void;
  /** Things worth a line on stderr that are not failures (a recovered lock, temp files cleaned). */
  onWarning?: (message: string) => void;
}

/** Where the run's time went, for the benchmark. */
export interface RunStats {
  postsScanned: number;
  scanMs: number;
  /** Summed over sources: decode + parse, normalise + compose (+ de-duplicate), store. */
  parseMs: number;
  composeMs: number;
  storeMs: number;
  /** The process's CPU time during the run (user + system), in ms. */
  cpuMs: number;
}

export interface RunResult {
  report: IngestReport;
  /** 0, or 1 when `strict` and a source failed. */
  exitCode: 0 | 1;
  stats: RunStats;
}

const DEFAULT_CONCURRENCY = 8;
const DEFAULT_MAX_CATEGORIES = 3;
const DEFAULT_SOURCE_TIME_LIMIT_MS = 10_000;
/** Lines of notes one report entry keeps. */
const MAX_NOTES = 20;


function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

function loadConfig(options: RunOptions): { categories: CategoryList; site: SiteConfig; sources: SourceConfig[] } {
  let categories: CategoryList;
  let site: SiteConfig;
  try {
    categories = loadCategories(join(options.dataDir, 'categories.yaml'));
    site = loadSiteConfig(join(options.dataDir, 'site.yaml'));
  } catch (error) {
    throw new IngestConfigError((error as Error).message);
  }
  // SourcesError's message already names the file, the entry and the field.
  try {
    return { categories, site, sources: loadSources(options.sourcesFile, categories) };
  } catch (error) {
    throw new IngestConfigError((error as Error).message);
  }
}

/** Adds what the posts on disk say to the state: items a killed run wrote before saving it. */
function learnFromDisk(state: IngestState, posts: ReturnType<typeof scanPosts>['posts']): number {
  let learned = 0;
  for (const post of posts) {
    if (post.feed === undefined) continue;
    const source = state.source(post.feed);
    if (post.id !== undefined && !source.keys.has(post.id)) {
      source.keys.add(post.id);
      learned++;
    }
    if (post.url !== undefined) source.links.add(post.url);
  }
  return learned;
}

export async function runIngest(options: RunOptions): Promise<RunResult> {
  const startedMs = performance.now();
  const cpuStart = process.cpuUsage();
  const runNow = options.now ?? new Date();
  const warn = options.onWarning ?? (() => undefined);
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new IngestConfigError(`concurrency must be a positive integer, not ${concurrency}`);
  }
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retryPolicy };
  const { categories, site, sources } = loadConfig(options);
  const stateFile = options.stateFile ?? join(options.outDir, '.ingest-state.json');
  const stats: RunStats = { postsScanned: 0, scanMs: 0, parseMs: 0, composeMs: 0, storeMs: 0, cpuMs: 0 };

  await mkdir(options.outDir, { recursive: true });
  const lock = await acquireLock(join(options.outDir, '.ingest.lock'), {
    staleAfterMs: options.lockStaleAfterMs ?? DEFAULT_STALE_AFTER_MS,
    onWarning: warn,
  });
  let closePreparer: () => Promise<void> | undefined = () => undefined;
  try {
    const state = await readState(stateFile);
    // Temp files are cleaned only now, with the lock held: before it, they could be another run's.
    const scanStart = performance.now();
    const scan = scanPosts(options.outDir, site.timeZone);
    stats.scanMs = performance.now() - scanStart;
    stats.postsScanned = scan.posts.length;
    const tempsRemoved = [
      ...scan.tempsRemoved,
      ...(await cleanAtomicTemps(stateFile)),
      ...(options.reportFile === undefined ? [] : await cleanAtomicTemps(options.reportFile)),
    ];
    if (tempsRemoved.length > 0) warn(`removed ${tempsRemoved.length} temp file(s) left by an interrupted run`);
    const learned = learnFromDisk(state, scan.posts);
    if (learned > 0) {
      warn(`recorded ${learned} item(s) of posts on disk that the state did not know (an interrupted run, or added by hand)`);
    }

    const takenUrls = new Set(scan.posts.flatMap((p) => (p.urlKey === undefined ? [] : [p.urlKey])));
    // Who has each canonical link: any source's stored items, and editors' own posts about an
    // article (source.url without a feed). Fresh drafts claim theirs as they are found.
    const linkOwners: LinkOwners = new Map();
    const own = (link: string, owner: string): void => {
      if (!linkOwners.has(linkKey(link))) linkOwners.set(linkKey(link), owner);
    };
    for (const [id, s] of state.sources) for (const link of s.links) own(link, id);
    for (const post of scan.posts) if (post.url !== undefined && post.feed === undefined) own(post.url, EDITOR);

    const writer = new StateWriter(stateFile, state);
    const workers = options.workers ?? 0;
    let preparer: Preparer | undefined;
    const prepare = (): Preparer =>
      (preparer ??= workers > 0 ? workerPreparer(categories, workers) : inlinePreparer(categories));
    closePreparer = () => preparer?.close();
    const fetchDefaults: FetchOptions = {
      userAgent: userAgentFor(packageVersion(), site.url),
      ...options.fetch,
      allowPrivateNetwork: options.allowPrivateNetwork ?? false,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    };

    const ingestSource = async (source: SourceConfig): Promise<SourceReport> => {
      const started = performance.now();
      const entry: SourceReport = { id: source.id, status: 'ok', seen: 0, added: 0, duplicate: 0, invalid: 0, durationMs: 0 };
      const sourceState: SourceState = state.source(source.id);
      const until = skippedUntil(sourceState, runNow, policy);
      if (until !== undefined) {
        entry.status = 'skipped';
        entry.error =
          `failed ${sourceState.failures} runs in a row (last: ${sourceState.lastError ?? 'unknown'}); ` +
          `next attempt after ${until.toISOString()}`;
      } else if (options.signal?.aborted) {
        entry.status = 'skipped';
        entry.error = 'the run was interrupted before this source';
      } else {
        await ingestOne(source, sourceState, entry);
        // Saved after every source (coalesced; not awaited, so the next source can start): a
        // killed run loses little, and the posts it wrote are recognised on disk anyway.
        writer.save().catch((error: unknown) => warn(`could not save the state: ${messageOf(error)}`));
      }
      entry.durationMs = Math.round(performance.now() - started);
      options.onSourceDone?.(entry);
      return entry;
    };

    const ingestOne = async (source: SourceConfig, sourceState: SourceState, entry: SourceReport): Promise<void> => {
      let stage = 'fetch';
      try {
        const fetched = await fetchFeed(source.url, {
          ...fetchDefaults,
          ...(sourceState.etag === undefined ? {} : { etag: sourceState.etag }),
          ...(sourceState.lastModified === undefined ? {} : { lastModified: sourceState.lastModified }),
        });
        if (fetched.status === 'not-modified') {
          entry.status = 'not-modified';
          recordSuccess(sourceState, runNow);
          return;
        }

        stage = 'decode';
        const prepared = await prepare().prepare({
          body: fetched.body,
          ...(fetched.contentType === undefined ? {} : { contentType: fetched.contentType }),
          url: fetched.url,
          source,
          now: runNow.getTime(),
          maxCategories: options.maxCategories ?? DEFAULT_MAX_CATEGORIES,
          timeZone: site.timeZone,
          ...(site.author === undefined ? {} : { author: site.author }),
          timeLimitMs: options.sourceTimeLimitMs ?? DEFAULT_SOURCE_TIME_LIMIT_MS,
          knownKeys: sourceState.keys,
        });
        stats.parseMs += prepared.parseMs;
        stats.composeMs += prepared.composeMs;
        if (prepared.seen !== undefined) entry.seen = prepared.seen;
        if (prepared.invalid !== undefined) entry.invalid = prepared.invalid;
        const notes = [...prepared.notes];
        if (prepared.trimmed > 0) entry.trimmed = prepared.trimmed;
        if (prepared.failed !== undefined) {
          stage = prepared.failed.stage;
          throw new Error(prepared.failed.message);
        }

        let t = performance.now();
        stage = 'de-duplicate';
        const partition = partitionDrafts(prepared.drafts, source.id, sourceState.keys, linkOwners);
        const duplicates = partition.duplicates;
        const maxNew = source.maxNewPosts ?? DEFAULT_MAX_NEW_POSTS;
        const { taken: fresh, left } = capNewPosts(partition.fresh, maxNew);
        if (left.length > 0) {
          notes.push(`${partition.fresh.length} new items, over maxNewPosts (${maxNew}): the ${left.length} oldest left for the next run`);
        }
        const deferred = prepared.deferred + left.length;
        if (deferred > 0) entry.deferred = deferred;
        if (notes.length > 0) {
          entry.notes = notes.length > MAX_NOTES ? [...notes.slice(0, MAX_NOTES - 1), `and ${notes.length - MAX_NOTES + 1} more`] : notes;
        }
        claimLinks(linkOwners, source.id, fresh);
        entry.duplicate = prepared.known + duplicates.length;
        for (const draft of duplicates) sourceState.keys.add(draft.key);
        stats.composeMs += performance.now() - t;

        t = performance.now();
        stage = 'store';
        try {
          const renders = fresh.length === 0 ? new Map() : await prepare().render(fresh);
          await storePosts(
            options.outDir,
            fresh,
            { timeZone: site.timeZone, takenUrls, renders, ...(options.signal === undefined ? {} : { signal: options.signal }) },
            {
              onStored: (draft) => {
                // Recorded at once: any state saved from now on (by any source) knows this post.
                sourceState.keys.add(draft.key);
                sourceState.links.add(draft.canonicalLink);
                entry.added++;
              },
              onInvalid: (draft, error) => {
                entry.invalid++;
                warn(`${source.id}: item ${JSON.stringify(draft.key)} not stored: ${error.message}`);
              },
            },
          );
        } finally {
          stats.storeMs += performance.now() - t;
        }
        // With items left for later, the validators are forgotten: the next run must get the
        // whole feed again (a 304 would hide the items this run left), not a "not modified".
        recordSuccess(sourceState, runNow, deferred > 0 ? {} : { etag: fetched.etag, lastModified: fetched.lastModified });
      } catch (error) {
        if (options.signal?.aborted) {
          // Not the source's fault: no failure is counted, the validators stay as they were.
          entry.status = 'skipped';
          entry.error = `interrupted during ${stage}`;
          return;
        }
        entry.status = 'failed';
        entry.error = `${stage}: ${messageOf(error)}`;
        recordFailure(sourceState, runNow, entry.error);
      }
    };

    const limit = pLimit(concurrency);
    const entries = await Promise.all(
      sources.map((source) =>
        source.enabled
          ? limit(() => ingestSource(source))
          : Promise.resolve<SourceReport>({
              id: source.id,
              status: 'skipped',
              seen: 0,
              added: 0,
              duplicate: 0,
              invalid: 0,
              error: 'disabled in the sources file',
              durationMs: 0,
            }),
      ),
    );
    // The last word: also persists what the disk scan learned when no source ran.
    await writer.flush();

    const cpu = process.cpuUsage(cpuStart);
    stats.cpuMs = (cpu.user + cpu.system) / 1000;
    const report = buildReport(entries, {
      startedAt: runNow,
      finishedAt: options.now ?? new Date(),
      durationMs: performance.now() - startedMs,
    });
    if (options.reportFile !== undefined) await writeReport(options.reportFile, report);
    const exitCode = options.strict === true && report.totals.failed > 0 ? 1 : 0;
    return { report, exitCode, stats };
  } finally {
    await closePreparer();
    await lock.release();
  }
}
