/**
 * Storing ingested posts in the posts directory: each under the first free name
 * (`<outDir>/YYYY/MM/<slug>.md`, then `-2`, `-3`…, also avoiding URLs already taken), written
 * with atomic-write.ts (never over an existing file, never a torn file). storePosts does the
 * same for a batch, with the temp files' fsyncs in flight together.
 */
import { closeSync, fsync, lstatSync, openSync, writeFileSync } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dateParts } from '../model/dates.ts';
import { exists, linkNoClobber, syncDirs, tempName, unlinkQuietly, writeTemp } from './atomic-write.ts';
import { draftSlugs, urlKey } from './post-slug.ts';
import { draftDate, frontMatterFor, InvalidDraftError, renderPost, type FirstRender } from './render-post.ts';
import type { PostDraft } from './types.ts';

export interface StoreOptions {
  /** The site's time zone: the post's YYYY/MM folder and URL day are taken in it. */
  timeZone: string;
  /**
   * URLs already used, as `YYYY/MM/DD/<slug>` (see urlKey); a post whose URL would clash
   * with another file's gets the next free suffix. Updated with the stored post's URL.
   */
  takenUrls?: Set<string>;
}

export interface StoredPost {
  /** The written file: join(outDir, YYYY, MM, `${slug}.md`). */
  path: string;
  /** Its folder, to fsync once per batch with syncDirs() (the new entry survives a power loss). */
  dir: string;
  slug: string;
}

/**
 * Writes one post at `<outDir>/YYYY/MM/<slug>.md` (`-2`, `-3`… when the name or its URL is
 * taken); the file is fsynced, its folder is not (see syncDirs). Throws InvalidDraftError
 * when the draft cannot be written as a valid post; any other error is an I/O failure.
 */
export async function storePost(outDir: string, draft: PostDraft, options: StoreOptions): Promise<StoredPost> {
  const date = draftDate(draft);
  const { year, month } = dateParts(date, options.timeZone);
  const dir = join(outDir, year, month);
  const { base, derived } = draftSlugs(draft.frontMatter.title, draft.key);
  // Rendered (and so validated) before touching the disk: a refused draft leaves nothing behind.
  const first = renderPost(frontMatterFor(draft, base === derived ? undefined : base), draft.body);
  await mkdir(dir, { recursive: true });

  for (let n = 1; n < 10_000; n++) {
    const slug = n === 1 ? base : `${base}-${n}`;
    const url = urlKey(date, slug, options.timeZone);
    const final = join(dir, `${slug}.md`);
    if (options.takenUrls?.has(url) || (await exists(final))) continue;
    const text = n === 1 ? first : renderPost(frontMatterFor(draft, slug === derived ? undefined : slug), draft.body);
    const tmp = tempName(dir, slug);
    await writeTemp(tmp, text);
    let linked: boolean;
    try {
      linked = linkNoClobber(tmp, final);
    } finally {
      await unlink(tmp).catch(() => undefined);
    }
    if (!linked) continue; // taken between the check and the link: try the next name
    options.takenUrls?.add(url);
    return { path: final, dir, slug };
  }
  throw new Error(`no free file name for "${base}" in ${dir}`);
}

const fsyncFd = promisify(fsync);

export interface BatchOptions extends StoreOptions {
  /** Aborting stops the batch before the next post is linked; its temp files are removed. */
  signal?: AbortSignal;
  /** By draft key: renderFirst's result, computed ahead (in a worker); the others are rendered here. */
  renders?: ReadonlyMap<string, FirstRender>;
}

export interface BatchHooks {
  /** Called as each post is linked, before the next one is. */
  onStored: (draft: PostDraft, stored: StoredPost) => void;
  /** A draft that cannot be written as a valid post: nothing is written for it. */
  onInvalid: (draft: PostDraft, error: InvalidDraftError) => void;
}

/** Posts written together: their temp files are fsynced concurrently, then linked in order. */
const BATCH_FILES = 64;

interface Pending {
  draft: PostDraft;
  dir: string;
  slug: string;
  url: string;
  final: string;
  tmp: string;
  fd?: number;
}

/**
 * storePost for a source's fresh drafts, in order, with the same names, checks and
 * guarantees: each post goes to a temp file in its folder, is fsynced, then hard-linked to a
 * free name (never over a file; EEXIST means someone took the name, and that draft goes
 * through storePost for the next one), and the folders are fsynced once at the end. What
 * changes is the waiting: up to BATCH_FILES temp files are written and their fsyncs run
 * together, instead of one post's whole write, fsync and link after another.
 * An I/O error rejects (the posts linked before it are stored and were reported).
 */
