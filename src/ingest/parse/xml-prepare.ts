/**
 * The XML text before and after rss-parser reads it: the root element and its xml:base and
 * xml:lang (documentInfo), raw markup in text elements taken as markup (wrapInlineMarkup),
 * CDATA sections swapped for numbered placeholders and put back (markCdata, restoreCdata),
 * bare `&` repaired for a second try (fixBareAmpersands), and the shape every XML format's
 * parser gets (XmlFeed).
 */
import { decodeHTMLStrict } from 'entities';
import type { Node } from './fields.ts';
import { FeedParseError } from './feed-parse-error.ts';

/** The document with its CDATA sections replaced by numbered placeholders (see markCdata). */
interface MarkedXml {
  marked: string;
  sections: string[];
}

// CDATA sections are taken out of the document before the XML is parsed, each replaced by its
// number between these private-use marks, and put back between the same marks afterwards: so
// we still know which text was markup, and the XML parser does not read (and the marking does
// not escape) the bulk of a feed, its HTML bodies, character by character.
export const OPEN = '\uE000';
export const CLOSE = '\uE001';
export const MARKS = /[\uE000\uE001]/g;

/** An XML feed as the format parsers (rss.ts, atom.ts) get it. */
export interface XmlFeed {
  /** rss-parser's result, CDATA sections restored between the marks. */
  output: Node;
  items: Node[];
  /** The document text (Atom reads xhtml constructs from it). */
  xml: string;
  info: XmlDocumentInfo;
  /** The feed's URL joined with the root's xml:base. */
  base: string | undefined;
  hasXmlBase: boolean;
}

export interface XmlDocumentInfo {
  root: string;
  base?: string;
  lang?: string;
}

const PROLOG = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*/i;

export function documentInfo(xml: string): XmlDocumentInfo {
  const body = xml.replace(PROLOG, '');
  const start = /^<([A-Za-z_][\w.:-]*)((?:\s[^>]*)?)>/.exec(body);
  if (start === null) {
    throw new FeedParseError('not a feed: the document does not start with an XML element');
  }
  const name = start[1]!;
  const attributeText = start[2] ?? '';
  const attribute = (attr: string): string | undefined => {
    const match = new RegExp(`\\s${attr}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributeText);
    const value = match?.[1] ?? match?.[2];
    return value === undefined ? undefined : value.replace(/&amp;/g, '&');
  };
  const root = name.includes(':') ? name.slice(name.indexOf(':') + 1) : name;
  const info: XmlDocumentInfo = { root };
  const base = attribute('xml:base');
  const lang = attribute('xml:lang');
  if (base !== undefined) info.base = base;
  if (lang !== undefined) info.lang = lang;
  return info;
}

export function markCdata(xml: string): MarkedXml {
  const sections: string[] = [];
  const marked = xml.replace(MARKS, '').replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, inner: string) => {
    sections.push(inner);
    return `${OPEN}${sections.length - 1}${newlinesIn(inner)}${CLOSE}`;
  });
  return { marked, sections };
}

/** The line breaks of a CDATA section, kept in its placeholder so that XML errors name the right line. */
function newlinesIn(text: string): string {
  let count = 0;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) count++;
  return '\n'.repeat(count);
}

const PLACEHOLDER = /\uE000(\d+)\n*\uE001/g;

/** Puts each CDATA section's text back between the marks, in every string of the parsed tree. */
export function restoreCdata(value: unknown, sections: readonly string[]): unknown {
  if (typeof value === 'string') {
    return value.includes(OPEN) ? value.replace(PLACEHOLDER, (_m, n: string) => `${OPEN}${sections[Number(n)]}${CLOSE}`) : value;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restoreCdata(value[i], sections);
  } else if (typeof value === 'object' && value !== null) {
    const node = value as Node;
    for (const key of Object.keys(node)) node[key] = restoreCdata(node[key], sections);
  }
  return value;
}

// A text element written with raw child elements (RSS `<title>A <b>bold</b> word</title>`,
// `<description><p>…</p></description>`, Atom `<content type="html"><p>…</p></content>`): not
// valid, but common, and the XML parser would keep only the loose text. Its content is taken
// as the markup it is, as if in a CDATA section. One pass over the tags (CDATA sections and
// comments skipped whole): linear even for a document full of unclosed elements.
const TEXT_TAG = {
  rss: /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<(\/?)(title|dc:title|description|content:encoded)((?:\s[^>]*)?)>/g,
  atom: /<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->|<(\/?)(title|summary|content)((?:\s[^>]*)?)>/g,
};
const MAY_HOLD_MARKUP = {
  rss: /<(?:title|dc:title|description|content:encoded)\b[^>]*>[^<]*<[A-Za-z]/,
  atom: /<(?:title|summary|content)\b[^>]*\stype\s*=\s*["'](?:text\/)?html["'][^>]*>[^<]*<[A-Za-z]/,
};
// Atom: only elements that say they hold HTML (xhtml ones are read from the document text).
const HTML_TYPE = /\stype\s*=\s*["'](?:text\/)?html["']/;

/** The document with the content of text elements that hold raw child elements wrapped in CDATA. */
export function wrapInlineMarkup(xml: string, format: 'rss' | 'atom'): string {
  if (!MAY_HOLD_MARKUP[format].test(xml)) return xml;
  let out = '';
  let copied = 0;
  let open: { name: string; end: number } | undefined;
  for (const match of xml.matchAll(TEXT_TAG[format])) {
    const [tag, slash, name, attributes = ''] = match;
    if (name === undefined) continue; // CDATA or comment
    if (slash === '') {
      const wanted = !attributes.trimEnd().endsWith('/') && (format === 'rss' || HTML_TYPE.test(attributes));
      open = wanted ? { name, end: match.index + tag.length } : undefined;
      continue;
    }
    if (open !== undefined && open.name === name) {
      const inner = xml.slice(open.end, match.index);
      if (!inner.includes('<![CDATA[') && /<[A-Za-z/]/.test(inner)) {
        out += `${xml.slice(copied, open.end)}<![CDATA[${inner.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`;
        copied = match.index;
      }
    }
    open = undefined;
  }
  return out + xml.slice(copied);
}

/** `&` that starts no entity reference (common in hand-made feeds) → `&amp;`. */
export function fixBareAmpersands(xml: string): string {
  return xml.replace(/&(?!(?:[A-Za-z][\w.-]*|#\d+|#x[0-9A-Fa-f]+);)/g, '&amp;');
}

const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);

/**
 * For the second try too: a named reference that neither XML nor HTML defines (`&foo;`, not
 * declared in the DOCTYPE) → the text `&foo;`, rather than failing the whole feed.
 */
export function fixUnknownEntities(xml: string): string {
  return xml.replace(/&([A-Za-z][\w.-]*);/g, (reference, name: string) =>
    PREDEFINED.has(name) || decodeHTMLStrict(reference) !== reference ? reference : `&amp;${name};`,
  );
}

export function describeXmlError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, ', ').replace(MARKS, '');
}
