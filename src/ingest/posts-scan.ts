/**
 * What the posts directory already holds, read once at the start of a run: every post's
 * source (feed, id, url) and URL key from its front matter only (the body is never read),
 * and the temp files a killed run left, deleted.
 */
import { closeSync, openSync, readdirSync, readSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { parseIsoDate } from '../model/dates.ts';
import { indexFieldsOf, type IndexFields } from '../model/front-matter-fast.ts';
import { slugify } from '../model/slug.ts';
import { errorCode, isTempName } from './atomic-write.ts';
import { urlKey } from './post-slug.ts';

/** What the posts directory already holds (front matter only). */
export interface ExistingPost {
  path: string;
  /** source.feed, source.id and source.url when the post has them. */
  feed?: string;
  id?: string;
  url?: string;
  /** The post's URL as urlKey() spells it, when its date and title/slug are readable. */
  urlKey?: string;
}

export interface PostsScan {
  posts: ExistingPost[];
  /** Temp files of a killed run, deleted. Only call with the ingest lock held. */
  tempsRemoved: string[];
}

const HEAD_CHUNK = 8192;

const HEAD_MAX = 256 * 1024;

// The first chunk of every file read by the scan goes here (sync reads, one at a time).
const firstChunk = Buffer.allocUnsafeSlow(HEAD_CHUNK);

/** The front matter block of a file (through its closing fence), without reading the body. */
export function readFrontMatterHead(path: string): string | undefined {
  const fd = openSync(path, 'r');
  try {
    let head = Buffer.alloc(0);
    let searchFrom = 0;
    while (head.length < HEAD_MAX) {
      const chunk = head.length === 0 ? firstChunk : Buffer.alloc(HEAD_CHUNK);
      const read = readSync(fd, chunk, 0, HEAD_CHUNK, head.length);
      if (read === 0) break;
      // The shared first chunk is only ever looked at through this copy-free view until it is copied below.
      head = head.length === 0 ? chunk.subarray(0, read) : Buffer.concat([head, chunk.subarray(0, read)]);
      if (searchFrom === 0 && !/^(?:\uFEFF)?---/.test(head.subarray(0, 8).toString('utf8'))) return undefined;
      const text = head.toString('utf8');
      const close = /\r?\n---[ \t]*(?:\r?\n|$)/g;
      close.lastIndex = Math.max(3, searchFrom - 8);
      const match = close.exec(text);
      if (match !== null) return text.slice(0, match.index + match[0].length);
      searchFrom = text.length;
      if (head.buffer === firstChunk.buffer) head = Buffer.from(head); // the next read reuses firstChunk
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}

function readExisting(path: string, timeZone: string): ExistingPost {
  const post: ExistingPost = { path };
  let fields: IndexFields;
  try {
    const head = readFrontMatterHead(path);
    if (head === undefined) return post;
    fields = indexFieldsOf(head);
  } catch {
    return post; // `npm run check` reports broken files; ingest only needs the readable ones
  }
  if (fields.source?.feed !== undefined) post.feed = fields.source.feed;
  if (fields.source?.id !== undefined) post.id = fields.source.id;
  if (fields.source?.url !== undefined) post.url = fields.source.url;
  const date = fields.date === undefined ? null : parseIsoDate(fields.date);
  const slug = fields.slug ?? (fields.title === undefined ? '' : slugify(fields.title));
  if (date !== null && slug !== '') post.urlKey = urlKey(date, slug, timeZone);
  return post;
}

/** Visits the posts directory: temp files (deleted) and Markdown files, skipping dot folders. */
function walkPosts(outDir: string, onPost: (path: string) => void, removed: string[]): void {
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isFile() && isTempName(entry.name)) {
        try {
          unlinkSync(path);
          removed.push(path);
        } catch (error) {
          if (errorCode(error) !== 'ENOENT') throw error;
        }
      } else if (entry.name.startsWith('.')) {
        continue;
      } else if (entry.isDirectory()) {
        walk(path);
      } else if (entry.isFile() && entry.name.endsWith('.md')) {
        onPost(path);
      }
    }
  };
  walk(outDir);
}

/**
 * Walks the posts directory once: deletes stale temp files and reads every post's front
 * matter. Synchronous on purpose: it runs once, before any fetch, and small sync reads are
 * the fastest way through thousands of files. Only call with the ingest lock held.
 */
export function scanPosts(outDir: string, timeZone: string): PostsScan {
  const scan: PostsScan = { posts: [], tempsRemoved: [] };
  walkPosts(outDir, (path) => scan.posts.push(readExisting(path, timeZone)), scan.tempsRemoved);
  return scan;
}
