/**
 * Two hand-written readers of front matter in the shapes Khabar (and most editors) write,
 * beside the YAML parser they stand in for (front-matter.ts): they spare the parser on the
 * common case, thousands of times per ingest run. Each either gives exactly the answer the
 * parser would, or declines (undefined) and the caller parses the YAML; they never guess
 * (tests/model/front-matter-fast.test.ts holds them to the parser).
 *
 * - quickReadBack: a whole post as stringifyFrontMatter writes it (ingest's read-back check).
 * - quickIndexFields: the few fields the posts scan needs (title, date, slug, source.*), with
 *   indexFieldsOf choosing it or the parser.
 */
import { parseFrontMatter } from './front-matter.ts';

// Core-schema plain scalars that are not strings (numbers, booleans, null).
const NOT_A_STRING =
  /^(?:[-+]?\d+|0o[0-7]+|0x[\da-fA-F]+|[-+]?(?:\.\d+|\d+(?:\.\d*)?)(?:[eE][-+]?\d+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|null|Null|NULL|~|true|True|TRUE|false|False|FALSE)$/;

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

/** The fields the scan needs; what a full YAML parse of the front matter gives for them. */
export interface IndexFields {
  title?: string;
  date?: string;
  slug?: string;
  source?: { name?: string; url?: string; id?: string; feed?: string };
}

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
  return indexFieldsFrom(parseFrontMatter(head).data);
}

/** The index fields of parsed front matter: the string-valued ones, nothing else. */
export function indexFieldsFrom(data: Record<string, unknown>): IndexFields {
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
