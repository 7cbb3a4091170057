import { readdir, readFile, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { z } from 'zod';
import { KhabarError } from '../model/errors.ts';

/**
 * The ingest state (`<out>/.ingest-state.json`, committed with the posts): per source, the
 * validators for conditional requests, every item key ever seen (so a deleted post never
 * returns), the canonical links stored, and the failure count behind the skip rule.
 * A missing file is a first run; a corrupt one stops the run: guessing would forget the keys.
 */

const STATE_VERSION = 1;

const isoString = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'expected an ISO 8601 date');

const sourceStateSchema = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  keys: z.array(z.string()).default([]),
  links: z.array(z.string()).default([]),
  failures: z.number().int().min(0).default(0),
  lastError: z.string().optional(),
  lastAttempt: isoString.optional(),
  lastSuccess: isoString.optional(),
});

const stateFileSchema = z.object({
  version: z.number().int(),
  sources: z.record(z.string(), sourceStateSchema),
});

export interface SourceState {
  etag?: string;
  lastModified?: string;
  keys: Set<string>;
  links: Set<string>;
  failures: number;
  lastError?: string;
  lastAttempt?: string;
  lastSuccess?: string;
}

export class StateError extends KhabarError {}

interface SortedCache {
  keysSize: number;
  keys: string[];
  linksSize: number;
  links: string[];
}

export class IngestState {
  readonly sources = new Map<string, SourceState>();
  // Sorting every source's keys for every save is most of a save's cost; keys and links are
  // only ever added, so an unchanged size means unchanged content.
  private readonly sorted = new WeakMap<SourceState, SortedCache>();

  /** The state of one source, created empty on first use. */
  source(id: string): SourceState {
    let state = this.sources.get(id);
    if (state === undefined) {
      state = { keys: new Set(), links: new Set(), failures: 0 };
      this.sources.set(id, state);
    }
    return state;
  }

  /** Serialised with sorted sources and keys, so the committed file diffs cleanly. */
  toJSON(): unknown {
    const sources: Record<string, unknown> = {};
    for (const id of [...this.sources.keys()].sort()) {
      const s = this.sources.get(id)!;
      const sorted = this.sortedOf(s);
      sources[id] = {
        ...(s.etag === undefined ? {} : { etag: s.etag }),
        ...(s.lastModified === undefined ? {} : { lastModified: s.lastModified }),
        failures: s.failures,
        ...(s.lastError === undefined ? {} : { lastError: s.lastError }),
        ...(s.lastAttempt === undefined ? {} : { lastAttempt: s.lastAttempt }),
        ...(s.lastSuccess === undefined ? {} : { lastSuccess: s.lastSuccess }),
        keys: sorted.keys,
        links: sorted.links,
      };
    }
    return { version: STATE_VERSION, sources };
  }

  private sortedOf(s: SourceState): SortedCache {
    let cache = this.sorted.get(s);
    if (cache === undefined) {
      cache = { keysSize: -1, keys: [], linksSize: -1, links: [] };
      this.sorted.set(s, cache);
    }
    if (cache.keysSize !== s.keys.size) {
      cache.keys = [...s.keys].sort();
      cache.keysSize = s.keys.size;
    }
    if (cache.linksSize !== s.links.size) {
      cache.links = [...s.links].sort();
      cache.linksSize = s.links.size;
    }
    return cache;
  }
}

function parseState(text: string, origin: string): IngestState {
  const advice = `refusing to run rather than lose the seen items: fix ${origin} or restore it from git`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new StateError(`${origin}: the ingest state is not valid JSON (${(error as Error).message}); ${advice}`);
  }
  const result = stateFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new StateError(`${origin}: ${issue.path.join('.') || '(file)'}: ${issue.message}; ${advice}`);
  }
  if (result.data.version !== STATE_VERSION) {
    throw new StateError(`${origin}: state version ${result.data.version} is not supported (expected ${STATE_VERSION}); ${advice}`);
  }
  const state = new IngestState();
  for (const [id, s] of Object.entries(result.data.sources)) {
    state.sources.set(id, {
      ...(s.etag === undefined ? {} : { etag: s.etag }),
      ...(s.lastModified === undefined ? {} : { lastModified: s.lastModified }),
      keys: new Set(s.keys),
      links: new Set(s.links),
      failures: s.failures,
      ...(s.lastError === undefined ? {} : { lastError: s.lastError }),
      ...(s.lastAttempt === undefined ? {} : { lastAttempt: s.lastAttempt }),
      ...(s.lastSuccess === undefined ? {} : { lastSuccess: s.lastSuccess }),
    });
  }
  return state;
}

