import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { brotliCompressSync, brotliDecompressSync, constants, crc32, type BrotliOptions } from 'node:zlib';
import writeFileAtomic from 'write-file-atomic';
import { codeVersion } from '../code-version.ts';
import type { BodyLink } from '../render/markdown.ts';

/**
 * The content check's cache between builds: for each content file, by the hash of its text,
 * what parsing it gave (front matter data, the rendered body and its links). A scheduled
 * rebuild then parses and renders only the files that changed. Validation, categories, URLs
 * and links are still checked for every file on every build.
 *
 * The key also hashes the code that parses (front-matter.ts, markdown.ts, the lock file for
 * the libraries), so a change to how Markdown renders never reuses an old rendering. The
 * entries the last build used are kept: a build that adds a few files writes only those
 * (content-added.v8) beside the others (content.v8), which are rewritten once enough of
 * them are stale.
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
  /** Every hash it has an entry for (the dev server's parse workers skip those files' parsing). */
  hashes?(): Iterable<string>;
  /** Writes the entries this build used; returns how many of them were found in the cache. */
  save(): number;
}

/** All entries as of the last full write. */
const BASE = 'content.v8';
/** Entries made since, which the base does not have: a daily rebuild writes only these. */
const ADDED = 'content-added.v8';
// The lock file stands for the libraries' versions (markdown-it, yaml, gray-matter).
const PARSING_CODE = [
  new URL('../../model/front-matter.ts', import.meta.url),
  new URL('./quick-front-matter.ts', import.meta.url),
  new URL('../render/markdown.ts', import.meta.url),
  new URL('../../../package-lock.json', import.meta.url),
];

let salt: string | undefined;
function codeSalt(): string {
  salt ??= codeVersion(PARSING_CODE);
  return salt;
}

/**
 * A cache file is MAGIC, the CRC-32 and length of the rest, the length of the serialized
 * entries, then those entries compressed: a file that fails the check (a flipped byte, a torn
 * write) is not read at all — its entries are parsed again — so a damaged cache never changes
 * a page. The file of another format (another MAGIC) is not read either.
 *
 * The entries are compressed because the workflow uploads the build cache every run: Brotli
 * at quality 2 makes them 3.6× smaller (measured at 5,000 posts: 14.7 MB to 4.1 MB, in 0.14 s;
 * reading them back costs 0.05 s). Bodies are kept as UTF-8: a string with one character
 * beyond Latin-1 (a dash, a Persian word) would be serialized as UTF-16, twice its size.
 */
const MAGIC = Buffer.from('khabar-parse-cache 3\n');
const HEADER = MAGIC.length + 12;
const COMPRESSION: BrotliOptions = { params: { [constants.BROTLI_PARAM_QUALITY]: 2, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };

/** As serialized: the body in UTF-8. */
type StoredContent = Omit<ParsedContent, 'html'> & { html: Uint8Array };

/** The file's entries, or none when it is missing, damaged or made by other code. */
export function readEntries(path: string): Map<string, ParsedContent> {
  try {
    const file = readFileSync(path);
    if (file.length < HEADER || !file.subarray(0, MAGIC.length).equals(MAGIC)) return new Map();
    const payload = file.subarray(HEADER);
    if (file.readUInt32BE(MAGIC.length) !== crc32(payload) || file.readUInt32BE(MAGIC.length + 4) !== payload.length) return new Map();
    const length = file.readUInt32BE(MAGIC.length + 8);
    const serialized = brotliDecompressSync(payload, { maxOutputLength: Math.max(length, 1) });
    if (serialized.length !== length) return new Map();
    const loaded = deserialize(serialized) as { salt: string; entries: Map<string, StoredContent> };
    if (loaded.salt !== codeSalt()) return new Map();
    const entries = new Map<string, ParsedContent>();
    for (const [hash, { html, ...rest }] of loaded.entries) entries.set(hash, { ...rest, html: Buffer.from(html.buffer, html.byteOffset, html.byteLength).toString('utf8') });
    return entries;
  } catch {
    // No cache yet, or one this Node cannot read: parse everything.
  }
  return new Map();
}

function writeEntries(path: string, entries: Map<string, ParsedContent>): void {
  const stored = new Map<string, StoredContent>();
  for (const [hash, { html, ...rest }] of entries) stored.set(hash, { ...rest, html: Buffer.from(html, 'utf8') });
  const serialized = serialize({ salt: codeSalt(), entries: stored });
  const payload = brotliCompressSync(serialized, { ...COMPRESSION, params: { ...COMPRESSION.params, [constants.BROTLI_PARAM_SIZE_HINT]: serialized.length } });
  const header = Buffer.alloc(HEADER);
  MAGIC.copy(header);
  header.writeUInt32BE(crc32(payload), MAGIC.length);
  header.writeUInt32BE(payload.length, MAGIC.length + 4);
  header.writeUInt32BE(serialized.length, MAGIC.length + 8);
  // No fsync: after a crash a torn file fails its check and is only an empty cache.
  writeFileAtomic.sync(path, Buffer.concat([header, payload]), { fsync: false });
}

export function openParseCache(cacheDir: string): ParseCache {
  const basePath = join(cacheDir, BASE);
  const addedPath = join(cacheDir, ADDED);
  const base = readEntries(basePath);
  const added = base.size === 0 ? new Map<string, ParsedContent>() : readEntries(addedPath);
  const used = new Map<string, ParsedContent>();
  let hits = 0;
  return {
    get(hash) {
      const found = base.get(hash) ?? added.get(hash);
      if (found !== undefined) {
        used.set(hash, found);
        hits++;
      }
      return found;
    },
    set(hash, parsed) {
      used.set(hash, parsed);
    },
    *hashes() {
      yield* base.keys();
      yield* added.keys();
    },
    save() {
      mkdirSync(cacheDir, { recursive: true });
      let baseUsed = 0;
      const notInBase = new Map<string, ParsedContent>();
      for (const [hash, parsed] of used) {
        if (base.has(hash)) baseUsed++;
        else notInBase.set(hash, parsed);
      }
      // Rewrite everything when there is no base, a quarter of it is stale or the additions grow large;
      // else write the additions alone (when they changed), leaving the base as it is.
      if (base.size === 0 || base.size - baseUsed > base.size / 4 || notInBase.size > Math.max(500, used.size / 10)) {
        writeEntries(basePath, used);
        rmSync(addedPath, { force: true });
      } else if (notInBase.size !== added.size || [...notInBase.keys()].some((hash) => !added.has(hash))) {
        writeEntries(addedPath, notInBase);
      }
      return hits;
    },
  };
}
