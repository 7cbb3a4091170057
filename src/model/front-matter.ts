import matter from 'gray-matter';
import { LineCounter, parseDocument, isMap, isScalar, stringify } from 'yaml';
import { KhabarError } from './errors.ts';

/**
 * Front matter is YAML 1.2 (the `yaml` package's core schema): no timestamps turned into
 * Dates behind the editor's back, no `!!js/function`, `yes` stays a string. Every reader of
 * front matter — Eleventy, `npm run check`, ingest — goes through these engines, so they
 * agree on what a file says. JavaScript front matter would run code from a content file:
 * it is refused.
 */

export class FrontMatterError extends KhabarError {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.line = line;
  }
}

function parseYaml(raw: string): Record<string, unknown> {
  // gray-matter splits on "\n" only: fold Windows line ends so no value keeps a "\r".
  const source = raw.replace(/\r\n?/g, '\n');
  const doc = parseDocument(source, { prettyErrors: true, uniqueKeys: true, schema: 'core' });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    // gray-matter hands over the text from just after the opening "---", newline included,
    // so the YAML's line numbers are already the file's.
    const line = first.linePos?.[0]?.line ?? 2;
    const message = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new FrontMatterError(`invalid YAML: ${message}`, line);
  }
  const value: unknown = doc.toJS({ maxAliasCount: 50 });
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new FrontMatterError('front matter must be a YAML mapping of fields', 2);
  }
  return value as Record<string, unknown>;
}

function refuseJavaScript(): never {
  throw new FrontMatterError(
    'JavaScript front matter (---js) is not allowed: it would run code from a content file. Use YAML (---).',
    1,
  );
}

/** The engines handed to gray-matter, by Eleventy and by Khabar's own readers alike. */
export const frontMatterEngines = {
  yaml: parseYaml,
  js: refuseJavaScript,
  javascript: refuseJavaScript,
  json: (source: string): Record<string, unknown> => parseYaml(source),
};

export interface ParsedFile {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of the first body line in the file. */
  bodyLine: number;
}

const FENCE = /^---([a-zA-Z]*)[ \t]*\r?\n/;

export function parseFrontMatter(text: string): ParsedFile {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const fence = FENCE.exec(source);
  if (fence === null) {
    return { data: {}, body: source, bodyLine: 1 };
  }
  const language = fence[1]!.toLowerCase();
  if (language !== '' && language !== 'yaml' && language !== 'yml' && language !== 'json') refuseJavaScript();
  const parsed = matter(source, { engines: frontMatterEngines, language: language === '' ? 'yaml' : language });
  const head = source.length - parsed.content.length;
  const bodyLine = source.slice(0, head).split('\n').length;
  return { data: parsed.data, body: parsed.content, bodyLine };
}

/** Finds the line (1-based, in the file) where a top-level front-matter field is written. */
export function lineOfField(text: string, field: string): number {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const fence = FENCE.exec(source);
  if (fence === null) return 1;
  const end = source.indexOf('\n---', fence[0].length - 1);
  const yamlText = source.slice(fence[0].length, end === -1 ? undefined : end + 1);
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, schema: 'core' });
  if (!isMap(doc.contents)) return 2;
  for (const pair of doc.contents.items) {
    if (isScalar(pair.key) && String(pair.key.value) === field && pair.key.range) {
      return lineCounter.linePos(pair.key.range[0]).line + 1;
    }
  }
  return 2;
}

const YAML_OPTIONS = { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' } as const;

/** Front matter as `yaml` writes it with YAML_OPTIONS (the serialiser every file goes through). */
export function yamlFrontMatter(data: Record<string, unknown>): string {
  return stringify(data, YAML_OPTIONS);
}

// A string `yaml` writes as itself between double quotes: nothing JSON.stringify would escape
// (quote, backslash, control characters, lone surrogates), so no escape and no line folding.
// eslint-disable-next-line no-control-regex -- control characters are what needs an escape
const NEEDS_ESCAPE = /["\\\u0000-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const quotedAsIs = (value: unknown): value is string => typeof value === 'string' && !NEEDS_ESCAPE.test(value);
// A key `yaml` writes bare and reads back as the same string (not a null, boolean or number).
const plainKey = (key: string): boolean => /^[a-z_][a-z0-9_]*$/i.test(key) && !/^(?:null|true|false|yes|no|on|off|y|n)$/i.test(key);
const scalar = (value: unknown): string | undefined =>
  quotedAsIs(value) ? `"${value}"` : typeof value === 'boolean' ? String(value) : Number.isSafeInteger(value) && (value as number) >= 0 ? String(value) : undefined;

/**
 * The same text as yamlFrontMatter for the shapes posts have (quoted strings, booleans, whole
 * numbers, lists of strings, one level of mapping), without building `yaml`'s document
 * model (about 8% of the importer's CPU at 50,000 posts). Anything else, or any string that
 * needs an escape, returns undefined and goes to `yaml`. A test holds the two to the same
 * bytes on every sample post and on generated hostile values.
 */
export function quickFrontMatter(data: Record<string, unknown>): string | undefined {
  let out = '';
  for (const [key, value] of Object.entries(data)) {
    if (value === undefined) continue;
    if (!plainKey(key)) return undefined;
    const single = scalar(value);
    if (single !== undefined) {
      out += `${key}: ${single}\n`;
      continue;
    }
    if (Array.isArray(value)) {
      if (value.length === 0) {
        out += `${key}: []\n`;
        continue;
      }
      out += `${key}:\n`;
      for (const entry of value as unknown[]) {
        if (!quotedAsIs(entry)) return undefined;
        out += `  - "${entry}"\n`;
      }
      continue;
    }
    if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return undefined;
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return undefined;
    out += `${key}:\n`;
    for (const [innerKey, inner] of entries) {
      const innerText = plainKey(innerKey) ? scalar(inner) : undefined;
      if (innerText === undefined) return undefined;
      out += `  ${innerKey}: ${innerText}\n`;
    }
  }
  return out === '' ? undefined : out;
}

/**
 * Serialises front matter + body: `yaml`, or the quick writer where it gives the same bytes
 * (only strings that need no escape are written by hand, so no title can escape its field).
 */
export function stringifyFrontMatter(data: Record<string, unknown>, body: string): string {
  const yamlText = quickFrontMatter(data) ?? yamlFrontMatter(data);
  const text = body.endsWith('\n') || body === '' ? body : `${body}\n`;
  return `---\n${yamlText}---\n${text}`;
}
