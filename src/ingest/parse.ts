import Parser from 'rss-parser';
import { escapeHtml, htmlToText } from '../convert/html-text.ts';
import type { ParsedFeed, RawItem } from './types.ts';
import { KhabarError } from '../model/errors.ts';

/**
 * Feed text → ParsedFeed. RSS 0.9x, 1.0 (RDF) and 2.0 and Atom go through rss-parser (which
 * does the XML and finds the channel and its items); JSON Feed 1.0/1.1 is read here. Every
 * field is mapped from the raw XML element (rss-parser's `customFields` with `keepArray`), so
 * the result carries strings exactly as the feed meant them:
 *
 * - `title` is HTML source. A title the feed wrote as *text* (XML-escaped RSS text, Atom
 *   `type="text"`, JSON Feed) gets its `&` escaped, so that normalise's single entity decode
 *   gives back exactly that text: `it&amp;#x27;s` in the XML is the text `it&#x27;s`, and stays
 *   so. A title the feed wrote as *markup* (a CDATA section in RSS, Atom `type="html"`/`xhtml`)
 *   is passed through, so `&#x0024;4300 1930ft<sup>2</sup>` becomes `$4300 1930ft2` there.
 * - `summary` and `content` are HTML. Plain-text bodies (Atom `type="text"`, JSON Feed
 *   `summary`/`content_text`, YouTube's `media:description`) are escaped into paragraphs.
 *   Atom `type="xhtml"` is taken from the document text, because an XML-to-object round trip
 *   loses the order of mixed content.
 * - `link` is the feed's link for the item: FeedBurner's `origLink` when present, else the
 *   item's (Atom: `rel="alternate"`) link, else a permalink `guid` (or an http(s) Atom `id`).
 *   Relative links are resolved here only against an `xml:base`; otherwise normalise resolves
 *   them against the feed's URL.
 * - `categories` and `author` are plain text.
 *
 * A document that is not a feed, or not well-formed enough to read, throws FeedParseError.
 */

export class FeedParseError extends KhabarError {}

type Node = Record<string, unknown>;

/** The document with its CDATA sections replaced by numbered placeholders (see markCdata). */
interface MarkedXml {
  marked: string;
  sections: string[];
}

// CDATA sections are taken out of the document before the XML is parsed, each replaced by its
// number between these private-use marks, and put back between the same marks afterwards: so
// we still know which text was markup, and the XML parser does not read (and the marking does
// not escape) the bulk of a feed, its HTML bodies, character by character.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKS = /[\uE000\uE001]/g;

const ITEM_FIELDS: [string, string][] = [
  ['title', 'kTitle'],
  ['dc:title', 'kDcTitle'],
  ['link', 'kLink'],
  ['feedburner:origLink', 'kOrigLink'],
  ['guid', 'kGuid'],
  ['id', 'kId'],
  ['description', 'kDescription'],
  ['summary', 'kSummary'],
  ['content', 'kContent'],
  ['content:encoded', 'kEncoded'],
  ['turbo:content', 'kTurbo'],
  ['yandex:full-text', 'kFullText'],
  ['full-text', 'kPlainFullText'],
  ['author', 'kAuthor'],
  ['dc:creator', 'kCreator'],
  ['pubDate', 'kPubDate'],
  ['dc:date', 'kDcDate'],
  ['dcterms:issued', 'kIssuedTerm'],
  ['dcterms:modified', 'kModifiedTerm'],
  ['issued', 'kIssued'],
  ['created', 'kCreated'],
  ['modified', 'kModified'],
  ['atom:updated', 'kAtomUpdated'],
  ['category', 'kCategory'],
  ['dc:subject', 'kSubject'],
  ['dc:language', 'kLanguage'],
  ['enclosure', 'kEnclosure'],
  ['media:content', 'kMediaContent'],
  ['media:thumbnail', 'kMediaThumbnail'],
  ['media:group', 'kMediaGroup'],
  ['itunes:image', 'kItunesImage'],
  ['yt:videoId', 'kVideoId'],
  ['$', 'kAttrs'],
];

// ---------------------------------------------------------------------------------------------
// Small readers for xml2js values (explicitArray: every child is an array; text is `_` when the
// element also has attributes).

function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The element's own text (marks and all), or undefined for an element without text. */
function rawText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (isNode(value) && typeof value._ === 'string') return value._;
  return undefined;
}

