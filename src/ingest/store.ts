import { createHash, randomBytes } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  fsync,
  linkSync,
  lstatSync,
  openSync,
  readdirSync,
  readSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { lstat, mkdir, open, unlink, constants as fsConstants } from 'node:fs/promises';
import { join } from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import { dateParts, parseIsoDate } from '../model/dates.ts';
import { parseFrontMatter, stringifyFrontMatter } from '../model/front-matter.ts';
import { validatePost, type FieldProblem } from '../model/schema.ts';
import { isSlug, slugify } from '../model/slug.ts';
import type { PostDraft } from './types.ts';
import { KhabarError } from '../model/errors.ts';

/**
 * The posts directory: writing one ingested post (never over an existing file, never a torn
 * file), cleaning the temp files a killed run left, and indexing the posts already there.
 *
 * A post is written to a temp file in its final directory, fsynced, then hard-linked to its
 * final name. link() fails with EEXIST when the name is taken, so no race can overwrite a
 * post (rename() would), and the final name only ever appears with its whole content.
 * storePosts does the same for a batch, with the temp files' fsyncs in flight together.
 */

const SLUG_MAX_CHARS = 80;
// File names are limited to 255 bytes; Persian letters take 2 bytes in UTF-8, and the temp
// name adds ~35 bytes, so the byte cap matters before the character cap only for some scripts.
const SLUG_MAX_BYTES = 160;
const TEMP_MARK = '.khabar-tmp-';
const TEMP_NAME = /^\..+\.khabar-tmp-\d+-[0-9a-f]+$/;
// Temp names: this process's id, a random salt and a counter (not 4 fresh random bytes per post).
const TEMP_SALT = randomBytes(4).toString('hex');
let tempCounter = 0;

function tempName(dir: string, slug: string): string {
  return join(dir, `.${slug}.md${TEMP_MARK}${process.pid}-${TEMP_SALT}${(tempCounter++).toString(16)}`);
}

export class InvalidDraftError extends KhabarError {
  readonly problems: FieldProblem[];
  constructor(message: string, problems: FieldProblem[] = []) {
    super(message);
    this.problems = problems;
  }
}

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

