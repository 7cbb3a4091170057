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
 *   item's (Atom: `rel="alternate"`) link, else an RSS item's alternate `atom:link`, else RSS
 *   1.0's `rdf:about`, else a permalink `guid` (or an http(s) Atom `id`); none: undefined
 *   (normalise then links the outlet's home page, the feed's `link`).
 *   Relative links are resolved here only against an `xml:base`; otherwise normalise resolves
 *   them against the feed's URL.
 * - `categories` and `author` are plain text; an item without an author has the feed's.
 * - Text elements holding raw child elements (invalid, but common) are read as markup.
 *
 * Entities declared in the document's own DOCTYPE are expanded first, within caps
 * (doctype-entities.ts). A valid feed without items is a feed of 0 items.
 *
 * A document that is not a feed, or not well-formed enough to read, throws FeedParseError.
 *
 * This file detects the format and hands the document to its parser: JSON Feed (json-feed.ts),
 * or for XML, by root element, RSS/RDF (rss.ts) or Atom (atom.ts). A new format is a new file
 * and one line here.
 */
import type { ParsedFeed } from '../types.ts';
import { parseAtom } from './atom.ts';
import { expandDoctypeEntities } from './doctype-entities.ts';
import { isNode, joinBase, list, type Node } from './fields.ts';
import { FeedParseError } from './feed-parse-error.ts';
import { parseJsonFeed } from './json-feed.ts';
import { makeParser } from './rss-parser-patches.ts';
import { parseRss } from './rss.ts';
import {
  describeXmlError,
  documentInfo,
  fixBareAmpersands,
  fixUnknownEntities,
  markCdata,
  restoreCdata,
  wrapInlineMarkup,
  type XmlFeed,
} from './xml-prepare.ts';

export { FeedParseError };

/** The XML formats by root element (lower case, namespace prefix dropped). */
const XML_FORMATS = new Map<string, (feed: XmlFeed) => ParsedFeed>([
  ['rss', parseRss],
  ['rdf', parseRss],
  ['feed', parseAtom],
]);

/** An XML document: its root element picks the format; rss-parser reads it once for all of them. */
async function parseXml(text: string, feedUrl: string): Promise<ParsedFeed> {
  const info = documentInfo(text);
  const root = info.root.toLowerCase();
  if (root === 'html') throw new FeedParseError('not a feed: the document is an HTML page');
  const parse = XML_FORMATS.get(root);
  if (parse === undefined) {
    throw new FeedParseError(`not a feed: the root element is <${info.root}>, not <rss>, <rdf:RDF> or Atom <feed>`);
  }
  const expanded = expandDoctypeEntities(text);
  const xml = wrapInlineMarkup(expanded, parse === parseAtom ? 'atom' : 'rss');
  const { marked, sections } = markCdata(xml);
  let output: Node;
  try {
    output = (await makeParser().parseString(marked)) as unknown as Node;
  } catch (error) {
    const repaired = fixUnknownEntities(fixBareAmpersands(marked));
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
  return parse({ output, items, xml, info, base, hasXmlBase });
}

/**
 * Parses a feed document (already decoded to text). Leading whitespace and a byte-order mark are
 * tolerated. Throws FeedParseError when the text is not a feed this can read.
 */
export async function parseFeed(text: string, feedUrl: string): Promise<ParsedFeed> {
  if (typeof text !== 'string') throw new FeedParseError('not a feed: no text');
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw new FeedParseError('not a feed: the document is empty');
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return parseJsonFeed(trimmed);
  if (trimmed.startsWith('<')) return parseXml(trimmed, feedUrl);
  throw new FeedParseError('not a feed: the document is neither XML nor JSON');
}