function attrs(value: unknown): Record<string, string> {
  if (isNode(value) && isNode(value.$)) return value.$ as Record<string, string>;
  return {};
}

function first(item: Node, key: string): unknown {
  return list(item[key])[0];
}

function unmark(text: string): string {
  return text.replace(MARKS, '');
}

function clean(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const trimmed = unmark(text).trim();
  return trimmed === '' ? undefined : trimmed;
}

/** Text whose CDATA parts are markup → HTML (text parts get only `&` escaped: see above). */
function markedToHtml(text: string): string {
  let html = '';
  let inside = false;
  for (const part of text.split(/([\uE000\uE001])/)) {
    if (part === OPEN) inside = true;
    else if (part === CLOSE) inside = false;
    else html += inside ? part : part.replace(/&/g, '&amp;');
  }
  return html;
}

/** Text whose CDATA parts are markup → plain text. */
function markedToText(text: string): string {
  let out = '';
  let inside = false;
  for (const part of text.split(/([\uE000\uE001])/)) {
    if (part === OPEN) inside = true;
    else if (part === CLOSE) inside = false;
    else out += inside ? htmlToText(part) : part;
  }
  return out.replace(/\s+/g, ' ').trim();
}

function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** A date element as a string: its text, or — for `<pubDate><time datetime="…">…</time></pubDate>` — the element. */
function dateString(value: unknown): string | undefined {
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

function resolveAgainst(link: string | undefined, base: string | undefined): string | undefined {
  if (link === undefined || base === undefined) return link;
  try {
    return new URL(link, base).href;
  } catch {
    return link;
  }
}

function joinBase(base: string | undefined, xmlBase: string | undefined): string | undefined {
  if (xmlBase === undefined || xmlBase.trim() === '') return base;
  try {
    return new URL(xmlBase.trim(), base).href;
  } catch {
    return base;
  }
}

function firstDefined<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((value) => value !== undefined);
}