export async function storePosts(outDir: string, drafts: readonly PostDraft[], options: BatchOptions, hooks: BatchHooks): Promise<void> {
  const synced = new Set<string>();
  const made = new Set<string>();
  const stored = (draft: PostDraft, post: StoredPost): void => {
    synced.add(post.dir);
    hooks.onStored(draft, post);
  };
  try {
    for (let start = 0; start < drafts.length; start += BATCH_FILES) {
      options.signal?.throwIfAborted();
      const chunk: Pending[] = [];
      const reserved = new Set<string>(); // file names this chunk will link
      const reservedUrls = new Set<string>();
      try {
        for (const draft of drafts.slice(start, start + BATCH_FILES)) {
          const pending = prepare(outDir, draft, options, reserved, reservedUrls);
          if (pending instanceof InvalidDraftError) {
            hooks.onInvalid(draft, pending);
            continue;
          }
          if (!made.has(pending.dir)) {
            await mkdir(pending.dir, { recursive: true });
            made.add(pending.dir);
          }
          pending.fd = openSync(pending.tmp, 'wx', 0o644);
          chunk.push(pending);
          writeFileSync(pending.fd, pending.text, 'utf8');
        }
        await Promise.all(chunk.map((pending) => fsyncFd(pending.fd!)));
        for (const pending of chunk) {
          closeSync(pending.fd!);
          delete pending.fd;
        }
        for (const pending of chunk) {
          options.signal?.throwIfAborted();
          let linked: boolean;
          try {
            linked = linkNoClobber(pending.tmp, pending.final);
          } finally {
            unlinkQuietly(pending.tmp);
            pending.tmp = '';
          }
          if (linked) {
            options.takenUrls?.add(pending.url);
            stored(pending.draft, { path: pending.final, dir: pending.dir, slug: pending.slug });
            continue;
          }
          // Taken since it was checked: the next free name, one post at a time.
          try {
            stored(pending.draft, await storePost(outDir, pending.draft, options));
          } catch (error) {
            if (!(error instanceof InvalidDraftError)) throw error;
            hooks.onInvalid(pending.draft, error);
          }
        }
      } finally {
        for (const pending of chunk) {
          if (pending.fd !== undefined) closeSync(pending.fd);
          if (pending.tmp !== '') unlinkQuietly(pending.tmp);
        }
      }
    }
  } finally {
    await syncDirs(synced);
  }
}

/** The draft rendered under the first name that is free (not taken, reserved or on disk). */
function prepare(
  outDir: string,
  draft: PostDraft,
  options: BatchOptions,
  reserved: Set<string>,
  reservedUrls: Set<string>,
): (Pending & { text: string }) | InvalidDraftError {
  try {
    const ahead = options.renders?.get(draft.key);
    if (ahead !== undefined && 'invalid' in ahead) return new InvalidDraftError(ahead.invalid);
    const date = draftDate(draft);
    const { year, month } = dateParts(date, options.timeZone);
    const dir = join(outDir, year, month);
    const { base, derived } = draftSlugs(draft.frontMatter.title, draft.key);
    // Rendered (and so validated) before touching the disk, as storePost does.
    const first = ahead?.text ?? renderPost(frontMatterFor(draft, base === derived ? undefined : base), draft.body);
    for (let n = 1; n < 10_000; n++) {
      const slug = n === 1 ? base : `${base}-${n}`;
      const url = urlKey(date, slug, options.timeZone);
      const final = join(dir, `${slug}.md`);
      if (options.takenUrls?.has(url) || reservedUrls.has(url) || reserved.has(final)) continue;
      if (lstatSync(final, { throwIfNoEntry: false }) !== undefined) continue;
      const text = n === 1 ? first : renderPost(frontMatterFor(draft, slug === derived ? undefined : slug), draft.body);
      reserved.add(final);
      reservedUrls.add(url);
      return { draft, dir, slug, url, final, tmp: tempName(dir, slug), text };
    }
    throw new Error(`no free file name for "${base}" in ${dir}`);
  } catch (error) {
    if (error instanceof InvalidDraftError) return error;
    throw error;
  }
}