/** The key the site's URL is built from: `/YYYY/MM/DD/<slug>/` minus the slashes at the ends. */
export function urlKey(date: Date, slug: string, timeZone: string): string {
  const { year, month, day } = dateParts(date, timeZone);
  return `${year}/${month}/${day}/${slug}`;
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Cuts a long slug back to its last whole word within ~80 characters (and the byte cap). */
function capSlug(slug: string): string {
  // Within both caps (code points ≤ UTF-16 units ≤ 80): nothing to cut, no need to count.
  if (slug.length <= SLUG_MAX_CHARS && utf8Length(slug) <= SLUG_MAX_BYTES) return slug;
  const chars = Array.from(slug);
  let count = 0;
  let bytes = 0;
  for (const ch of chars) {
    const size = utf8Length(ch);
    if (count === SLUG_MAX_CHARS || bytes + size > SLUG_MAX_BYTES) break;
    count++;
    bytes += size;
  }
  if (count === chars.length) return slug;
  const cut = chars.slice(0, count).join('');
  if (chars[count] === '-') return cut;
  const boundary = cut.lastIndexOf('-');
  // Inside a word only when the first word alone is that long.
  return boundary > 0 ? cut.slice(0, boundary) : cut;
}

/**
 * The slug a title gets: slugify(title), capped at a word boundary; a title with no letters
 * or digits (or one the schema's slug pattern refuses) gets a hash of the item's key.
 */
export function slugForDraft(title: string, key: string): string {
  return draftSlugs(title, key).base;
}

/**
 * slugForDraft's slug (`base`) and slugify(title) (`derived`), slugifying once: a file whose
 * slug is not the derived one says so in its front matter.
 */
function draftSlugs(title: string, key: string): { base: string; derived: string } {
  const derived = slugify(title);
  const slug = capSlug(derived);
  const base = slug === '' || !isSlug(slug) ? createHash('sha256').update(key).digest('hex').slice(0, 12) : slug;
  return { base, derived };
}

const FIELD_ORDER = ['title', 'date', 'author', 'categories', 'tags', 'slug', 'lang', 'source', 'video', 'updated'];

/** The front matter as written: the draft's fields in the contract's order, `slug` when the file needs one. */
export function frontMatterFor(draft: PostDraft, slug: string | undefined): Record<string, unknown> {
  const given: Record<string, unknown> = { ...draft.frontMatter };
  if (slug !== undefined) given.slug = slug;
  const data: Record<string, unknown> = {};
  // Unknown keys are kept, in order to be refused by validatePost rather than silently dropped.
  for (const key of [...FIELD_ORDER, ...Object.keys(given).filter((k) => !FIELD_ORDER.includes(k))]) {
    if (given[key] !== undefined) data[key] = given[key];
  }
  return data;
}

/**
 * Serialises and proves the file reads back as written: the schema accepts it, and parsing
 * the text yields exactly the same fields and body (a title cannot smuggle in YAML keys).
 */
export function renderPost(data: Record<string, unknown>, body: string): string {
  const checked = validatePost(data);
  if (!checked.ok) {
    throw new InvalidDraftError(
      `front matter refused: ${checked.problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`,
      checked.problems,
    );
  }
  const text = stringifyFrontMatter(data, body);
  const expectedBody = body.endsWith('\n') || body === '' ? body : `${body}\n`;
  const readsBack = (parsed: { data: Record<string, unknown>; body: string }): boolean =>
    parsed.data.title === data.title && isDeepStrictEqual(parsed.data, data) && parsed.body === expectedBody;
  // The quick reader is only trusted to say yes; anything else gets the parser's verdict.
  const quick = quickReadBack(text);
  if (quick !== undefined && readsBack(quick)) return text;
  if (!readsBack(parseFrontMatter(text))) throw new InvalidDraftError('the serialised post does not read back as written');
  return text;
}

// Characters the quick reader leaves to the parser: controls (tab included), line and
// paragraph separators, BOMs, non-characters and lone surrogates.
// eslint-disable-next-line no-control-regex
const NOT_PLAIN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|\p{Cs}/u;
const WRITTEN_TOP = /^([a-z]+):(?: (.*))?$/;
const WRITTEN_FIELD = /^ {2}([a-z]+): (.*)$/;
const WRITTEN_ITEM = /^ {2}- (.*)$/;

/** A double-quoted YAML scalar on one line whose only escapes are `\"` and `\\`; undefined otherwise. */
function plainDoubleQuoted(raw: string): string | undefined {
  if (raw.length < 2 || !raw.startsWith('"') || !raw.endsWith('"')) return undefined;
  const inner = raw.slice(1, -1);
  if (!inner.includes('\\') && !inner.includes('"')) return inner;
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i]!;
    if (ch === '"') return undefined;
    if (ch === '\\') {
      const next = inner[++i];
      if (next !== '"' && next !== '\\') return undefined;
      out += next;
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * What parseFrontMatter gives for a post as stringifyFrontMatter writes it, read without the
 * YAML parser: only when every line has one of the shapes Khabar writes — `key: "text"`,
 * `key: []`, or `key:` followed by `  - "text"` items or `  key: "text"` fields, the text
 * holding no escapes but `\"` and `\\` and none of NOT_PLAIN — and the body follows the
 * closing fence on its own line. Anything else returns undefined, for the parser (as
 * quickIndexFields does; the store tests hold it to the parser).
 */
export function quickReadBack(text: string): { data: Record<string, unknown>; body: string } | undefined {
  if (!text.startsWith('---\n') || text.includes('\r')) return undefined;
  const close = text.indexOf('\n---', 3);
  if (close <= 3 || text[close + 4] !== '\n') return undefined;
  const data: Record<string, unknown> = {};
  let block: { key: string; list?: string[]; map?: Record<string, string> } | undefined;
  const endBlock = (): boolean => {
    if (block === undefined) return true;
    if (block.list === undefined && block.map === undefined) return false; // `key:` alone is null
    data[block.key] = block.list ?? block.map;
    block = undefined;
    return true;
  };
  for (const line of text.slice(4, close).split('\n')) {
    if (NOT_PLAIN.test(line)) return undefined;
    if (line.startsWith(' ')) {
      if (block === undefined) return undefined;
      const item = WRITTEN_ITEM.exec(line);
      if (item !== null) {
        const value = plainDoubleQuoted(item[1]!);
        if (value === undefined || block.map !== undefined) return undefined;
        (block.list ??= []).push(value);
        continue;
      }
      const field = WRITTEN_FIELD.exec(line);
      if (field === null || block.list !== undefined || NOT_A_STRING.test(field[1]!)) return undefined;
      const value = plainDoubleQuoted(field[2]!);
      block.map ??= {};
      if (value === undefined || Object.hasOwn(block.map, field[1]!)) return undefined;
      block.map[field[1]!] = value;
      continue;
    }
    if (!endBlock()) return undefined;
    const top = WRITTEN_TOP.exec(line);
    if (top === null || NOT_A_STRING.test(top[1]!) || Object.hasOwn(data, top[1]!)) return undefined;
    const key = top[1]!;
    const raw = top[2];
    if (raw === undefined) {
      block = { key };
    } else if (raw === '[]') {
      data[key] = [];
    } else {
      const value = plainDoubleQuoted(raw);
      if (value === undefined) return undefined;
      data[key] = value;
    }
  }
  if (!endBlock() || Object.keys(data).length === 0) return undefined;
  return { data, body: text.slice(close + 5) };
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}

async function writeTemp(path: string, text: string): Promise<void> {
  const handle = await open(path, 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Makes new directory entries durable. storePost leaves this to its caller, once per folder
 * and batch: an fsync per post costs ~4 ms, several times the write itself.
 */
export async function syncDirs(dirs: Iterable<string>): Promise<void> {
  for (const dir of new Set(dirs)) {
    let handle;
    try {
      handle = await open(dir, 'r');
      await handle.sync();
    } catch {
      // Some platforms cannot fsync a directory; the posts themselves are on disk.
    } finally {
      await handle?.close();
    }
  }
}

/**
 * Writes one post at `<outDir>/YYYY/MM/<slug>.md` (`-2`, `-3`… when the name or its URL is
 * taken); the file is fsynced, its folder is not (see syncDirs). Throws InvalidDraftError
 * when the draft cannot be written as a valid post; any other error is an I/O failure.
 */
export async function storePost(outDir: string, draft: PostDraft, options: StoreOptions): Promise<StoredPost> {
  const date = parseIsoDate(draft.frontMatter.date);
  if (date === null) {
    throw new InvalidDraftError(`date: expected an ISO 8601 date, found ${JSON.stringify(draft.frontMatter.date)}`);
  }
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

/**
 * Links tmp to final; false when the name is taken. Synchronous: a link is a few
 * microseconds, and a batch does one after another.
 */
function linkNoClobber(tmp: string, final: string): boolean {
  try {
    linkSync(tmp, final);
    return true;
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
  }
  // A file system without hard links: an exclusive copy still never overwrites, though a
  // crash during it could leave a partial file.
  try {
    copyFileSync(tmp, final, fsConstants.COPYFILE_EXCL);
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

export interface BatchOptions extends StoreOptions {
  /** Aborting stops the batch before the next post is linked; its temp files are removed. */
  signal?: AbortSignal;
  /** By draft key: renderFirst's result, computed ahead (in a worker); the others are rendered here. */
  renders?: ReadonlyMap<string, FirstRender>;
}

export type FirstRender = { text: string } | { invalid: string };

/**
 * What storePosts renders first for a draft — its file text under its own slug — or why it
 * cannot be stored (InvalidDraftError's message); undefined after any other error, which
 * storePosts will then meet and report itself.
 */
export function renderFirst(draft: PostDraft): FirstRender | undefined {
  try {
    draftDate(draft);
    const { base, derived } = draftSlugs(draft.frontMatter.title, draft.key);
    return { text: renderPost(frontMatterFor(draft, base === derived ? undefined : base), draft.body) };
  } catch (error) {
    return error instanceof InvalidDraftError ? { invalid: error.message } : undefined;
  }
}

function draftDate(draft: PostDraft): Date {
  const date = parseIsoDate(draft.frontMatter.date);
  if (date === null) {
    throw new InvalidDraftError(`date: expected an ISO 8601 date, found ${JSON.stringify(draft.frontMatter.date)}`);
  }
  return date;
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

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone; a leftover temp file is removed by the next run's scan anyway
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

export function isTempName(name: string): boolean {
  return TEMP_NAME.test(name);
}

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

/** The fields the scan needs; what a full YAML parse of the front matter gives for them. */
export interface IndexFields {
  title?: string;
  date?: string;
  slug?: string;
  source?: { name?: string; url?: string; id?: string; feed?: string };
}

// Core-schema plain scalars that are not strings (numbers, booleans, null).
const NOT_A_STRING =
  /^(?:[-+]?\d+|0o[0-7]+|0x[\da-fA-F]+|[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|null|Null|NULL|~|true|True|TRUE|false|False|FALSE)$/;
// Control characters (tabs included), line separators, BOMs: left to the parser.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
const TOP_LINE = /^([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?$/;
const NESTED_LINE = /^ {2}([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?$/;
const LIST_LINE = /^ {2}- +(.*)$/;
const SIMPLE_FLOW_LIST = /^\[[^[\]{}"'#&*!|>%@`]*\]$/;
const NEEDED = new Set(['title', 'date', 'slug']);
const NEEDED_SOURCE = new Set(['name', 'url', 'id', 'feed']);

type Scalar = { string: string } | 'other';

/** A one-line scalar whose meaning is certain without a YAML parser; undefined: not sure. */
function simpleScalar(raw: string): Scalar | undefined {
  const text = raw.replace(/ +$/, '');
  if (text.startsWith('"')) {
    const inner = text.slice(1, -1);
    return text.length >= 2 && text.endsWith('"') && !/["\\]/.test(inner) ? { string: inner } : undefined;
  }
  if (!/^[\p{L}\p{N}/]/u.test(text) || text.includes(': ') || text.includes(' #') || text.endsWith(':')) return undefined;
  return NOT_A_STRING.test(text) ? 'other' : { string: text };
}

/**
 * Reads the needed fields straight from front matter in the shape Khabar and most editors
 * write (one key per line, double-quoted or plain one-line strings, `source:` as a block,
 * lists of simple items). Anything else returns undefined, and the caller parses the YAML:
 * this only spares the parser on the common case, it never guesses (see the store tests).
 */
export function quickIndexFields(yamlText: string): IndexFields | undefined {
  const fields: IndexFields = {};
  const topKeys = new Set<string>();
  const sourceKeys = new Set<string>();
  let block: string | undefined; // the top-level key whose indented lines follow
  for (const line of yamlText.split('\n')) {
    if (UNSAFE_CHARS.test(line)) return undefined;
    if (line.trim() === '' || /^ *#/.test(line)) continue;
    if (line.startsWith(' ')) {
      if (block === 'source') {
        const nested = NESTED_LINE.exec(line);
        if (nested === null || sourceKeys.has(nested[1]!) || nested[2] === undefined) return undefined;
        sourceKeys.add(nested[1]!);
        const value = simpleScalar(nested[2]);
        if (value === undefined) return undefined;
        if (value !== 'other' && NEEDED_SOURCE.has(nested[1]!)) {
          (fields.source as Record<string, string>)[nested[1]!] = value.string;
        }
      } else {
        const item = block === undefined ? null : LIST_LINE.exec(line);
        if (item === null || simpleScalar(item[1]!) === undefined) return undefined;
      }
      continue;
    }
    const top = TOP_LINE.exec(line);
    if (top === null || topKeys.has(top[1]!)) return undefined;
    const key = top[1]!;
    topKeys.add(key);
    const raw = top[2]?.replace(/ +$/, '') ?? '';
    if (raw === '') {
      // A block follows (or the value is null): only `source:` is read from one.
      block = key;
      if (key === 'source') fields.source = {};
      continue;
    }
    block = undefined;
    if (key === 'source') return undefined; // a flow mapping
    if (raw.startsWith('[')) {
      if (!SIMPLE_FLOW_LIST.test(raw) || NEEDED.has(key)) return undefined;
      continue;
    }
    const value = simpleScalar(raw);
    if (value === undefined) return undefined;
    if (value !== 'other' && NEEDED.has(key)) fields[key as 'title' | 'date' | 'slug'] = value.string;
  }
  if (topKeys.has('source') && sourceKeys.size === 0) delete fields.source; // `source:` alone is null
  return fields;
}

/** The same fields through the YAML parser every reader of front matter uses. */
export function parsedIndexFields(head: string): IndexFields {
  const data = parseFrontMatter(head).data;
  const fields: IndexFields = {};
  for (const key of ['title', 'date', 'slug'] as const) {
    if (typeof data[key] === 'string') fields[key] = data[key];
  }
  const source = data.source;
  if (source !== null && typeof source === 'object' && !Array.isArray(source)) {
    fields.source = {};
    for (const key of ['name', 'url', 'id', 'feed'] as const) {
      const value = (source as Record<string, unknown>)[key];
      if (typeof value === 'string') fields.source[key] = value;
    }
  }
  return fields;
}

/** The fields of a front matter block read by readFrontMatterHead (fence to fence). */
export function indexFieldsOf(head: string): IndexFields {
  const quick = head.startsWith('---\n') && head.endsWith('\n---\n') ? quickIndexFields(head.slice(4, -4)) : undefined;
  return quick ?? parsedIndexFields(head);
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
