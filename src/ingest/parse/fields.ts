/**
 * Small readers shared by the format parsers: xml2js values (explicitArray: every child is an
 * array; text is `_` when the element also has attributes), text with CDATA marks (markup or
 * text, see xml-prepare.ts), links against an xml:base, and the media thumbnail of an item.
 */
import { escapeHtml, htmlToText } from '../../convert/html-text.ts';
import { CLOSE, MARKS, OPEN } from './xml-prepare.ts';

export type Node = Record<string, unknown>;

export function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

export function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The element's own text (marks and all), or undefined for an element without text. */
export function rawText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (isNode(value) && typeof value._ === 'string') return value._;
  return undefined;
}

export function attrs(value: unknown): Record<string, string> {
  if (isNode(value) && isNode(value.$)) return value.$ as Record<string, string>;
  return {};
}

export function first(item: Node, key: string): unknown {
  return list(item[key])[0];
}

export function unmark(text: string): string {
  return text.replace(MARKS, '');
}

export function clean(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const trimmed = unmark(text).trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Text with CDATA marks, each part through markup() or text() as it was markup or text. */
function mapMarked(text: string, markup: (part: string) => string, plain: (part: string) => string): string {
  let out = '';
  let inside = false;
  for (const part of text.split(/([\uE000\uE001])/)) {
    if (part === OPEN) inside = true;
    else if (part === CLOSE) inside = false;
    else out += inside ? markup(part) : plain(part);
  }
  return out;
}

/** Text whose CDATA parts are markup → HTML (text parts get only `&` escaped: see index.ts). */
export function markedToHtml(text: string): string {
  return mapMarked(text, (part) => part, (part) => part.replace(/&/g, '&amp;'));
}

/** Text whose CDATA parts are markup → plain text. */
export function markedToText(text: string): string {
  return mapMarked(text, (part) => htmlToText(part), (part) => part)
    .replace(/\s+/g, ' ')
    .trim();
}

export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** A date element as a string: its text, or — for `<pubDate><time datetime="…">…</time></pubDate>` — the element. */
export function dateString(value: unknown): string | undefined {
  const text = rawText(value);
  if (text !== undefined && text.trim() !== '') return clean(text);
  if (isNode(value)) return clean(toMarkup(value, ''));
  return undefined;
}

/** Rebuilds simple markup from an xml2js node (order of mixed content is not kept). */
function toMarkup(node: unknown, name: string): string {
  if (typeof node === 'string') return name === '' ? escapeHtml(node) : `<${name}>${escapeHtml(node)}</${name}>`;
  if (!isNode(node)) return '';
  let inner = typeof node._ === 'string' ? escapeHtml(node._) : '';
  for (const [key, value] of Object.entries(node)) {
    if (key === '_' || key === '$') continue;
    for (const child of list(value)) inner += toMarkup(child, key);
  }
  if (name === '') return inner;
  const attributes = Object.entries(attrs(node))
    .map(([key, value]) => ` ${key}="${escapeHtml(String(value))}"`)
    .join('');
  return `<${name}${attributes}>${inner}</${name}>`;
}

export function resolveAgainst(link: string | undefined, base: string | undefined): string | undefined {
  if (link === undefined || base === undefined) return link;
  try {
    return new URL(link, base).href;
  } catch {
    return link;
  }
}

export function joinBase(base: string | undefined, xmlBase: string | undefined): string | undefined {
  if (xmlBase === undefined || xmlBase.trim() === '') return base;
  try {
    return new URL(xmlBase.trim(), base).href;
  } catch {
    return base;
  }
}

export function firstDefined<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((value) => value !== undefined);
}

export function uniqueStrings(values: (string | undefined)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values) {
    if (value === undefined || value === '') continue;
    const key = value.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(value);
  }
  return out;
}

export function thumbnailOf(item: Node): string | undefined {
  const group = first(item, 'kMediaGroup');
  const groupNode = isNode(group) ? group : {};
  const candidates: (string | undefined)[] = [
    ...list(item.kMediaThumbnail).map((node) => attrs(node).url),
    ...list(groupNode['media:thumbnail']).map((node) => attrs(node).url),
    ...[...list(item.kMediaContent), ...list(groupNode['media:content'])]
      .map((node) => attrs(node))
      .filter((a) => (a.medium ?? 'image') === 'image' && /^(?:image\/|$)/i.test(a.type ?? ''))
      .sort((a, b) => (Number(b.width) || 0) - (Number(a.width) || 0))
      .map((a) => a.url),
    ...list(item.kEnclosure)
      .filter((node) => /^image\//i.test(attrs(node).type ?? ''))
      .map((node) => attrs(node).url),
    ...list(item.kItunesImage).map((node) => attrs(node).href),
  ];
  return firstDefined(...candidates.map((url) => clean(url)));
}
