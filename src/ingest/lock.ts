import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { KhabarError } from '../model/errors.ts';

/**
 * One ingest run at a time per posts directory: `<out>/.ingest.lock` holds the owner's pid,
 * host name and start time. It is created complete and exclusively (written to a temp name,
 * then hard-linked: link() fails when the lock exists), so a reader never sees it half-written.
 * A lock whose process is gone (same host, `kill(pid, 0)` says ESRCH) or that is older than
 * `staleAfterMs` is left over from a killed run: it is taken over, with a warning.
 */

export interface LockInfo {
  pid: number;
  hostname: string;
  startedAt: string;
}

export class LockHeldError extends KhabarError {
  readonly holder: LockInfo | undefined;
  readonly lockPath: string;
  constructor(lockPath: string, holder: LockInfo | undefined) {
    super(
      holder === undefined
        ? `another ingest run holds ${lockPath}; if none is running, delete that file`
        : `another ingest run (pid ${holder.pid} on ${holder.hostname}, started ${holder.startedAt}) holds ${lockPath}; ` +
            'wait for it to finish (if it was killed, the lock is recovered automatically once stale)',
    );
    this.holder = holder;
    this.lockPath = lockPath;
  }
}

export interface LockOptions {
  /** A lock older than this is stale whatever its pid says (default 2 h). */
  staleAfterMs?: number;
  /** Called when a stale lock is taken over. */
  onWarning?: (message: string) => void;
  /** For tests: the clock and the liveness check. */
  now?: () => Date;
  isAlive?: (pid: number) => boolean;
}

export interface Lock {
  path: string;
  info: LockInfo;
  release(): Promise<void>;
}

export const DEFAULT_STALE_AFTER_MS = 2 * 60 * 60 * 1000;

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

function parseLock(text: string): LockInfo | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockInfo>;
    if (typeof value.pid === 'number' && typeof value.hostname === 'string' && typeof value.startedAt === 'string') {
      return { pid: value.pid, hostname: value.hostname, startedAt: value.startedAt };
    }
  } catch {
    // fall through: unreadable
  }
  return undefined;
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Creates `path` with `text`, atomically and only if it does not exist. */
async function createExclusive(path: string, text: string): Promise<boolean> {
  // Named like store.ts's temp files, so a killed run's leftover is cleaned with them.
  const tmp = `${path}.khabar-tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(tmp, text, { flag: 'wx' });
  try {
    await link(tmp, path);
    return true;
  } catch (error) {
    // ENOENT: the lock holder's temp clean-up took our temp file; the lock is held.
    if (code(error) === 'EEXIST' || code(error) === 'ENOENT') return false;
    throw error;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
}

/** Why the lock at `path` is stale, or undefined when its owner may still be running. */
async function staleReason(
  path: string,
  holder: LockInfo | undefined,
  options: Required<Pick<LockOptions, 'staleAfterMs' | 'now' | 'isAlive'>>,
): Promise<string | undefined> {
  let startedMs: number;
  if (holder === undefined) {
    // Unreadable content (not written by this code): judge by the file's age only.
    try {
      startedMs = (await stat(path)).mtimeMs;
    } catch {
      return undefined;
    }
  } else {
    startedMs = Date.parse(holder.startedAt);
    if (holder.hostname === hostname() && !options.isAlive(holder.pid)) {
      return `its process (pid ${holder.pid}) is no longer running`;
    }
  }
  const age = options.now().getTime() - startedMs;
  if (Number.isNaN(age) || age > options.staleAfterMs) {
    return `it is older than ${Math.round(options.staleAfterMs / 60000)} minutes`;
  }
  return undefined;
}

export async function acquireLock(path: string, options: LockOptions = {}): Promise<Lock> {
  const settings = {
    staleAfterMs: options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
    now: options.now ?? (() => new Date()),
    isAlive: options.isAlive ?? isProcessAlive,
  };
  // Real time, not KHABAR_NOW: staleness is about wall-clock age.
  const info: LockInfo = { pid: process.pid, hostname: hostname(), startedAt: new Date().toISOString() };
  const text = `${JSON.stringify(info)}\n`;

  for (let attempt = 0; attempt < 3; attempt++) {
    if (await createExclusive(path, text)) {
      let released = false;
      return {
        path,
        info,
        async release() {
          if (released) return;
          released = true;
          // Only remove our own lock (a stale-lock recovery elsewhere may have replaced it).
          const current = await readFile(path, 'utf8').catch(() => undefined);
          if (current === text) await unlink(path).catch(() => undefined);
        },
      };
    }
    let current: string;
    try {
      current = await readFile(path, 'utf8');
    } catch (error) {
      if (code(error) === 'ENOENT') continue; // released meanwhile: try again
      throw error;
    }
    const holder = parseLock(current);
    const reason = await staleReason(path, holder, settings);
    if (reason === undefined) throw new LockHeldError(path, holder);

    // Take the stale lock aside under a unique name, then check it is still the one judged
    // stale: if another run replaced it meanwhile, put that one back and give way.
    const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      await rename(path, aside);
    } catch (error) {
      if (code(error) === 'ENOENT') continue;
      throw error;
    }
    const taken = await readFile(aside, 'utf8').catch(() => '');
    if (taken !== current) {
      await link(aside, path).catch(() => undefined);
      await unlink(aside).catch(() => undefined);
      throw new LockHeldError(path, parseLock(taken));
    }
    await unlink(aside).catch(() => undefined);
    options.onWarning?.(
      `recovered a stale ingest lock ${path}` +
        (holder === undefined ? '' : ` (pid ${holder.pid} on ${holder.hostname}, started ${holder.startedAt})`) +
        `: ${reason}`,
    );
  }
  throw new LockHeldError(path, undefined);
}
