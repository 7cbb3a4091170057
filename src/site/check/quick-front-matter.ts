import type { ParsedFile } from '../../model/front-matter.ts';

/**
 * Front matter as Khabar writes it (model/front-matter.ts's quickFrontMatter: `key: "text"`,
 * booleans, whole numbers, `[]`, lists of quoted strings, one level of mapping), read without
 * the `yaml` package's document model, which is most of a cold start's parsing time at 50,000
 * posts. Anything outside that shape — a comment, a plain or single-quoted scalar, an escape,
 * a control character, a repeated key, other delimiters — returns undefined, and the file goes
 * to parseFrontMatter, whose answer this one must equal exactly (data, body and body line; a
 * test holds them to it on every sample file and on hostile input). Where the body starts is
 * worked out as gray-matter does.
 */

const KEY = /^([A-Za-z_][A-Za-z0-9_]*):(.*)$/;
const ITEM = /^ {2}- (.*)$/;
const ENTRY = /^ {2}([A-Za-z_][A-Za-z0-9_]*): (.*)$/;
// A double-quoted YAML string with nothing in it that YAML reads specially (escapes, quotes,
// control characters, line and paragraph separators, the byte-order mark, non-characters,
// surrogates: those go to `yaml`).
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const QUOTED = /^"([^"\\\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff\ud800-\udfff]*)"$/;
const WHOLE = /^(?:0|[1-9][0-9]{0,14})$/;
// Keys `yaml` would read as something else than the same string, and one no object may take.
const SPECIAL_KEY = /^(?:null|true|false|yes|no|on|off|y|n|__proto__)$/i;

type Scalar = string | number | boolean;

function scalar(text: string): Scalar | undefined {
  const quoted = QUOTED.exec(text);
  if (quoted !== null) return quoted[1]!;
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (WHOLE.test(text)) return Number(text);
  return undefined;
}

function key(name: string, into: Record<string, unknown>): boolean {
  return !SPECIAL_KEY.test(name) && !Object.hasOwn(into, name);
}

/** The YAML between the fences, or undefined when it is not in the shape read here. */
function quickYaml(lines: readonly string[]): Record<string, unknown> | undefined {
  const data: Record<string, unknown> = {};
  let i = 0;
  while (i < lines.length) {
    const top = KEY.exec(lines[i++]!);
    if (top === null || !key(top[1]!, data)) return undefined;
    const [, name, rest] = top as unknown as [string, string, string];
    if (rest === '') {
      // A block: a list of quoted strings, or a mapping of scalars, indented by two spaces.
      const items: string[] = [];
      const entries: Record<string, unknown> = {};
      let isList: boolean | undefined;
      while (i < lines.length && lines[i]!.startsWith('  ')) {
        const line = lines[i++]!;
        const item = ITEM.exec(line);
        if (item !== null && isList !== false) {
          const value = QUOTED.exec(item[1]!);
          if (value === null) return undefined;
          items.push(value[1]!);
          isList = true;
          continue;
        }
        const entry = ENTRY.exec(line);
        if (entry === null || isList === true || !key(entry[1]!, entries)) return undefined;
        const value = scalar(entry[2]!);
        if (value === undefined) return undefined;
        entries[entry[1]!] = value;
        isList = false;
      }
      if (isList === undefined) return undefined;
      data[name] = isList ? items : entries;
      continue;
    }
    if (!rest.startsWith(' ')) return undefined;
    const text = rest.slice(1);
    if (text === '[]') {
      data[name] = [];
      continue;
    }
    const value = scalar(text);
    if (value === undefined) return undefined;
    data[name] = value;
  }
  return i === 0 ? undefined : data;
}

/** parseFrontMatter's answer for a file in Khabar's own shape; undefined for any other file. */
export function quickParseFrontMatter(text: string): ParsedFile | undefined {
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!source.startsWith('---\n')) return undefined;
  // As gray-matter: the front matter ends at the first "\n---"; the body starts after it, less one newline.
  const str = source.slice(3);
  const close = str.indexOf('\n---');
  if (close === -1) return undefined;
  const data = quickYaml(str.slice(1, close).split('\n'));
  if (data === undefined) return undefined;
  let body = str.slice(close + 4);
  if (body.startsWith('\n')) body = body.slice(1);
  const head = source.length - body.length;
  return { data, body, bodyLine: source.slice(0, head).split('\n').length };
}
