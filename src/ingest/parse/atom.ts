/**
 * Atom 1.0: rss-parser's output → ParsedFeed (see index.ts for what each field holds). Text
 * constructs are read by their type; `type="xhtml"` ones come from the document text, since
 * an XML-to-object round trip loses the order of mixed content.
 */
import { escapeHtml } from '../../convert/html-text.ts';
import type { ParsedFeed, RawItem } from '../types.ts';
import {
  attrs,
  clean,
  dateString,
  first,
  firstDefined,
  isNode,
  joinBase,
  list,
  markedToText,
  rawText,
  resolveAgainst,
  textToHtml,
  thumbnailOf,
  uniqueStrings,
  unmark,
  type Node,
} from './fields.ts';
import type { XmlFeed } from './xml-prepare.ts';

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
      if (attributes.trimEnd().endsWith('/') || !/\stype\s*=\s*["'](?:xhtml|application\/xhtml\+xml)["']/.test(attributes)) continue;
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

function atomText(value: unknown, xhtml: string | undefined, kind: 'title' | 'body'): string | undefined {
  if (value === undefined) return undefined;
  const type = (attrs(value).type ?? 'text').trim().toLowerCase();
  if (attrs(value).src !== undefined) return undefined; // out-of-line content
  if (type === 'xhtml' || type === 'application/xhtml+xml') return xhtml === undefined ? undefined : clean(xhtml);
  const mode = (attrs(value).mode ?? '').trim().toLowerCase();
  const raw = rawText(value);
  // Atom 0.3: mode="escaped" is HTML as text (read by its type, as 1.0's type="html");
  // mode="base64" is the bytes of the type, here UTF-8 text or HTML.
  const text = raw !== undefined && mode === 'base64' ? fromBase64(unmark(raw)) : raw;
  if (text === undefined) return undefined;
  if (type === 'html' || type === 'text/html') return clean(text);
  if (type === 'text' || type === 'text/plain') {
    const plain = unmark(text);
    return clean(kind === 'title' ? plain.replace(/&/g, '&amp;') : textToHtml(plain));
  }
  return undefined; // base64 or other media types: nothing to show
}

function fromBase64(text: string): string | undefined {
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return undefined;
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  return decoded.includes('\uFFFD') ? undefined : decoded;
}

function atomLink(links: unknown[]): string | undefined {
  const candidates = links.filter(isNode).map((link) => attrs(link));
  const alternate =
    candidates.find((a) => (a.rel ?? 'alternate') === 'alternate' && /html/i.test(a.type ?? 'text/html')) ??
    candidates.find((a) => (a.rel ?? 'alternate') === 'alternate');
  return clean(alternate?.href);
}

export function parseAtom({ output, items, xml, info, base, hasXmlBase }: XmlFeed): ParsedFeed {
  const xhtml = xml.includes('xhtml') ? atomXhtmlBlocks(xml) : [];
  const blocks = xhtml.length === items.length ? xhtml : [];
  const feedAuthorNode = first(output, 'author');
  const feedAuthor = isNode(feedAuthorNode) ? clean(rawText(first(feedAuthorNode, 'name'))) : undefined;
  const feed: ParsedFeed = {
    items: items.map((item, index) => atomItem(item, blocks[index] ?? {}, base, hasXmlBase, feedAuthor)),
  };
  const titleNode = output.title;
  const title = typeof titleNode === 'string' ? clean(markedToText(titleNode)) : undefined;
  const link = clean(rawText(output.kSiteLink));
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