/** Reads the state; a missing file gives an empty state, anything unreadable throws StateError. */
export async function readState(path: string): Promise<IngestState> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new IngestState();
    throw new StateError(`${path}: cannot read the ingest state: ${(error as Error).message}`);
  }
  return parseState(text, path);
}

function serialiseState(state: IngestState): string {
  return `${JSON.stringify(state, null, 2)}\n`;
}

/**
 * Deletes the temp files write-file-atomic leaves beside `path` when its process is killed
 * mid-write (`<name>.<number>`). Only call while holding the ingest lock.
 */
export async function cleanAtomicTemps(path: string): Promise<string[]> {
  const name = basename(path);
  const dir = dirname(path);
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return [];
  }
  const stale = entries.filter((entry) => entry.startsWith(`${name}.`) && /^\d+$/.test(entry.slice(name.length + 1)));
  await Promise.all(stale.map((entry) => unlink(join(dir, entry)).catch(() => undefined)));
  return stale.map((entry) => join(dir, entry));
}

/** Replaces the state file atomically (temp file, fsync, rename). */
export async function writeState(path: string, state: IngestState): Promise<void> {
  await writeFileAtomic(path, serialiseState(state), { encoding: 'utf8' });
}

/**
 * Saves the state whenever asked, one write at a time, always the latest state. Requests
 * made while a write is pending share it, and writes are at least `minIntervalMs` apart:
 * with hundreds of sources finishing, the state (which grows with every key, ~1 MB for
 * 10,000 items) is rewritten about once a second, not once per source. A run killed between
 * two writes loses nothing: the next run learns its posts from the disk. `flush` is the last
 * save, written without waiting out the interval.
 */
export class StateWriter {
  private pending: Promise<void> = Promise.resolve();
  private queued = false;
  private lastWrite = 0;
  private hurry: (() => void) | undefined;
  private flushing = false;

  constructor(
    private readonly path: string,
    private readonly state: IngestState,
    private readonly minIntervalMs = 1000,
  ) {}

  save(): Promise<void> {
    return this.request();
  }

  /** From now on, writes do not wait (the run is ending); a write waiting now goes at once. */
  flush(): Promise<void> {
    this.flushing = true;
    this.hurry?.();
    return this.request();
  }

  private request(): Promise<void> {
    if (this.queued) return this.pending;
    this.queued = true;
    this.pending = this.pending
      .catch(() => undefined)
      .then(async () => {
        const wait = this.lastWrite + this.minIntervalMs - Date.now();
        if (wait > 0 && !this.flushing) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, wait);
            this.hurry = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.hurry = undefined;
        }
        // From here on, a new request needs a new write: this one may serialise too early for it.
        this.queued = false;
        await writeState(this.path, this.state);
        this.lastWrite = Date.now();
      });
    return this.pending;
  }
}

export interface RetryPolicy {
  /** Failed runs in a row after which a source is skipped (default 3). */
  maxFailures: number;
  /** How long after its last attempt a skipped source is tried again (default 6 h). */
  retryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxFailures: 3, retryAfterMs: 6 * 60 * 60 * 1000 };

/** When a failing source may be tried again, or undefined if it is to be fetched now. */
export function skippedUntil(state: SourceState | undefined, now: Date, policy: RetryPolicy): Date | undefined {
  if (state === undefined || state.failures < policy.maxFailures || state.lastAttempt === undefined) return undefined;
  const retryAt = new Date(Date.parse(state.lastAttempt) + policy.retryAfterMs);
  return retryAt.getTime() > now.getTime() ? retryAt : undefined;
}

/** A successful fetch; `validators` replace the stored ones (undefined: keep them, as after a 304). */
export function recordSuccess(
  state: SourceState,
  at: Date,
  validators?: { etag?: string | undefined; lastModified?: string | undefined },
): void {
  // A healthy source leaves no timestamps behind: the state file (committed by the hourly job)
  // changes only when something about the source really changed, so a quiet hour commits
  // nothing. `lastSuccess` records when a source recovered from failures.
  if (state.failures > 0) state.lastSuccess = at.toISOString();
  state.failures = 0;
  delete state.lastError;
  delete state.lastAttempt;
  if (validators === undefined) return;
  if (validators.etag === undefined) delete state.etag;
  else state.etag = validators.etag;
  if (validators.lastModified === undefined) delete state.lastModified;
  else state.lastModified = validators.lastModified;
}

export function recordFailure(state: SourceState, at: Date, message: string): void {
  state.failures += 1;
  state.lastError = message;
  state.lastAttempt = at.toISOString();
}
