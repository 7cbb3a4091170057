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

/** Serialises front matter + body. A YAML serialiser, never string building: no title can escape its field. */
export function stringifyFrontMatter(data: Record<string, unknown>, body: string): string {
  const yamlText = stringify(data, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' });
  const text = body.endsWith('\n') || body === '' ? body : `${body}\n`;
  return `---\n${yamlText}---\n${text}`;
}
