import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeSearchIndex } from '../search/search-index.ts';
import type { SearchPost } from '../search/types.ts';

/**
 * The dev server's search index, made in the background by the build's own indexer
 * (search-index.ts): each run writes a new folder, which is served once it is complete (the
 * one before is then removed). Changes made while a run is going start one more run when it
 * ends. With a shard cache (in the build cache, or the run's temporary folder) a run after an
 * edit indexes only the shards the edit touched.
 */
export interface DevSearchOptions {
  /** Where the index folders are made. */
  workDir: string;
  /** Where unchanged shards are kept between runs. */
  cacheDir: string;
  timeZone: () => string;
  shardSize?: number;
  workers?: number;
  /** Called when the served index has caught up with `version`. */
  onCurrent?: (version: number) => void;
  onError?: (error: unknown) => void;
}

/** The niceness of the index's workers and Pagefind processes (Linux): the pages an editor waits for go first. */
const SEARCH_NICE = 10;

export class DevSearch {
  /** The folder served at /pagefind/, once there is one. */
  served: string | undefined;
  /** The site version the served index was made from (-1: none yet). */
  servedVersion = -1;
  private wanted: { version: number; posts: () => readonly SearchPost[] } | undefined;
  private running: Promise<void> | undefined;
  private run = 0;

  constructor(private readonly options: DevSearchOptions) {
    mkdirSync(options.workDir, { recursive: true });
  }

  /** Asks for an index of `posts` (read when the run starts) at site version `version`. */
  update(version: number, posts: () => readonly SearchPost[]): void {
    this.wanted = { version, posts };
    this.running ??= this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /** Settles when no run is going or wanted. */
  async idle(): Promise<void> {
    while (this.running !== undefined) await this.running;
  }

  private async loop(): Promise<void> {
    while (this.wanted !== undefined) {
      const { version, posts } = this.wanted;
      this.wanted = undefined;
      const dir = mkdtempSync(join(this.options.workDir, `run-${++this.run}-`));
      try {
        await writeSearchIndex(posts(), {
          outputDir: dir,
          cacheDir: this.options.cacheDir,
          timeZone: this.options.timeZone(),
          ...(this.options.shardSize === undefined ? {} : { shardSize: this.options.shardSize }),
          // Always in a worker (unless told none), whose Pagefind process is niced: edits compete with it for the cores.
          workers: this.options.workers ?? 2,
          nice: SEARCH_NICE,
        });
      } catch (error) {
        rmSync(dir, { recursive: true, force: true });
        this.options.onError?.(error);
        continue;
      }
      const old = this.served;
      this.served = join(dir, 'pagefind');
      this.servedVersion = version;
      if (old !== undefined) rmSync(join(old, '..'), { recursive: true, force: true });
      this.options.onCurrent?.(version);
    }
  }
}
