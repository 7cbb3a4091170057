import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import writeFileAtomic from 'write-file-atomic';
import { codeVersion } from './code-version.ts';
import type { BodyLink } from './markdown.ts';

/**
 * The content check's cache between builds: for each content file, by the hash of its text,
 * what parsing it gave (front matter data, the rendered body and its links). A scheduled
 * rebuild then parses and renders only the files that changed. Validation, categories, URLs
 * and links are still checked for every file on every build.
 *
 * The key also hashes the code that parses (front-matter.ts, markdown.ts, the lock file for
 * the libraries), so a change to how Markdown renders never reuses an old rendering. The cache file keeps only the entries
 * the last build used.
 */

export interface ParsedContent {
  data: Record<string, unknown>;
  bodyLine: number;
  html: string;
  links: BodyLink[];
}

/** A content file's identity: the hash of its text (the parse cache's and the page cache's keys). */
export function sourceHash(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

export interface ParseCache {
  /** By the file's sourceHash. */
  get(hash: string): ParsedContent | undefined;
  set(hash: string, parsed: ParsedContent): void;
  /** Writes the entries this build used; returns how many of them were found in the cache. */
  save(): number;
}

const FILE = 'content.v8';
// The lock file stands for the libraries' versions (markdown-it, yaml, gray-matter).
const PARSING_CODE = [new URL('../model/front-matter.ts', import.meta.url), new URL('./markdown.ts', import.meta.url), new URL('../../package-lock.json', import.meta.url)];

let salt: string | undefined;
function codeSalt(): string {
  salt ??= codeVersion(PARSING_CODE);
  return salt;
}

export function openParseCache(cacheDir: string): ParseCache {
  const path = join(cacheDir, FILE);
  let stored = new Map<string, ParsedContent>();
  try {
    const loaded = deserialize(readFileSync(path)) as { salt: string; entries: Map<string, ParsedContent> };
    if (loaded.salt === codeSalt()) stored = loaded.entries;
  } catch {
    // No cache yet, or one this Node cannot read: parse everything.
  }
  const used = new Map<string, ParsedContent>();
  let hits = 0;
  return {
    get(hash) {
      const found = stored.get(hash);
      if (found !== undefined) {
        used.set(hash, found);
        hits++;
      }
      return found;
    },
    set(hash, parsed) {
      used.set(hash, parsed);
    },
    save() {
      mkdirSync(cacheDir, { recursive: true });
      // No fsync: after a crash an unreadable cache is only an empty one.
      writeFileAtomic.sync(path, serialize({ salt: codeSalt(), entries: used }), { fsync: false });
      return hits;
    },
  };
}