function uniqueStrings(values: (string | undefined)[]): string[] {
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

// ---------------------------------------------------------------------------------------------
// The XML side.

interface XmlDocumentInfo {
  root: string;
  base?: string;
  lang?: string;
}

const PROLOG = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*/i;

function documentInfo(xml: string): XmlDocumentInfo {
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

function markCdata(xml: string): MarkedXml {
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
function restoreCdata(value: unknown, sections: readonly string[]): unknown {
  if (typeof value === 'string') {
    return value.includes(OPEN) ? value.replace(PLACEHOLDER, (_m, n: string) => `${OPEN}${sections[Number(n)]}${CLOSE}`) : value;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restoreCdata(value[i], sections);
  } else if (isNode(value)) {
    for (const key of Object.keys(value)) value[key] = restoreCdata(value[key], sections);
  }
  return value;
}

/** `&` that starts no entity reference (common in hand-made feeds) → `&amp;`. */
function fixBareAmpersands(xml: string): string {
  return xml.replace(/&(?!(?:[A-Za-z][\w.-]*|#\d+|#x[0-9A-Fa-f]+);)/g, '&amp;');
}

interface AtomTextBlocks {
  title?: string;
  summary?: string;
  content?: string;
}

/**
 * Atom `type="xhtml"` constructs, per entry in document order, straight from the document text
 * (the wrapping xhtml `div` removed, namespace prefixes dropped, CDATA escaped).
 */
function atomXhtmlBlocks(xml: string): AtomTextBlocks[] {
  const blocks: AtomTextBlocks[] = [];
  const entry = /<((?:[\w.-]+:)?)entry(?=[\s>])[^>]*>([\s\S]*?)<\/\1entry\s*>/g;
  for (const match of xml.matchAll(entry)) {
    const prefix = match[1] ?? '';
    const body = match[2] ?? '';
    const block: AtomTextBlocks = {};
    for (const name of ['title', 'summary', 'content'] as const) {
      const element = new RegExp(`<${prefix}${name}(?=[\\s/>])([^>]*)>([\\s\\S]*?)</${prefix}${name}\\s*>`).exec(body);
      if (element === null) continue;
      const attributes = element[1] ?? '';
      if (attributes.trimEnd().endsWith('/') || !/\stype\s*=\s*["']xhtml["']/.test(attributes)) continue;
      block[name] = xhtmlToHtml(element[2] ?? '');
    }
    blocks.push(block);
  }
  return blocks;
}

function xhtmlToHtml(xhtml: string): string {
  let inner = xhtml
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, (_m, text: string) => escapeHtml(text))
    .replace(/<(\/?)[\w.-]+:(?=[\w.-])/g, '<$1')
    .trim();
  const wrapper = /^<div\b[^>]*>([\s\S]*)<\/div>$/.exec(inner);
  if (wrapper !== null) inner = wrapper[1]!.trim();
  return inner;
}

interface RssParserInternals {
  parseItemAtom?: (entry: Node) => Node;
  parseItemRss?: (xmlItem: Node, itemFields: unknown) => Node;
  buildAtomFeed?: (xmlObj: Node) => Node;
}

function makeParser(): Parser<Node, Node> {
  const parser = new Parser<Node, Node>({
    defaultRSS: 2,
    customFields: {
      feed: ['dc:language', 'author'],
      item: ITEM_FIELDS.map(([from, to]) => [from, to, { keepArray: true }]),
    },
  } as Parser.ParserOptions<Node, Node>);
  // rss-parser turns Atom dates into ISO strings with `new Date(…).toISOString()`, which throws
  // for an unreadable date and fails the whole feed, and it reads `link.$.rel` without checking
  // that a link has attributes. Those fields are read raw here, so keep them away from it.
  const internals = parser as unknown as RssParserInternals;
  const parseItemAtom = internals.parseItemAtom?.bind(parser);
  if (parseItemAtom !== undefined) {
    internals.parseItemAtom = (entry: Node): Node => {
      const { published, updated, link, ...rest } = entry;
      return { ...parseItemAtom(rest), kPublished: published, kUpdated: updated, kLink: link };
    };
  }
  // For an RSS item's description and content:encoded, rss-parser also makes a plain-text
  // "snippet" (tags stripped by regex, entities decoded): unused here, and a good part of its
  // time. The raw elements go around it, to the fields they are read from.
  const parseItemRss = internals.parseItemRss?.bind(parser);
  if (parseItemRss !== undefined) {
    internals.parseItemRss = (xmlItem: Node, itemFields: unknown): Node => {
      const { description, 'content:encoded': encoded, ...rest } = xmlItem;
      return { ...parseItemRss(rest, itemFields), kDescription: description, kEncoded: encoded };
    };
  }
  const buildAtomFeed = internals.buildAtomFeed?.bind(parser);
  if (buildAtomFeed !== undefined) {
    internals.buildAtomFeed = (xmlObj: Node): Node => {
      const feed = xmlObj.feed;
      if (isNode(feed) && Array.isArray(feed.link)) feed.link = feed.link.filter((link) => attrs(link).href !== undefined);
      return buildAtomFeed(xmlObj);
    };
  }
  return parser;
}

function describeXmlError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s*\n\s*/g, ', ').replace(MARKS, '');
}

async function parseXml(xml: string, feedUrl: string): Promise<ParsedFeed> {
  const info = documentInfo(xml);
  const root = info.root.toLowerCase();
  if (root === 'html') throw new FeedParseError('not a feed: the document is an HTML page');
  if (root !== 'rss' && root !== 'rdf' && root !== 'feed') {
    throw new FeedParseError(`not a feed: the root element is <${info.root}>, not <rss>, <rdf:RDF> or Atom <feed>`);
  }
  const { marked, sections } = markCdata(xml);
  let output: Node;
  try {
    output = (await makeParser().parseString(marked)) as unknown as Node;
  } catch (error) {
    const repaired = fixBareAmpersands(marked);
    if (repaired === marked) throw new FeedParseError(`invalid XML: ${describeXmlError(error)}`);
    try {
      output = (await makeParser().parseString(repaired)) as unknown as Node;
    } catch {
      throw new FeedParseError(`invalid XML: ${describeXmlError(error)}`);
    }
  }
  restoreCdata(output, sections);
  const base = joinBase(feedUrl, info.base);
  const hasXmlBase = info.base !== undefined;
  const items = list(output.items).filter(isNode);
  if (root === 'feed') return atomFeed(output, items, xml, info, base, hasXmlBase);
  return rssFeed(output, items, info, base, hasXmlBase);
}

function feedTitle(output: Node): string | undefined {
  const title = rawText(output.title);
  return title === undefined ? undefined : clean(markedToText(title));
}

function rssFeed(output: Node, items: Node[], info: XmlDocumentInfo, base: string | undefined, hasXmlBase: boolean): ParsedFeed {
  const feed: ParsedFeed = { items: items.map((item) => rssItem(item, base, hasXmlBase)) };
  const title = feedTitle(output);
  const link = clean(rawText(output.link));
  const lang = clean(firstDefined(rawText(output.language), rawText(output['dc:language']), info.lang));
  if (title !== undefined) feed.title = title;
  if (link !== undefined) feed.link = link;
  if (lang !== undefined) feed.lang = lang;
  return feed;
}

function rssItem(item: Node, feedBase: string | undefined, feedHasXmlBase: boolean): RawItem {
  const raw: RawItem = { categories: [] };
  const itemAttrs = isNode(item.kAttrs) ? (item.kAttrs as Record<string, string>) : {};
  const base = joinBase(feedBase, itemAttrs['xml:base']);
  const hasXmlBase = feedHasXmlBase || itemAttrs['xml:base'] !== undefined;

  const title = firstDefined(rawText(first(item, 'kTitle')), rawText(first(item, 'kDcTitle')));
  if (title !== undefined && unmark(title).trim() !== '') raw.title = markedToHtml(title).trim();

  const guidNode = first(item, 'kGuid');
  const guid = clean(rawText(guidNode));
  if (guid !== undefined) raw.guid = guid;
  const guidIsPermalink = (attrs(guidNode).isPermaLink ?? 'true').trim().toLowerCase() !== 'false';

  const linkNode = list(item.kLink).find((value) => clean(rawText(value) ?? attrs(value).href) !== undefined);
  const link = firstDefined(
    clean(rawText(first(item, 'kOrigLink'))),
    clean(rawText(linkNode) ?? attrs(linkNode).href),
    guid !== undefined && guidIsPermalink && /^https?:\/\//i.test(guid) ? guid : undefined,
  );
  if (link !== undefined) raw.link = hasXmlBase ? resolveAgainst(link, base)! : link;

  const summary = clean(rawText(first(item, 'kDescription')));
  if (summary !== undefined) raw.summary = summary;
  const content = firstDefined(
    ...['kEncoded', 'kTurbo', 'kFullText', 'kPlainFullText', 'kContent'].map((key) => clean(rawText(first(item, key)))),
  );
  if (content !== undefined) raw.content = content;

  const author = firstDefined(
    ...['kCreator', 'kAuthor'].map((key) => {
      const value = rawText(first(item, key));
      return value === undefined ? undefined : clean(markedToText(value));
    }),
  );
  if (author !== undefined) raw.author = author;

  const published = firstDefined(
    ...['kPubDate', 'kDcDate', 'kIssuedTerm', 'kIssued'].map((key) => dateString(first(item, key))),
  );
  if (published !== undefined) raw.published = published;
  const updated = firstDefined(
    ...['kModifiedTerm', 'kAtomUpdated', 'kModified'].map((key) => dateString(first(item, key))),
  );
  if (updated !== undefined) raw.updated = updated;

  raw.categories = uniqueStrings(
    [...list(item.kCategory), ...list(item.kSubject)].map((value) => {
      const text = rawText(value) ?? attrs(value).text;
      return text === undefined ? undefined : clean(markedToText(text));
    }),
  );

  const thumbnail = thumbnailOf(item);
  if (thumbnail !== undefined) raw.thumbnail = hasXmlBase ? resolveAgainst(thumbnail, base)! : thumbnail;
  const lang = clean(firstDefined(rawText(first(item, 'kLanguage')), itemAttrs['xml:lang']));
  if (lang !== undefined) raw.lang = lang;
  const videoId = clean(rawText(first(item, 'kVideoId')));
  if (videoId !== undefined) raw.videoId = videoId;
  return raw;
}

function thumbnailOf(item: Node): string | undefined {
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

function atomText(value: unknown, xhtml: string | undefined, kind: 'title' | 'body'): string | undefined {
  if (value === undefined) return undefined;
  const type = (attrs(value).type ?? 'text').trim().toLowerCase();
  if (attrs(value).src !== undefined) return undefined; // out-of-line content
  if (type === 'xhtml' || type === 'application/xhtml+xml') return xhtml === undefined ? undefined : clean(xhtml);
  const text = rawText(value);
  if (text === undefined) return undefined;
  if (type === 'html' || type === 'text/html') return clean(text);
  if (type === 'text' || type === 'text/plain') {
    const plain = unmark(text);
    return clean(kind === 'title' ? plain.replace(/&/g, '&amp;') : textToHtml(plain));
  }
  return undefined; // base64 or other media types: nothing to show
}

function atomLink(links: unknown[]): string | undefined {
  const candidates = links.filter(isNode).map((link) => attrs(link));
  const alternate =
    candidates.find((a) => (a.rel ?? 'alternate') === 'alternate' && /html/i.test(a.type ?? 'text/html')) ??
    candidates.find((a) => (a.rel ?? 'alternate') === 'alternate');
  return clean(alternate?.href);
}

function atomFeed(
  output: Node,
  items: Node[],
  xml: string,
  info: XmlDocumentInfo,
  base: string | undefined,
  hasXmlBase: boolean,
): ParsedFeed {
  const xhtml = xml.includes('xhtml') ? atomXhtmlBlocks(xml) : [];
  const blocks = xhtml.length === items.length ? xhtml : [];
  const feedAuthorNode = first(output, 'author');
  const feedAuthor = isNode(feedAuthorNode) ? clean(rawText(first(feedAuthorNode, 'name'))) : undefined;
  const feed: ParsedFeed = {
    items: items.map((item, index) => atomItem(item, blocks[index] ?? {}, base, hasXmlBase, feedAuthor)),
  };
  const titleNode = output.title;
  const title = typeof titleNode === 'string' ? clean(markedToText(titleNode)) : undefined;
  const link = clean(rawText(output.link));
  if (title !== undefined) feed.title = title;
  if (link !== undefined) feed.link = hasXmlBase ? resolveAgainst(link, base)! : link;
  if (info.lang !== undefined && info.lang.trim() !== '') feed.lang = info.lang.trim();
  return feed;
}

function atomItem(
  item: Node,
  xhtml: AtomTextBlocks,
  feedBase: string | undefined,
  feedHasXmlBase: boolean,
  feedAuthor: string | undefined,
): RawItem {
  const raw: RawItem = { categories: [] };
  const itemAttrs = isNode(item.kAttrs) ? (item.kAttrs as Record<string, string>) : {};
  const base = joinBase(feedBase, itemAttrs['xml:base']);
  const hasXmlBase = feedHasXmlBase || itemAttrs['xml:base'] !== undefined;
  const group = first(item, 'kMediaGroup');
  const groupNode = isNode(group) ? group : {};

  const title = firstDefined(
    atomText(first(item, 'kTitle'), xhtml.title, 'title'),
    atomText(first(groupNode, 'media:title'), undefined, 'title'),
  );
  if (title !== undefined) raw.title = title;

  const id = clean(rawText(first(item, 'kId')));
  if (id !== undefined) raw.guid = id;
  const link = firstDefined(
    clean(rawText(first(item, 'kOrigLink'))),
    atomLink(list(item.kLink)),
    id !== undefined && /^https?:\/\//i.test(id) ? id : undefined,
  );
  if (link !== undefined) raw.link = hasXmlBase ? resolveAgainst(link, base)! : link;

  const summary = atomText(first(item, 'kSummary'), xhtml.summary, 'body');
  const content = atomText(first(item, 'kContent'), xhtml.content, 'body');
  const description = rawText(first(groupNode, 'media:description'));
  if (summary !== undefined) raw.summary = summary;
  else if (content === undefined && description !== undefined && unmark(description).trim() !== '') {
    raw.summary = textToHtml(unmark(description));
  }
  if (content !== undefined) raw.content = content;

  const authorNode = first(item, 'kAuthor');
  const author = isNode(authorNode) ? clean(rawText(first(authorNode, 'name'))) : undefined;
  const authorName = firstDefined(author, feedAuthor);
  if (authorName !== undefined) raw.author = markedToText(authorName);

  const published = firstDefined(
    ...['kPublished', 'kIssued', 'kCreated', 'kDcDate'].map((key) => dateString(first(item, key))),
  );
  if (published !== undefined) raw.published = published;
  const updated = firstDefined(...['kUpdated', 'kModified'].map((key) => dateString(first(item, key))));
  if (updated !== undefined) raw.updated = updated;

  raw.categories = uniqueStrings(
    list(item.kCategory).map((node) => {
      const text = firstDefined(attrs(node).label, attrs(node).term, rawText(node));
      return text === undefined ? undefined : clean(markedToText(text));
    }),
  );

  const thumbnail = thumbnailOf(item);
  if (thumbnail !== undefined) raw.thumbnail = hasXmlBase ? resolveAgainst(thumbnail, base)! : thumbnail;
  const lang = clean(itemAttrs['xml:lang']);
  if (lang !== undefined) raw.lang = lang;
  const videoId = clean(rawText(first(item, 'kVideoId')));
  if (videoId !== undefined) raw.videoId = videoId;
  return raw;
}

// ---------------------------------------------------------------------------------------------
// JSON Feed 1.0 / 1.1 (https://www.jsonfeed.org/version/1.1/).

function jsonString(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function jsonAuthor(value: Node): string | undefined {
  const authors = [...list(value.authors), ...list(value.author)];
  for (const author of authors) {
    const name = isNode(author) ? jsonString(author.name) : jsonString(author);
    if (name !== undefined) return name;
  }
  return undefined;
}

function parseJson(text: string): ParsedFeed {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new FeedParseError(`invalid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!isNode(data) || typeof data.version !== 'string' || !/^https?:\/\/jsonfeed\.org\/version\//i.test(data.version)) {
    throw new FeedParseError('not a feed: JSON without a JSON Feed version ("https://jsonfeed.org/version/1.1")');
  }
  if (data.items !== undefined && !Array.isArray(data.items)) {
    throw new FeedParseError('invalid JSON Feed: "items" is not a list');
  }
  const feedAuthor = jsonAuthor(data);
  const feed: ParsedFeed = {
    items: list(data.items)
      .filter(isNode)
      .map((item) => jsonItem(item, feedAuthor)),
  };
  const title = jsonString(data.title);
  const link = jsonString(data.home_page_url);
  const lang = jsonString(data.language);
  if (title !== undefined) feed.title = title;
  if (link !== undefined) feed.link = link;
  if (lang !== undefined) feed.lang = lang;
  return feed;
}

function jsonItem(item: Node, feedAuthor: string | undefined): RawItem {
  const raw: RawItem = { categories: [] };
  const title = jsonString(item.title);
  if (title !== undefined) raw.title = title.replace(/&/g, '&amp;');
  const guid = jsonString(item.id);
  if (guid !== undefined) raw.guid = guid;
  const link = firstDefined(jsonString(item.url), jsonString(item.external_url));
  if (link !== undefined) raw.link = link;
  const summary = jsonString(item.summary);
  if (summary !== undefined) raw.summary = textToHtml(summary);
  const contentHtml = jsonString(item.content_html);
  const contentText = jsonString(item.content_text);
  if (contentHtml !== undefined) raw.content = contentHtml;
  else if (contentText !== undefined) raw.content = textToHtml(contentText);
  const author = firstDefined(jsonAuthor(item), feedAuthor);
  if (author !== undefined) raw.author = author;
  const published = jsonString(item.date_published);
  if (published !== undefined) raw.published = published;
  const updated = jsonString(item.date_modified);
  if (updated !== undefined) raw.updated = updated;
  raw.categories = uniqueStrings(list(item.tags).map((tag) => jsonString(tag)));
  const thumbnail = firstDefined(jsonString(item.image), jsonString(item.banner_image));
  if (thumbnail !== undefined) raw.thumbnail = thumbnail;
  const lang = jsonString(item.language);
  if (lang !== undefined) raw.lang = lang;
  return raw;
}

// ---------------------------------------------------------------------------------------------

/**
 * Parses a feed document (already decoded to text). Leading whitespace and a byte-order mark are
 * tolerated. Throws FeedParseError when the text is not a feed this can read.
 */
export async function parseFeed(text: string, feedUrl: string): Promise<ParsedFeed> {
  if (typeof text !== 'string') throw new FeedParseError('not a feed: no text');
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw new FeedParseError('not a feed: the document is empty');
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parseJson(trimmed);
  if (trimmed.startsWith('<')) return parseXml(trimmed, feedUrl);
  throw new FeedParseError('not a feed: the document is neither XML nor JSON');
}
